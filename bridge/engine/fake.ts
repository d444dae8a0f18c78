import type { ParamDescriptor, ParamId } from '../core/param/descriptor.js';
import type { Db } from '../core/units.js';
import { CHAIN_PARAMS } from './chain/params.js';
import type { Engine, EngineStatus, MeterFrame } from './interface.js';

/** One value the fake was asked to apply, in call order. */
export interface AppliedValue {
  readonly id: ParamId;
  readonly value: number;
}

/**
 * An engine with no audio, for tests of everything around the engine: it records every applied
 * value, emits meter frames only when told to (`emitMeters`), and runs on the `none` sink.
 */
export class FakeEngine implements Engine {
  readonly applied: AppliedValue[] = [];
  /** Every monitor gain set (dB), in call order; the last one is in force. */
  readonly monitorGains: number[] = [];
  private readonly listeners = new Set<(f: MeterFrame) => void>();
  private readonly values = new Map<ParamId, number>();
  private state: EngineStatus = { state: 'stopped' };

  constructor(
    readonly params: readonly ParamDescriptor[] = CHAIN_PARAMS,
    private readonly sampleRate = 48000,
  ) {}

  start(): Promise<EngineStatus> {
    this.state = { state: 'running', sink: 'none', sampleRate: this.sampleRate, source: 'fake' };
    return Promise.resolve(this.state);
  }

  /** Records the value (every call, no coalescing, so tests can count them). */
  apply(id: ParamId, value: number): void {
    this.applied.push({ id, value });
    this.values.set(id, value);
  }

  /** The last value applied to `id`, or undefined when none was. */
  last(id: ParamId): number | undefined {
    return this.values.get(id);
  }

  /** Records the gain; the fake has no audio, so nothing else changes (meters stay pre-monitor). */
  setMonitorGain(gain: Db): void {
    this.monitorGains.push(gain);
  }

  /** The monitor gain in force, dB. */
  get monitorGainDb(): number {
    return this.monitorGains.at(-1) ?? 0;
  }

  onMeters(listener: (frame: MeterFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a frame to every listener, only while running (a closed engine emits nothing). */
  emitMeters(frame: MeterFrame): void {
    if (this.state.state !== 'running') return;
    for (const l of this.listeners) l(frame);
  }

  status(): EngineStatus {
    return this.state;
  }

  close(): Promise<void> {
    this.state = { state: 'stopped' };
    return Promise.resolve();
  }
}
