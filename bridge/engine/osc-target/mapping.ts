import { numberOf } from '../../core/routing/osc-decode.js';
import { assertNever } from '../../core/assert-never.js';
import { clampUnit } from '../../core/unit.js';
import { fromNorm, quantise, toNorm, type ParamDescriptor, type ParamId } from '../../core/param/descriptor.js';
import type { DecodedMessage } from '../../drivers/osc/codec.js';
import { float, GENERIC_PREFIX, int, type OscTargetTemplate, type OutMessage } from './template.js';

/** A parameter value read back from the peer, plain (in the descriptor's unit). */
export interface FeedbackValue {
  readonly id: ParamId;
  readonly value: number;
}

/**
 * Maps chain parameters to a template's OSC messages and back. Built once per engine: the
 * parameter numbers (1-based, CHAIN_PARAMS order unless the template overrides them) are
 * resolved up front so both directions are a map lookup.
 */
export class TemplateMapping {
  private readonly number = new Map<ParamId, number>();
  private readonly byNumber = new Map<number, ParamDescriptor>();
  private readonly byId = new Map<ParamId, ParamDescriptor>();

  constructor(
    readonly template: OscTargetTemplate,
    params: readonly ParamDescriptor[],
  ) {
    const overrides = template.kind === 'generic' ? undefined : template.params;
    params.forEach((d, i) => {
      const n = overrides?.[d.id] ?? i + 1;
      this.number.set(d.id, n);
      this.byNumber.set(n, d);
      this.byId.set(d.id, d);
    });
  }

  /** The message setting `id` to the plain `value`, or undefined for an unknown id. */
  toMessage(id: ParamId, value: number): OutMessage | undefined {
    const d = this.byId.get(id);
    const n = this.number.get(id);
    if (d === undefined || n === undefined) return undefined;
    const plain = quantise(d, value);
    const t = this.template;
    switch (t.kind) {
      case 'reaper':
        return { address: reaperAddress(t.track, t.fx, n), args: [float(toNorm(d, plain))] };
      case 'ardour':
        return { address: ARDOUR_PARAM, args: [int(t.ssid), int(t.piid), int(n), float(plain)] };
      case 'generic':
        return { address: `${t.prefix ?? GENERIC_PREFIX}/${id}`, args: [float(plain)] };
      default:
        return assertNever(t, 'OSC target template');
    }
  }

  /** The parameter value an incoming message reports, or undefined when it is not one of ours. */
  fromMessage(m: DecodedMessage): FeedbackValue | undefined {
    const t = this.template;
    switch (t.kind) {
      case 'reaper': {
        const match = REAPER_FEEDBACK.exec(m.address);
        if (match === null || Number(match[1]) !== t.track || Number(match[2]) !== t.fx) return undefined;
        const d = this.byNumber.get(Number(match[3]));
        const v = numberOf(m.args[0]);
        return d === undefined || v === undefined ? undefined : { id: d.id, value: fromNorm(d, clampUnit(v)) };
      }
      case 'ardour': {
        if (m.address !== ARDOUR_PARAM) return undefined;
        const [ssid, piid, n, v] = m.args.map((a) => numberOf(a));
        if (ssid !== t.ssid || piid !== t.piid || n === undefined || v === undefined) return undefined;
        const d = this.byNumber.get(n);
        return d === undefined ? undefined : { id: d.id, value: quantise(d, v) };
      }
      case 'generic': {
        const prefix = `${t.prefix ?? GENERIC_PREFIX}/`;
        if (!m.address.startsWith(prefix)) return undefined;
        const d = this.byId.get(m.address.slice(prefix.length));
        const v = numberOf(m.args[0]);
        return d === undefined || v === undefined ? undefined : { id: d.id, value: quantise(d, v) };
      }
      default:
        return assertNever(t, 'OSC target template');
    }
  }
}

/** Ardour manual, "Controlling Ardour with OSC", plug-in control of a strip. */
const ARDOUR_PARAM = '/strip/plugin/parameter';

/** Default.ReaperOSC `FX_PARAM_VALUE n/track/@/fx/@/fxparam/@/value`. */
const reaperAddress = (track: number, fx: number, param: number): string => `/track/${track}/fx/${fx}/fxparam/${param}/value`;
const REAPER_FEEDBACK = /^\/track\/(\d+)\/fx\/(\d+)\/fxparam\/(\d+)\/value$/;

