import { assertNever } from '../core/assert-never.js';
import { oscKey } from '../core/routing/key.js';
import type { ControlBinding, ControlDecode, OscFeedbackSpec } from '../core/routing/table.js';
import type { ControllerProfile, ProfileControl } from './profile-schema.js';
import type { Problem } from './problems.js';
import { compileMidiControl, midiSource } from './profile-midi-compile.js';

type OscBlock = NonNullable<ProfileControl['osc']>;

type Range = { readonly min: number; readonly max: number };
const UNIT_RANGE: Range = Object.freeze({ min: 0, max: 1 });

/** The values the control sends: its range for absolute controls, 0..1 (positions) for the others. */
const inputRange = (c: ProfileControl, osc: OscBlock): Range => ('range' in osc ? osc.range : UNIT_RANGE);

function decode(c: ProfileControl, osc: OscBlock): ControlDecode {
  switch (c.kind) {
    case 'absolute': {
      const r = inputRange(c, osc);
      return Object.freeze({ kind: c.kind, range: Object.freeze({ min: r.min, max: r.max }) });
    }
    case 'relative':
    case 'button':
      return Object.freeze({ kind: c.kind });
    default:
      return assertNever(c, 'profile control');
  }
}

/** Feedback: `true` = to the input address in the input range; `false` = none; an object overrides. */
function feedback(c: ProfileControl, osc: OscBlock): OscFeedbackSpec | null {
  const fb = osc.feedback;
  if (fb === false) return null;
  const o = fb === true ? {} : fb;
  const range = o.range ?? inputRange(c, osc);
  return Object.freeze({ kind: 'osc', address: o.address ?? osc.address, range: Object.freeze({ min: range.min, max: range.max }), text: o.text ?? null });
}

/** One control of profile `profile` → its core bindings: one keyed by its OSC address, one by its MIDI source (each if present). */
export function compileControl(c: ProfileControl, profile: string): ControlBinding[] {
  const out: ControlBinding[] = [];
  if (c.osc !== undefined) out.push(Object.freeze({ control: c.id, profile, input: oscKey(c.osc.address), decode: decode(c, c.osc), feedback: feedback(c, c.osc) }));
  const midi = compileMidiControl(c, profile);
  if (typeof midi !== 'string') out.push(midi);
  return out;
}

export const compileProfile = (p: ControllerProfile): readonly ControlBinding[] => Object.freeze(p.controls.flatMap((c) => compileControl(c, p.id)));

/**
 * Checks a profile beyond its schema: control ids and input addresses are each unique, and no
 * value range is empty (min = max cannot be scaled to positions).
 */
export function profileProblems(p: ControllerProfile, file: string): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, number>();
  const addresses = new Map<string, number>();
  const emptyRange = (r: Range | undefined, path: string): void => {
    if (r !== undefined && r.min === r.max) problems.push({ file, path, message: `empty range: min and max are both ${r.min}` });
  };
  p.controls.forEach((c, i) => {
    const at = `/controls/${i}`;
    const id = ids.get(c.id);
    if (id !== undefined) problems.push({ file, path: `${at}/id`, message: `duplicate control id ${JSON.stringify(c.id)} (also /controls/${id}/id)` });
    else ids.set(c.id, i);
    if (c.osc === undefined && c.midi === undefined) problems.push({ file, path: at, message: 'a control needs an osc or a midi input' });
    if (c.midi !== undefined) {
      const s = midiSource(c.midi);
      if (typeof s === 'string') problems.push({ file, path: `${at}/midi`, message: s });
      else {
        const key = `midi ${JSON.stringify(s)}`;
        const other = addresses.get(key);
        if (other !== undefined) problems.push({ file, path: `${at}/midi`, message: `MIDI source already used by /controls/${other}` });
        else addresses.set(key, i);
      }
      emptyRange(c.midi.range, `${at}/midi/range`);
    }
    if (c.osc === undefined) return;
    const addr = addresses.get(c.osc.address);
    if (addr !== undefined) problems.push({ file, path: `${at}/osc/address`, message: `address ${c.osc.address} already used by /controls/${addr}` });
    else addresses.set(c.osc.address, i);
    if ('range' in c.osc) emptyRange(c.osc.range, `${at}/osc/range`);
    if (typeof c.osc.feedback === 'object') emptyRange(c.osc.feedback.range, `${at}/osc/feedback/range`);
  });
  return problems;
}

/**
 * Whether a profile applies to an OSC sender (`host:port`, as the OSC input labels peers): true
 * when the profile lists no peers, or one entry is the sender's host or its `host:port`.
 */
export function profileMatchesPeer(p: ControllerProfile, peer: string): boolean {
  const peers = p.match.osc?.peers;
  if (peers === undefined) return true;
  const colon = peer.lastIndexOf(':');
  const host = colon < 0 ? peer : peer.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return peers.some((x) => x === peer || x === host);
}
