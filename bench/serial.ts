/**
 * Serial knob boxes: (1) decoder throughput, pure and in process: a recorded stream from an
 * 8-knob box in each built-in protocol, fed in 64-byte chunks (one full-speed USB CDC packet),
 * frames and MB decoded per second; (2) end to end over a real serial port: the daemon (fake
 * engine, `--audio none`) with a Detent HR box on a socat PTY pair, latency from the box's write
 * to the value applied in the parameter store; (3) reconnect after an unplug: socat killed and
 * recreated at the same paths, time from the port being back to the device being up and to the
 * first value applied, which the daemon's reopen back-off (250 ms doubling to 5 s) shapes.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceSnapshot } from '../bridge/core/devices.js';
import type { SerialDecoder } from '../bridge/core/serial/decoder.js';
import { BACKOFF_FIRST_MS, BACKOFF_MAX_MS, backoffDelay } from '../bridge/core/serial/backoff.js';
import { createDecoder, type DecoderSpec } from '../bridge/core/serial/decoders/index.js';
import { encodeValues, slipEncode, type HrEntry } from '../bridge/core/serial/decoders/detent-hr/index.js';
import type { Daemon } from '../bridge/daemon/index.js';
import type { SerialLinkEvents, SerialOpenOptions } from '../bridge/drivers/serial/interface.js';
import { NodeSerialBackend } from '../bridge/drivers/serial/node.js';
import { FakeEngine } from '../bridge/engine/fake.js';
import { ptyPair } from '../test/drivers/pty.js';
import { getJson, startTestDaemon } from '../test/integration/harness.js';
import { openKnobBox, type KnobBox } from '../test/serial/knob-box.js';
import { adcReader } from '../test/serial/noise.js';
import { ms, percentile, summarise } from './stats.js';

// ---------------------------------------------------------------------------------------------
// (1) Decoder throughput

const KNOBS = 8;
/** Report ticks in the recording: 10 ms each (20.48 s of playing); a multiple of 256 so Detent HR sequence numbers wrap cleanly when the stream repeats. */
const TICKS = 2048;
const CHUNK = 64;
const RUN_MS = 1000;
const WARM_MS = 150;
const SEED = 4242;

/**
 * Where each knob is (0..1) at each tick: an engineer turning one knob at a time, each for 2 s
 * (a triangle sweep over half the travel and back), with a second knob nudged now and then; the
 * others rest.
 */
function positions(): Float64Array[] {
  const rest = Array.from({ length: KNOBS }, (_, k) => 0.2 + (0.6 * k) / (KNOBS - 1));
  const out: Float64Array[] = [];
  for (let t = 0; t < TICKS; t++) {
    const p = Float64Array.from(rest);
    const active = Math.floor(t / 200) % KNOBS;
    const phase = (t % 200) / 200;
    p[active] = rest[active]! + 0.5 * (phase < 0.5 ? 2 * phase : 2 - 2 * phase) * (rest[active]! > 0.5 ? -1 : 1);
    if (t % 200 >= 60 && t % 200 < 90) {
      const other = (active + 3) % KNOBS;
      p[other] = rest[other]! + 0.05 * Math.sin(((t % 200) - 60) / 5);
    }
    out.push(p);
  }
  return out;
}

/** ADC counts per tick per knob at `bits`, with 1.5 LSB of seeded Gaussian noise (what a box sending everything every tick reports). */
function noisyCounts(pos: readonly Float64Array[], bits: number): number[][] {
  const read = adcReader(bits, 1.5, SEED);
  const top = 2 ** bits - 1;
  return pos.map((p) => Array.from(p, (x) => read(x * top)));
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** deej: every 10 ms one CRLF line of all eight 10-bit values. */
function deejStream(pos: readonly Float64Array[]): Uint8Array {
  return ascii(noisyCounts(pos, 10).map((v) => `${v.join('|')}\r\n`).join(''));
}

/** text-lines: every 10 ms `A<k> <value>` CRLF for each knob (`Serial.print("A0 "); Serial.println(analogRead(A0));`). */
function textStream(pos: readonly Float64Array[]): Uint8Array {
  return ascii(noisyCounts(pos, 10).map((v) => v.map((x, k) => `A${k} ${x}\r\n`).join('')).join(''));
}

/** StandardFirmata: every sampling interval an analog message (E0|ch LSB7 MSB7) per enabled channel. */
function firmataStream(pos: readonly Float64Array[]): Uint8Array {
  const bytes: number[] = [];
  for (const v of noisyCounts(pos, 10)) v.forEach((x, k) => bytes.push(0xe0 | k, x & 0x7f, x >> 7));
  return Uint8Array.from(bytes);
}

/** The handshake a board with 14 digital pins and 8 analog (Nano-style, 10-bit) answers: version, capabilities, analog mapping. */
function firmataHandshake(): Uint8Array[] {
  const caps: number[] = [0xf0, 0x6c];
  for (let i = 0; i < 14; i++) caps.push(0x00, 0x01, 0x01, 0x01, 0x7f);
  for (let i = 0; i < KNOBS; i++) caps.push(0x02, 0x0a, 0x7f);
  caps.push(0xf7);
  const mapping = [0xf0, 0x6a, ...Array.from({ length: 14 }, () => 0x7f), ...Array.from({ length: KNOBS }, (_, i) => i), 0xf7];
  return [Uint8Array.of(0xf9, 0x02, 0x05), Uint8Array.from(caps), Uint8Array.from(mapping)];
}

/** MIDI over serial (Arduino MIDI library, no running status): a CC per knob whose 7-bit value changed. */
function midiStream(pos: readonly Float64Array[]): Uint8Array {
  const bytes: number[] = [];
  const last = new Array<number>(KNOBS).fill(-1);
  for (const p of pos)
    p.forEach((x, k) => {
      const v = Math.round(x * 127);
      if (v === last[k]) return;
      last[k] = v;
      bytes.push(0xb0, 1 + k, v);
    });
  return Uint8Array.from(bytes);
}

/**
 * Detent HR: every 10 ms a values packet with the knobs that moved (12-bit, the firmware's own
 * dead-band keeps resting knobs quiet), and every second the keep-alive with all eight; one packet
 * per tick either way, so sequence numbers run on without gaps.
 */
function hrStream(pos: readonly Float64Array[]): Uint8Array {
  const packets: Uint8Array[] = [];
  const sent = new Array<number>(KNOBS).fill(-100);
  pos.forEach((p, t) => {
    const counts = Array.from(p, (x) => Math.round(x * 4095));
    const keepAlive = t % 100 === 0;
    const entries: HrEntry[] = [];
    counts.forEach((v, k) => {
      if (keepAlive || Math.abs(v - sent[k]!) >= 2) {
        entries.push({ channel: k, value: v });
        sent[k] = v;
      }
    });
    // A tick with nothing moved still sends (the firmware's report slot): the most recently moved knob.
    if (entries.length === 0) entries.push({ channel: Math.floor(t / 200) % KNOBS, value: sent[Math.floor(t / 200) % KNOBS]! });
    packets.push(slipEncode(encodeValues({ deviceId: 1, seq: t & 0xff, bits: 12, entries })));
  });
  return concat(packets);
}

interface Throughput {
  readonly name: string;
  readonly bytes: number;
  readonly frames: number;
  readonly readings: number;
  readonly bad: number;
  readonly seconds: number;
  readonly streamBytes: number;
  readonly streamFrames: number;
}

/** Pushes `stream` in CHUNK-byte pieces, over and over, for RUN_MS after a warm-up; counts what the daemon counts. */
function decodeRun(name: string, spec: DecoderSpec, stream: Uint8Array, prime: (d: SerialDecoder, now: number) => void = () => {}): Throughput {
  const d = createDecoder(spec);
  let now = 0;
  d.reset(now);
  prime(d, now);
  let frames = 0;
  let readings = 0;
  let bad = 0;
  const pass = (): void => {
    for (let off = 0; off < stream.length; off += CHUNK) {
      const r = d.push(stream.subarray(off, off + CHUNK), (now += 0.1));
      for (const e of r.events) {
        if (e.kind === 'frame') frames++;
        else if (e.kind === 'reading') readings++;
        else if (e.kind === 'bad-frame' || e.kind === 'lost') bad++;
      }
    }
  };
  pass();
  frames = 0;
  pass(); // the second pass: line decoders drop the first line after reset (it may be half a line)
  const streamFrames = frames;
  const w0 = performance.now();
  while (performance.now() - w0 < WARM_MS) pass(); // warm-up: let the JIT settle
  frames = readings = bad = 0;
  let passes = 0;
  const t0 = performance.now();
  do {
    pass();
    passes++;
  } while (performance.now() - t0 < RUN_MS);
  const seconds = (performance.now() - t0) / 1000;
  return { name, bytes: passes * stream.length, frames, readings, bad, seconds, streamBytes: stream.length, streamFrames };
}

function decoderRuns(): Throughput[] {
  const pos = positions();
  const firmataPrime = (d: SerialDecoder, now: number): void => {
    let enabled = 0;
    for (const b of firmataHandshake()) enabled += d.push(b, now).writes.filter((w) => (w[0]! & 0xf0) === 0xc0).length;
    if (enabled !== KNOBS) throw new Error(`Firmata handshake enabled ${enabled} analog channels, expected ${KNOBS}`);
  };
  return [
    decodeRun('deej (8 values a line, 10-bit)', { kind: 'deej', bits: 10 }, deejStream(pos)),
    decodeRun('text-lines (`A0 512`, one a line)', { kind: 'text-lines', separator: 'space', bits: 10 }, textStream(pos)),
    decodeRun('firmata (analog messages, after the handshake)', { kind: 'firmata', samplingIntervalMs: 10 }, firmataStream(pos), firmataPrime),
    decodeRun('midi (CC on change)', { kind: 'midi' }, midiStream(pos)),
    decodeRun('detent-hr (SLIP + CRC packets of the knobs that moved)', { kind: 'detent-hr' }, hrStream(pos)),
  ];
}

// ---------------------------------------------------------------------------------------------
// (2) and (3): the daemon over a real PTY

const MOVES = 500;
const WARM_MOVES = 50;
const MOVE_PERIOD_MS = 10;
const REPLUGS = 10;
const SLOW_REPLUGS = 4;
const SLOW_REPLUG_DOWN_MS = 1000;
const TARGET = 'output.gain';

const now = (): number => performance.now();
const sleep = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t)));

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, pollMs = 2): Promise<void> {
  const end = now() + timeoutMs;
  while (!(await cond())) {
    if (now() > end) throw new Error(`serial bench: ${what} did not happen within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/** The real serial driver, noting when each open succeeds and when a link is lost. */
class TimedBackend extends NodeSerialBackend {
  readonly opened: number[] = [];
  readonly lost: number[] = [];

  override async open(path: string, o: SerialOpenOptions, events: SerialLinkEvents) {
    const r = await super.open(path, o, {
      data: (b) => events.data(b),
      lost: (reason, unplugged) => {
        this.lost.push(now());
        events.lost(reason, unplugged);
      },
    });
    if (r.ok) this.opened.push(now());
    return r;
  }
}

interface Rig {
  readonly daemon: Daemon;
  readonly backend: TimedBackend;
  box: KnobBox;
  pty: Awaited<ReturnType<typeof ptyPair>>;
  device(): Promise<DeviceSnapshot | undefined>;
  close(): Promise<void>;
}

async function startRig(): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'detent-bench-serial-'));
  const set = join(dir, 'set.json');
  await writeFile(set, JSON.stringify({ schemaVersion: 1, name: 'serial bench', mappings: [{ control: 'knob/1', target: TARGET, glue: { takeover: 'off' } }] }));
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ schemaVersion: 1, midi: { ports: false }, mappings: { set } }));
  const pty = await ptyPair();
  // The device end is opened first: socat gives up on a PTY nobody holds.
  const box = await openKnobBox(pty.b, 'detent-hr');
  const backend = new TimedBackend();
  const daemon = await startTestDaemon(['--config', config, '--serial', `${pty.a}:detent-hr`], { engine: new FakeEngine(), serialBackend: backend }).catch(async (e: unknown) => {
    await box.close();
    await pty.close();
    throw e;
  });
  const rig: Rig = {
    daemon,
    backend,
    box,
    pty,
    device: async () => (await getJson<DeviceSnapshot[]>(`${daemon.httpUrl}/api/devices`)).find((d) => d.kind === 'serial'),
    close: async () => {
      await daemon.close();
      await rig.box.close();
      await rig.pty.close();
    },
  };
  await waitFor('the serial device coming up', async () => (await rig.device())?.status.state === 'up');
  return rig;
}

interface E2e {
  readonly latencies: number[];
  readonly missed: number;
}

/**
 * MOVES moves of knob/1 at 100/s, a triangle sweep of 41 counts (1 % of the travel) a move;
 * latency of each: from just before the box's write to the first store change of the target
 * after it. A move that changed nothing before the next one (the conditioner held it) is missed.
 */
async function endToEnd(rig: Rig): Promise<E2e> {
  let pendingAt: number | null = null;
  const latencies: number[] = [];
  let missed = 0;
  let measuring = false;
  const off = rig.daemon.store.subscribe((c) => {
    if (c.id !== TARGET || pendingAt === null) return;
    if (measuring) latencies.push(now() - pendingAt);
    pendingAt = null;
  });
  const value = (k: number): number => {
    const i = k % 200; // 100 moves up, 100 down
    return Math.min(4095, 41 * (i < 100 ? i : 200 - i));
  };
  const t0 = now();
  for (let k = 0; k < WARM_MOVES + MOVES; k++) {
    await sleep(t0 + k * MOVE_PERIOD_MS - now());
    measuring = k >= WARM_MOVES;
    if (pendingAt !== null && measuring) missed++;
    pendingAt = now();
    void rig.box.set(0, value(k));
  }
  await sleep(100);
  if (pendingAt !== null) missed++;
  off();
  return { latencies, missed };
}

interface Replug {
  /** Socat killed → the driver reported the link lost. */
  readonly lostMs: number;
  /** Port back (PTY links exist again) → the driver reopened it (device `up`). */
  readonly upMs: number;
  /** Port back → first value from the box applied to the store. */
  readonly firstMs: number;
}

/** Unplugs (kills socat), waits `downMs` after `/api/devices` shows the device down, replugs at the same paths, times the recovery. */
async function replug(rig: Rig, downMs: number, raw: number): Promise<Replug> {
  const { backend, daemon } = rig;
  const lostBefore = backend.lost.length;
  const openedBefore = backend.opened.length;
  await rig.box.close();
  const killed = now();
  await rig.pty.close();
  await waitFor('the device going down after the unplug', async () => (await rig.device())?.status.state === 'down');
  await waitFor('the link lost', () => backend.lost.length > lostBefore);
  const lostMs = backend.lost[lostBefore]! - killed;
  await sleep(downMs);
  let firstAt: number | null = null;
  let back = Number.NaN;
  const off = daemon.store.subscribe((c) => {
    if (c.id === TARGET && firstAt === null && !Number.isNaN(back)) firstAt = now();
  });
  rig.pty = await ptyPair(rig.pty.dir);
  back = now();
  rig.box = await openKnobBox(rig.pty.b, 'detent-hr');
  // After boot a board reports where its knobs are; this one keeps reporting every 10 ms, as HR
  // firmware does while a knob moves, so the first value waits on the daemon, not the box.
  let sending = true;
  const box = rig.box;
  void (async () => {
    while (sending) {
      await box.set(0, raw);
      await sleep(MOVE_PERIOD_MS);
    }
  })();
  try {
    await waitFor('the device coming back up', () => backend.opened.length > openedBefore, 15_000, 1);
    const upMs = backend.opened[openedBefore]! - back;
    await waitFor('a value applied after the replug', () => firstAt !== null, 5000, 1);
    await waitFor('/api/devices showing the device up', async () => (await rig.device())?.status.state === 'up');
    return { lostMs, upMs, firstMs: firstAt! - back };
  } finally {
    sending = false;
    off();
  }
}

/** Reopen times the back-off gives a port that comes back `downMs` after the loss (ignoring open costs). */
function backoffWait(downMs: number): number {
  let t = 0;
  for (let attempt = 0; ; attempt++) {
    t += backoffDelay(attempt);
    if (t >= downMs) return t - downMs;
  }
}

const n = (x: number, digits = 0): string => x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function spread(xs: readonly number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${n(s[0] ?? Number.NaN, 1)} / ${n(percentile(s, 50), 1)} / ${n(s.at(-1) ?? Number.NaN, 1)} ms`;
}

export async function serialSection(): Promise<string[]> {
  const runs = decoderRuns();
  const rows = runs.map((r) => {
    const perFrame = r.streamBytes / r.streamFrames;
    return `| ${r.name} | ${n(r.streamBytes)} B, ${n(r.streamFrames)} frames (${n(perFrame, 1)} B each) | ${n(r.frames / r.seconds)} | ${n(r.readings / r.seconds)} | ${n(r.bytes / r.seconds / 1e6, 1)} | ${r.bad} |`;
  });

  const rig = await startRig();
  let e2e: E2e;
  const quick: Replug[] = [];
  const slow: Replug[] = [];
  try {
    e2e = await endToEnd(rig);
    for (let i = 0; i < REPLUGS; i++) quick.push(await replug(rig, 0, i % 2 === 0 ? 4095 : 0));
    for (let i = 0; i < SLOW_REPLUGS; i++) slow.push(await replug(rig, SLOW_REPLUG_DOWN_MS, i % 2 === 0 ? 4095 : 0));
  } finally {
    await rig.close();
  }
  const lat = summarise(e2e.latencies);
  const row = (label: string, rs: readonly Replug[]) =>
    `| ${label} | ${rs.length} | ${spread(rs.map((r) => r.upMs))} | ${spread(rs.map((r) => r.firstMs))} |`;

  return [
    '## Serial knob boxes: decoders, end to end over a PTY, reconnect',
    '',
    `Decoder throughput, pure and in process: a recorded ${n((TICKS * 10) / 1000, 2)} s stream of an ${KNOBS}-knob box (one knob turned at a time, another nudged now and then, 1.5 LSB of seeded noise where the protocol sends every value every 10 ms) in each built-in protocol, pushed in ${CHUNK}-byte chunks (one full-speed USB CDC packet) over and over for ${RUN_MS / 1000} s after a ${WARM_MS} ms warm-up, counting the events as the daemon's port runner does. A frame is a line, a Firmata or MIDI message, or a Detent HR packet.`,
    '',
    '| decoder | recorded stream | frames/s | readings/s | MB/s | bad frames / lost |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    `End to end over a real serial port: the daemon (fake engine, \`--audio none\`, ephemeral ports) with \`--serial <pty>:detent-hr\` on a socat PTY pair and a TypeScript Detent HR box on the other end, in the same process (one event loop for both); knob/1 drives ${TARGET} (takeover off). ${n(MOVES)} moves at ${1000 / MOVE_PERIOD_MS}/s (after ${WARM_MOVES} warm-up moves), a triangle sweep of 41 counts (1 % of the 12-bit travel) a move; latency from just before the box's write to the value committed in the parameter store (PTY, serialport, SLIP/CRC decode, 1€ conditioning, mapping, glue):`,
    '',
    `- p50 ${ms(lat.p50)}, p99 ${ms(lat.p99)}, max ${ms(lat.max)} (${n(lat.n)} moves applied; ${e2e.missed} held by the conditioner: the first move after a turn of the sweep, where the 1€ output, lagging behind, lands within the hysteresis; such a move shows with the next one)`,
    '',
    `Reconnect after an unplug: socat killed (the port vanishes), then, once \`/api/devices\` shows the device down, socat started again at the same paths and the box reopened, sending its position every 10 ms. Times from the PTY links existing again to the daemon's driver reopening the port (device \`up\`), and to the first value applied to the store (min / median / max). The daemon reopens a lost port with back-off: ${BACKOFF_FIRST_MS} ms after the loss, then doubling to ${n(BACKOFF_MAX_MS / 1000)} s between attempts, so recovery time is mostly the wait for the next attempt. Replugged at once (here ~${n(percentile([...quick.map((q) => q.lostMs)].sort((a, b) => a - b), 50), 1)} ms after the kill the link is reported lost), the first retry at ${BACKOFF_FIRST_MS} ms finds the port; ${n(SLOW_REPLUG_DOWN_MS / 1000)} s after the loss (a hand replugging a cable) the retries at 250 and 750 ms have failed and the next comes at 1,750 ms, ~${n(backoffWait(SLOW_REPLUG_DOWN_MS))} ms later.`,
    '',
    '| replug | times | to device up (min / median / max) | to first value applied (min / median / max) |',
    '|---|---|---|---|',
    row('at once (when the device shows down)', quick),
    row(`after ${n(SLOW_REPLUG_DOWN_MS / 1000)} s down`, slow),
    '',
    `All ${quick.length + slow.length} replugs recovered without a restart of the daemon.`,
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const l of await serialSection()) console.log(l);
  process.exit(0);
}
