import { SerialPort } from 'serialport';
import { encodeValues } from '../../bridge/core/serial/decoders/detent-hr/packet.js';
import { slipEncode } from '../../bridge/core/serial/decoders/detent-hr/slip.js';

/**
 * A TypeScript knob box on the device end of a PTY pair, speaking each built-in profile's protocol,
 * so integration tests drive the daemon over a real serial port. `set(channel, raw)` moves one
 * control; the box sends it the way the real firmware would.
 */
export type BoxProtocol = 'deej' | 'text-lines' | 'midi-serial' | 'firmata' | 'detent-hr';

export interface KnobBox {
  /** Moves channel `i` (0-based) to `raw` counts (10-bit for deej/text/Firmata, 12-bit for HR, 7-bit CC for MIDI). */
  set(i: number, raw: number): Promise<void>;
  /** Every byte the host wrote to the box. */
  readonly received: number[];
  close(): Promise<void>;
}

export async function openKnobBox(path: string, protocol: BoxProtocol, channels = 8): Promise<KnobBox> {
  const port = new SerialPort({ path, baudRate: 115200 });
  await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
  port.on('error', () => {});
  const received: number[] = [];
  const values = new Array<number>(channels).fill(0);
  let seq = 0;
  const send = (bytes: Uint8Array | string): Promise<void> =>
    new Promise((resolve) => port.write(typeof bytes === 'string' ? bytes : Buffer.from(bytes), () => port.drain(() => resolve())));

  let firmataReporting = false;
  port.on('data', (b: Buffer) => {
    received.push(...b);
    if (protocol !== 'firmata') return;
    // StandardFirmata's answers (firmata/protocol protocol.md): capability and analog mapping responses.
    // A board that did not reset on open answers the host's version query (0xF9) with its version.
    if (b.includes(0xf9)) void send(new Uint8Array([0xf9, 0x02, 0x05]));
    if (b.includes(0x6b)) void send(firmataCapabilities(channels));
    if (b.includes(0x69)) void send(new Uint8Array([0xf0, 0x6a, ...Array.from({ length: 14 }, () => 0x7f), ...Array.from({ length: channels }, (_, i) => i), 0xf7]));
    if (b.some((x) => (x & 0xf0) === 0xc0)) firmataReporting = true;
  });
  if (protocol === 'firmata') await send(new Uint8Array([0xf9, 0x02, 0x05])); // REPORT_VERSION 2.5, as at boot

  const set = async (i: number, raw: number): Promise<void> => {
    values[i] = raw;
    switch (protocol) {
      case 'deej':
        return send(`${values.join('|')}\r\n`);
      case 'text-lines':
        return send(`A${i} ${raw}\n`);
      case 'midi-serial':
        return send(new Uint8Array([0xb0, i + 1, raw & 0x7f])); // CC i+1 on channel 1
      case 'firmata':
        if (!firmataReporting) return;
        return send(new Uint8Array([0xe0 | i, raw & 0x7f, (raw >> 7) & 0x7f])); // analog message: LSB7, MSB7
      case 'detent-hr':
        return send(slipEncode(encodeValues({ deviceId: 1, seq: seq++ & 0xff, bits: 12, entries: [{ channel: i, value: raw }] })));
    }
  };
  return {
    set,
    received,
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

/** CAPABILITY_RESPONSE: 14 digital pins (no analog), then `n` pins with ANALOG (0x02) at 10 bits. */
function firmataCapabilities(n: number): Uint8Array {
  const pins: number[] = [];
  for (let i = 0; i < 14; i++) pins.push(0x00, 0x01, 0x01, 0x01, 0x7f); // INPUT 1, OUTPUT 1
  for (let i = 0; i < n; i++) pins.push(0x02, 0x0a, 0x7f); // ANALOG, 10-bit
  return new Uint8Array([0xf0, 0x6c, ...pins, 0xf7]);
}
