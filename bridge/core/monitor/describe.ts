/**
 * Incoming messages as the dashboard's monitor shows them, like a MIDI monitor: where from, what
 * it decodes to, and what the routing did with it. Pure.
 */
import { assertNever } from '../assert-never.js';
import type { MidiMessage, OscArg } from '../input.js';

/** What the routing did with a message (RouteOutcome's kind). */
export type InputOutcome = 'applied' | 'filtered' | 'mode' | 'rejected' | 'unmapped';

export interface InputEntry {
  /** Clock ms when it arrived. */
  readonly t: number;
  readonly kind: 'osc' | 'midi' | 'serial';
  /** `127.0.0.1:53211` (OSC sender), the MIDI port, the serial device. */
  readonly source: string;
  /** The decoding: `/1/fader1 f 0.5`, `CC 7 = 100 · ch 1`, `A0 = 512`. */
  readonly text: string;
  readonly outcome: InputOutcome;
}

function oscArg(a: OscArg): string {
  switch (a.type) {
    case 'f':
    case 'd':
    case 'i':
      return `${a.type} ${Number.isInteger(a.value) ? a.value : Number(a.value.toPrecision(6))}`;
    case 'T':
    case 'F':
      return a.type;
    case 's':
      return `s "${a.value.length > 40 ? `${a.value.slice(0, 40)}…` : a.value}"`;
    case 'other':
      return a.tag;
    default:
      return assertNever(a, 'OSC argument');
  }
}

/** `/1/fader1 f 0.5 i 3` */
export function describeOsc(address: string, args: readonly OscArg[]): string {
  return [address, ...args.map(oscArg)].join(' ');
}

/** MIDI 1.0 channel messages, channels shown 1–16 as on the devices. */
export function describeMidi(m: MidiMessage): string {
  const ch = ` · ch ${m.channel + 1}`;
  switch (m.type) {
    case 'cc':
      return `CC ${m.controller} = ${m.value}${ch}`;
    case 'noteon':
      return `note on ${m.note} vel ${m.velocity}${ch}`;
    case 'noteoff':
      return `note off ${m.note} vel ${m.velocity}${ch}`;
    case 'pitchbend':
      return `pitch bend ${m.value} (${m.value - 8192 >= 0 ? '+' : ''}${m.value - 8192})${ch}`;
    case 'program':
      return `program ${m.number}${ch}`;
    case 'channel-pressure':
      return `channel pressure ${m.value}${ch}`;
    case 'poly-pressure':
      return `poly pressure ${m.note} = ${m.value}${ch}`;
    default:
      return assertNever(m, 'MIDI message');
  }
}

/** `A0 = 512 (10-bit)` */
export function describeReading(channel: string, raw: number, bits: number): string {
  return `${channel} = ${raw} (${bits}-bit)`;
}

/**
 * Entries waiting for the next dashboard update: at most `capacity` (the newest are dropped beyond
 * it, and counted, so a flood costs bounded memory and the monitor says what it skipped). Entries
 * are only made while `active` (someone is watching), so an unwatched daemon pays nothing.
 */
export class InputFeed {
  active = false;
  private entries: InputEntry[] = [];
  private dropped = 0;

  constructor(private readonly capacity = 400) {}

  push(make: () => InputEntry): void {
    if (!this.active) return;
    if (this.entries.length >= this.capacity) this.dropped++;
    else this.entries.push(make());
  }

  /** What gathered since the last take, and how many were dropped. */
  take(): { entries: InputEntry[]; dropped: number } | undefined {
    if (this.entries.length === 0 && this.dropped === 0) return undefined;
    const out = { entries: this.entries, dropped: this.dropped };
    this.entries = [];
    this.dropped = 0;
    return out;
  }
}
