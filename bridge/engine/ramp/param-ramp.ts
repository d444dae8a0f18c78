import { assertNever } from '../../core/assert-never.js';
import { holdSegment, planRamp, valueAt, type RampShape, type Segment, type TargetKind } from './ramp.js';

/**
 * Drives one AudioParam by ramps, never steps. Keeps the segment it scheduled last so a new target
 * starts from the exact value the running ramp has reached.
 *
 * A move at time `now` (normally ctx.currentTime; offline renders schedule ahead):
 *   cancelScheduledValues(now)           drop what the previous move scheduled after now;
 *   <previous shape>RampTo(v_now, now)   only if that move was mid-ramp: cancelling removed its end
 *                                        event, and per the spec a ramp is defined by its end, so
 *                                        without this the param would hold its old start value
 *                                        until now (measured: a 0.21 jump when scheduled ahead);
 *   setValueAtTime(v_now, now)           the anchor DESIGN.md asks for: automation starts at now;
 *   <shape>RampTo(target, now + T)       the move itself.
 * Nothing starts in a later block than `now` (DESIGN.md, automation bug); setTargetAtTime is never
 * used (it panicked this library's offline renderer, measured). cancelAndHoldAtTime is not used
 * either: here it jumps towards the target (measured 1.0 → 0.52 in one sample).
 */
export class ParamRamp {
  private segment: Segment;

  constructor(
    private readonly param: AudioParam,
    readonly kind: TargetKind,
    initialPlain: number,
  ) {
    const { target } = planRamp(kind, initialPlain);
    // Before the context runs (or at t = 0 offline) a plain assignment is not heard as a step.
    param.value = target;
    this.segment = holdSegment(target, 0);
  }

  /** Starts a ramp towards a plain value at context time `now` (seconds). */
  moveTo(plain: number, now: number): void {
    const plan = planRamp(this.kind, plain);
    const prev = this.segment;
    const from = valueAt(prev, now);
    const t1 = now + plan.duration;
    this.param.cancelScheduledValues(now);
    if (prev.t0 < now && now < prev.t1) this.rampTo(prev.shape, from, now);
    this.param.setValueAtTime(from, now);
    this.rampTo(plan.shape, plan.target, t1);
    this.segment = { from, to: plan.target, t0: now, t1, shape: plan.shape };
  }

  private rampTo(shape: RampShape, value: number, at: number): void {
    switch (shape) {
      case 'linear':
        this.param.linearRampToValueAtTime(value, at);
        return;
      case 'exponential':
        this.param.exponentialRampToValueAtTime(value, at);
        return;
      default:
        assertNever(shape, 'ramp shape');
    }
  }
}
