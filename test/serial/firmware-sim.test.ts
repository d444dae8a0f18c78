import { SerialPort } from 'serialport';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildFirmwareSim, startFirmwareSim, type FirmwareSim, type SimFirmware } from './sim.js';

/**
 * The Detent HR reference firmware, built with avr-gcc and run in simavr with its UART on a PTY,
 * read through `serialport` like a real board. The frames are checked with a small decoder written
 * here from PROTOCOL.md, independent of the daemon's, so the firmware and the daemon's decoder
 * cannot share a misreading. Both builds run: the avr-libc C firmware and the Arduino sketch.
 *
 * Needs gcc-avr, avr-libc, libsimavr-dev, gcc and make; without them these tests FAIL with the
 * reason. DETENT_SKIP_SIM=1 skips them explicitly.
 */

// ---- An independent Detent HR decoder (firmware-profiles/detent-hr/PROTOCOL.md) ----------------

const END = 0xc0;
const ESC = 0xdb;
const ESC_END = 0xdc;
const ESC_ESC = 0xdd;
const MAX_WIRE_FRAME = 256;

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, MSB first, no reflection, no final XOR. */
function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** SLIP (RFC 1055) as PROTOCOL.md § Framing: empty frames ignored; bad escapes and frames over 256 wire bytes are bad. */
class Slip {
  private bytes: number[] = [];
  private wire = 0;
  private escaped = false;
  private bad: string | undefined;

  push(chunk: Uint8Array): Array<Uint8Array | { bad: string }> {
    const out: Array<Uint8Array | { bad: string }> = [];
    for (const b of chunk) {
      if (b === END) {
        if (this.bad) out.push({ bad: this.bad });
        else if (this.escaped) out.push({ bad: 'ESC before END' });
        else if (this.bytes.length > 0) out.push(Uint8Array.from(this.bytes));
        this.bytes = [];
        this.wire = 0;
        this.escaped = false;
        this.bad = undefined;
        continue;
      }
      if (++this.wire > MAX_WIRE_FRAME) this.bad ??= 'frame longer than 256 bytes';
      if (this.bad) continue;
      if (this.escaped) {
        this.escaped = false;
        if (b === ESC_END) this.bytes.push(END);
        else if (b === ESC_ESC) this.bytes.push(ESC);
        else this.bad = `ESC followed by 0x${b.toString(16)}`;
      } else if (b === ESC) {
        this.escaped = true;
      } else {
        this.bytes.push(b);
      }
    }
    return out;
  }
}

type Packet =
  | { type: 'hello'; device: number; seq: number; channels: number; bits: number; name: string; at: number }
  | { type: 'values'; device: number; seq: number; bits: number; values: Map<number, number>; at: number };

/** PROTOCOL.md § Packet layout: a decoded frame to a packet, or the reason it is bad. */
function parsePacket(f: Uint8Array, at: number): Packet | string {
  if (f.length < 6) return `short frame (${f.length} bytes)`;
  const crc = f[f.length - 2]! | (f[f.length - 1]! << 8);
  if (crc16(f.subarray(0, f.length - 2)) !== crc) return 'CRC mismatch';
  if (f[0] !== 0x01) return `version ${f[0]}`;
  const device = f[2]!;
  const seq = f[3]!;
  if (f[1] === 0x02) {
    if (f.length < 8 || f.length > 8 + 32) return `hello of ${f.length} bytes`;
    const name = String.fromCharCode(...f.subarray(6, f.length - 2));
    return { type: 'hello', device, seq, channels: f[4]!, bits: f[5]!, name, at };
  }
  if (f[1] === 0x01) {
    const bits = f[4]!;
    const count = f[5]!;
    if (bits < 12 || bits > 16) return `bits ${bits}`;
    if (count < 1 || count > 32 || f.length !== 8 + 3 * count) return `values length ${f.length} for count ${count}`;
    const values = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const ch = f[6 + 3 * i]!;
      const v = f[7 + 3 * i]! | (f[8 + 3 * i]! << 8);
      if (ch > 31) return `channel ${ch}`;
      if (v > 2 ** bits - 1) return `value ${v} over ${bits} bits`;
      values.set(ch, v);
    }
    return { type: 'values', device, seq, bits, values, at };
  }
  return `unknown type 0x${f[1]!.toString(16)}`;
}

/** The request (PROTOCOL.md § Type 0x10): device id and sequence 0, no payload. */
function requestFrame(): Buffer {
  const p = Uint8Array.from([0x01, 0x10, 0x00, 0x00]);
  const crc = crc16(p);
  // The CRC is 0xB117 (sent 17 B1): no byte needs escaping, which the check below makes sure of.
  const body = [...p, crc & 0xff, crc >> 8];
  if (body.some((b) => b === END || b === ESC)) throw new Error('request needs escaping');
  return Buffer.from([END, ...body, END]);
}

// ---- The board on the other end of the PTY -----------------------------------------------------

class Board {
  readonly packets: Packet[] = [];
  readonly bad: string[] = [];
  openedAt = 0;
  private readonly slip = new Slip();

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      const at = performance.now();
      for (const f of this.slip.push(chunk)) {
        if (!(f instanceof Uint8Array)) this.bad.push(f.bad);
        else {
          const p = parsePacket(f, at);
          if (typeof p === 'string') this.bad.push(p);
          else this.packets.push(p);
        }
      }
    });
    port.on('error', () => {});
  }

  static async open(path: string): Promise<Board> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    const board = new Board(port);
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    board.openedAt = performance.now();
    return board;
  }

  request(): Promise<void> {
    return new Promise((resolve, reject) => this.port.write(requestFrame(), (e) => (e ? reject(e) : this.port.drain(() => resolve()))));
  }

  /** The first packet at index >= `from` matching `pred`, waiting up to `ms`. */
  async waitFor(what: string, pred: (p: Packet) => boolean, ms: number, from = 0): Promise<Packet> {
    const end = performance.now() + ms;
    for (;;) {
      const found = this.packets.slice(from).find(pred);
      if (found) return found;
      if (performance.now() > end) throw new Error(`no ${what} within ${ms} ms; got ${this.packets.length} packets, bad: ${this.bad.join(', ') || 'none'}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

const isValues = (p: Packet): p is Extract<Packet, { type: 'values' }> => p.type === 'values';
const isFull = (p: Packet): boolean => isValues(p) && p.values.size === 8;
const channel = (ch: number, near: number, tolerance: number) => (p: Packet): boolean => {
  if (!isValues(p)) return false;
  const v = p.values.get(ch);
  return v !== undefined && Math.abs(v - near) <= tolerance;
};

/** Every packet's sequence is the previous one's + 1 (mod 256), and all carry device id 1, 12 bits. */
function expectWellFormedRun(board: Board): void {
  expect(board.bad).toEqual([]);
  for (const [i, p] of board.packets.entries()) {
    expect(p.device).toBe(1);
    if (isValues(p)) {
      expect(p.bits).toBe(12);
      for (const v of p.values.values()) expect(v).toBeLessThanOrEqual(4095);
    }
    if (i > 0) expect(p.seq, `packet ${i} sequence`).toBe((board.packets[i - 1]!.seq + 1) & 0xff);
  }
}

// ---- Tests -------------------------------------------------------------------------------------

describe.skipIf(process.env['DETENT_SKIP_SIM'] === '1')('Detent HR reference firmware in simavr', () => {
  beforeAll(() => {
    const build = buildFirmwareSim();
    // Fail, not skip: CI installs the toolchain, and a silently skipped firmware test tests nothing.
    if (!build.ok) throw new Error(build.reason);
  }, 180_000);

  let sim: FirmwareSim | undefined;
  let board: Board | undefined;
  afterEach(async () => {
    await board?.close();
    await sim?.close();
    board = undefined;
    sim = undefined;
  });

  for (const firmware of ['c', 'sketch'] as const satisfies readonly SimFirmware[]) {
    const name = firmware === 'c' ? /^detent-hr-avr\// : /^detent-hr-ino\//;

    describe(firmware === 'c' ? 'C firmware' : 'Arduino sketch (on the shim)', () => {
      it('answers a request with hello + all channels, then follows the ADC at 12 bits', async () => {
        sim = await startFirmwareSim({ firmware });
        board = await Board.open(sim.pty);
        await board.request();

        const hello = await board.waitFor('hello', (p) => p.type === 'hello', 2000);
        expect(hello).toMatchObject({ type: 'hello', device: 1, channels: 8, bits: 12 });
        if (hello.type === 'hello') expect(hello.name).toMatch(name);
        const helloAt = board.packets.indexOf(hello);
        const all = await board.waitFor('values after the hello', isValues, 1000, helloAt + 1);
        expect(all.seq).toBe((hello.seq + 1) & 0xff);
        expect(isValues(all) && [...all.values.entries()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((ch) => [ch, 0]));

        // 2.5 V of 5 V: half scale. simavr's 10-bit ADC gives 511; 16 × 511 scaled is 2045.
        let from = board.packets.length;
        sim.setAdc(2, 2500);
        const half = await board.waitFor('channel 2 near 2048', channel(2, 2048, 8), 1000, from);
        // Only the channel that moved is sent (no keep-alive can fall in between: it is 1 s away).
        if (isValues(half) && half.values.size !== 8) expect([...half.values.keys()]).toEqual([2]);

        from = board.packets.length;
        sim.setAdc(2, 5000);
        await board.waitFor('channel 2 at 4095', channel(2, 4095, 0), 1000, from);

        from = board.packets.length;
        sim.setAdc(2, 0);
        await board.waitFor('channel 2 at 0', channel(2, 0, 0), 1000, from);

        from = board.packets.length;
        sim.setAdc(7, 1250);
        await board.waitFor('channel 7 near 1024', channel(7, 1024, 8), 1000, from);

        expectWellFormedRun(board);
      });

      it('sends a keep-alive with all 8 channels about once a second, in real time', async () => {
        sim = await startFirmwareSim({ firmware });
        sim.setAdc(0, 5000);
        // Opened late (after the start-up packets, which went nowhere) and sending nothing: the
        // keep-alive alone must tell the host every position.
        await new Promise((r) => setTimeout(r, 150));
        board = await Board.open(sim.pty);
        const first = await board.waitFor('keep-alive', isFull, 1500);
        expect(first.at - board.openedAt).toBeLessThan(1500);
        expect(isValues(first) && first.values.get(0)).toBe(4095);
        const second = await board.waitFor('second keep-alive', isFull, 1500, board.packets.indexOf(first) + 1);
        // 1000 ms on the simulated clock; the bounds leave room for a busy CI host.
        expect(second.at - first.at).toBeGreaterThan(700);
        expect(second.at - first.at).toBeLessThan(1500);
        expect(second.seq).toBe((first.seq + 1) & 0xff); // nothing changed in between, nothing else sent
        expectWellFormedRun(board);

        // Simulated time keeps to the wall clock: never ahead by more than its 1 ms slice, and
        // behind only by what the harness reports it gave up on an overloaded host (it stops
        // catching up once 200 ms behind).
        const s = await sim.stats();
        expect(s.simMs).toBeLessThanOrEqual(s.wallMs + 5);
        expect(s.simMs + s.lagSkippedMs).toBeGreaterThan(s.wallMs - 250);
      });

      it('says hello first when the port opens, with --reset-on-open (an Uno resets on DTR)', async () => {
        sim = await startFirmwareSim({ firmware, resetOnOpen: true });
        sim.setAdc(5, 2500);
        board = await Board.open(sim.pty);
        const hello = await board.waitFor('hello', (p) => p.type === 'hello', 1000);
        expect(board.packets[0]).toBe(hello);
        expect(hello.at - board.openedAt).toBeLessThan(200); // one full scan (~15 ms) and ~3 ms of bytes
        const all = await board.waitFor('values after the hello', isFull, 500, 1);
        expect(board.packets[1]).toBe(all);
        expect(isValues(all) && all.values.get(5)).toBeGreaterThanOrEqual(2040);
        expectWellFormedRun(board);
      });
    });
  }
});
