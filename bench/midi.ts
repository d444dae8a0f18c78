/**
 * MIDI figures: (1) decoded MIDI messages per second through the byte parser, the per-device
 * decoders (14-bit pairs, NRPN, relative) and glue into the parameter store, on one core, no I/O;
 * (2) feedback under a rate limit: 10,000 changes a second on 16 controls for 2 simulated seconds
 * through the per-output queue (800 messages/s, burst 64), checking no control's final value is lost.
 */
import { ManualClock } from '../bridge/core/clock.js';
import { RateLimitedQueue } from '../bridge/core/feedback/rate-limit.js';
import { IDENTITY_GLUE } from '../bridge/core/glue/glue.js';
import { MappingRuntime } from '../bridge/core/mapping/runtime.js';
import { ALWAYS, NO_MODES } from '../bridge/core/mapping/spec.js';
import { MidiParser } from '../bridge/core/midi/parser.js';
import { sourceKey, type MidiInterpretation, type MidiSource } from '../bridge/core/midi/spec.js';
import { encodeMidi } from '../bridge/core/midi/wire.js';
import { ParamStore } from '../bridge/core/param/store.js';
import { midiKey } from '../bridge/core/routing/key.js';
import { MidiRouter } from '../bridge/core/routing/midi-input.js';
import { compileRouting, type ControlBinding } from '../bridge/core/routing/table.js';
import { CHAIN_PARAMS } from '../bridge/engine/chain/params.js';

const MESSAGES = 600_000;

function rig() {
  const clock = new ManualClock();
  const store = new ParamStore(CHAIN_PARAMS, clock);
  const runtime = new MappingRuntime(store);
  const controls: [string, MidiSource, MidiInterpretation][] = [];
  for (let i = 0; i < 8; i++) controls.push([`fader/${i}`, { kind: 'cc14', channel: i, controller: 1, lsbFirst: false }, { kind: 'absolute', min: 0, max: 16383 }]);
  for (let i = 0; i < 8; i++) controls.push([`knob/${i}`, { kind: 'nrpn', channel: 0, param: i, bits: 14 }, { kind: 'absolute', min: 0, max: 16383 }]);
  for (let i = 0; i < 8; i++) controls.push([`enc/${i}`, { kind: 'cc', channel: 1, controller: 16 + i }, { kind: 'relative', encoding: { kind: 'sign-magnitude' } }]);
  const bindings: ControlBinding[] = controls.map(([control, source, as]) => ({ control, profile: 'bench', input: midiKey('bench', sourceKey(source)), decode: { kind: 'midi', source, as }, feedback: null }));
  const params = CHAIN_PARAMS.filter((p) => p.unit !== 'choice');
  const mappings = controls.map(([control], i) => ({ id: `m${i}`, control, target: params[i % params.length]?.id ?? params[0]!.id, glue: { ...IDENTITY_GLUE, takeover: { kind: 'off' as const } }, feedback: true, when: ALWAYS }));
  runtime.load(compileRouting(bindings, mappings, () => true).table, NO_MODES);
  return { clock, store, runtime };
}

/** A byte stream of `n` messages: 14-bit pairs with running status, 14-bit NRPN and relative encoder ticks. */
function stream(n: number): Uint8Array {
  const out: number[] = [];
  let count = 0;
  for (let i = 0; count < n; i++) {
    const v = (i * 37) % 16384;
    const ch = i % 8;
    out.push(0xb0 | ch, 1, v >> 7, 33, v & 0x7f); // 2 messages, running status
    out.push(...encodeMidi({ type: 'cc', channel: 0, controller: 99, value: 0 }), 98, ch, 6, v >> 7, 38, v & 0x7f); // 4
    out.push(...encodeMidi({ type: 'cc', channel: 1, controller: 16 + ch, value: i % 2 === 0 ? 1 : 65 })); // 1
    count += 7;
  }
  return Uint8Array.from(out);
}

export function midiSection(): string[] {
  const { clock, store, runtime } = rig();
  const router = new MidiRouter(runtime);
  const bytes = stream(MESSAGES);
  let changes = 0;
  store.subscribe(() => changes++);
  const t0 = performance.now();
  const parser = new MidiParser();
  let messages = 0;
  const CHUNK = 64;
  for (let off = 0; off < bytes.length; off += CHUNK) {
    clock.advance(0.01);
    for (const p of parser.push(bytes.subarray(off, off + CHUNK))) {
      if (p.kind !== 'message' || p.message.type === 'sysex') continue;
      messages++;
      router.route({ kind: 'midi', device: 'bench', message: p.message, t: clock.now() }, ['bench']);
    }
  }
  const secs = (performance.now() - t0) / 1000;

  const fb = feedbackRun();
  return [
    '## MIDI: parser + decoding + glue, and feedback under a rate limit',
    '',
    `${messages.toLocaleString('en')} MIDI messages (${bytes.length.toLocaleString('en')} bytes: 14-bit CC pairs with running status, 14-bit NRPN, relative encoder ticks on 24 controls) through the byte parser, per-device decoders, mapping runtime and glue into the parameter store on one core, no I/O:`,
    '',
    `- ${Math.round(messages / secs).toLocaleString('en')} MIDI messages/s decoded (${Math.round(changes / secs).toLocaleString('en')} parameter changes/s; ${changes.toLocaleString('en')} changes in ${secs.toFixed(2)} s)`,
    '',
    `Feedback: ${fb.puts.toLocaleString('en')} changes on 16 controls over 2 simulated seconds into one output queue limited to 800 messages/s (burst 64), drained every ms:`,
    '',
    `- sent ${fb.sent.toLocaleString('en')} messages (${Math.round((fb.sent - 64) / fb.seconds)} /s after the first burst of 64, over ${fb.seconds.toFixed(2)} s incl. the drain), coalesced ${fb.coalesced.toLocaleString('en')}; final values lost: ${fb.lost} of 16; queue cost ${(fb.wallNs / fb.puts).toFixed(0)} ns per change`,
  ];
}

function feedbackRun(): { puts: number; sent: number; coalesced: number; lost: number; seconds: number; wallNs: number } {
  const q = new RateLimitedQueue<{ key: string; v: number }>(800, 64);
  const last = new Map<string, number>();
  const got = new Map<string, number>();
  let sent = 0;
  let puts = 0;
  const t0 = performance.now();
  let now = 0;
  for (; now < 2000 || q.size > 0; now += 1) {
    if (now < 2000)
      for (let j = 0; j < 10; j++) {
        const key = `cc 0 ${(puts * 7) % 16}`;
        q.put(key, { key, v: puts });
        last.set(key, puts);
        puts++;
      }
    for (const item of q.take(now)) {
      got.set(item.key, item.v);
      sent++;
    }
  }
  const wallNs = (performance.now() - t0) * 1e6;
  let lost = 0;
  for (const [k, v] of last) if (got.get(k) !== v) lost++;
  return { puts, sent, coalesced: q.coalesced, lost, seconds: now / 1000, wallNs };
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of midiSection()) console.log(l);
