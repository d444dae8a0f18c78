import type { ParamId } from '../../core/param/descriptor.js';

/**
 * Where an external OSC engine lives and how it names parameters, as data. Each template maps
 * every chain parameter (CHAIN_PARAMS, in order) to one OSC message; `params` overrides the
 * default 1-based parameter number of an id (the position of the id in CHAIN_PARAMS).
 */
export type OscTargetTemplate = ReaperTemplate | ArdourTemplate | GenericTemplate;

interface TargetBase {
  /** The peer (the DAW's OSC port). */
  readonly host: string;
  readonly port: number;
  /**
   * Local UDP port the adapter sends from and listens on for feedback (0: ephemeral). Reaper
   * sends feedback to the device port configured in its OSC settings, so set it to that there.
   */
  readonly listenPort?: number;
}

/**
 * Reaper, with its stock pattern file (Default.ReaperOSC: `FX_PARAM_VALUE
 * n/track/@/fx/@/fxparam/@/value`, the `n` prefix meaning a normalised 0..1 float). Reaper echoes
 * the same address back as feedback. Tracks, FX slots and parameters are numbered from 1.
 */
export interface ReaperTemplate extends TargetBase {
  readonly kind: 'reaper';
  readonly track: number;
  readonly fx: number;
  readonly params?: Readonly<Record<ParamId, number>>;
}

/**
 * Ardour (manual, "Controlling Ardour with OSC": `/strip/plugin/parameter ssid piid param value`,
 * the value in the plug-in's own range; strip and plug-in ids are 1-based). The surface first
 * announces itself with `/set_surface bank_size strip_types feedback ...` so Ardour replies to
 * it; feedback arrives on the same address.
 */
export interface ArdourTemplate extends TargetBase {
  readonly kind: 'ardour';
  readonly ssid: number;
  readonly piid: number;
  readonly params?: Readonly<Record<ParamId, number>>;
  /** `/set_surface` strip_types bit set (manual: 159 = the default strip set). */
  readonly stripTypes?: number;
  /** `/set_surface` feedback bit set (manual: 1 buttons + 2 variable controls = 3). */
  readonly feedback?: number;
}

/** Anything else: `<prefix>/<id> <plain value>` (prefix `/detent/engine` unless set). */
export interface GenericTemplate extends TargetBase {
  readonly kind: 'generic';
  readonly prefix?: string;
}

/** One outgoing argument: OSC int32 or float32 (the types every peer reads). */
export type OutArg = { readonly type: 'i' | 'f'; readonly value: number };

/** One outgoing OSC message. */
export interface OutMessage {
  readonly address: string;
  readonly args: readonly OutArg[];
}

export const GENERIC_PREFIX = '/detent/engine';
export const ARDOUR_DEFAULT_STRIP_TYPES = 159;
export const ARDOUR_DEFAULT_FEEDBACK = 3;

const int = (value: number): OutArg => ({ type: 'i', value });
const float = (value: number): OutArg => ({ type: 'f', value });

/**
 * The handshake sent once on start. Ardour: `/set_surface bank_size strip_types feedback fadermode
 * send_page_size plugin_page_size port` (manual, "Control Surface Set"; bank 0 = no banking,
 * port 0 = reply to the sending port). Reaper and generic peers need none.
 */
export function handshake(t: OscTargetTemplate): OutMessage[] {
  if (t.kind !== 'ardour') return [];
  const args = [0, t.stripTypes ?? ARDOUR_DEFAULT_STRIP_TYPES, t.feedback ?? ARDOUR_DEFAULT_FEEDBACK, 0, 0, 0, 0];
  return [{ address: '/set_surface', args: args.map(int) }];
}

export { float, int };
