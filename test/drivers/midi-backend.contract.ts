import { afterEach, describe, expect, it } from 'vitest';
import type { MidiOut } from '../../bridge/core/midi/wire.js';
import type { MidiBackend } from '../../bridge/drivers/midi/interface.js';

/**
 * The contract every MIDI backend keeps, run on the fake, easymidi (skipped with its reason where
 * the system has no MIDI) and serial-over-PTY. The harness makes a port exist, injects a message
 * as the device would send it, and reads what the backend wrote.
 */
export interface MidiHarness {
  /** Why the suite cannot run here (no ALSA sequencer), or undefined. */
  readonly skip: string | undefined;
  make(): Promise<{ backend: MidiBackend; port: string; inject(m: MidiOut): Promise<void>; written(): Promise<MidiOut[]>; cleanup(): Promise<void> }>;
}

export function midiBackendContract(name: string, h: MidiHarness): void {
  describe.skipIf(h.skip !== undefined)(`MIDI backend contract: ${name}${h.skip === undefined ? '' : ` (skipped: ${h.skip})`}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });
    const make = async () => {
      const r = await h.make();
      cleanups.push(r.cleanup);
      return r;
    };

    it('lists the port in both directions', async () => {
      const { backend, port } = await make();
      const list = backend.list();
      expect(list.ok && list.value.inputs.includes(port) && list.value.outputs.includes(port)).toBe(true);
    });

    it('answers an error, never throws, for a port that does not exist', async () => {
      const { backend } = await make();
      expect(backend.openInput('no such port', () => {}, () => {}).ok).toBe(false);
      expect(backend.openOutput('no such port', () => {}).ok).toBe(false);
    });

    it('delivers incoming messages parsed, in order', async () => {
      const { backend, port, inject } = await make();
      const got: MidiOut[] = [];
      const input = backend.openInput(port, (m) => got.push(m), () => {});
      expect(input.ok).toBe(true);
      const msgs: MidiOut[] = [
        { type: 'cc', channel: 0, controller: 7, value: 100 },
        { type: 'pitchbend', channel: 8, value: 15999 },
        { type: 'noteon', channel: 0, note: 0x68, velocity: 127 },
      ];
      for (const m of msgs) await inject(m);
      await until(() => got.length >= msgs.length);
      expect(got).toEqual(msgs);
      if (input.ok) input.value.close();
    });

    it('writes outgoing messages, SysEx included', async () => {
      const { backend, port, written } = await make();
      const out = backend.openOutput(port, () => {});
      expect(out.ok).toBe(true);
      const msgs: MidiOut[] = [
        { type: 'cc', channel: 1, controller: 48, value: 0x26 },
        { type: 'sysex', body: [0x00, 0x00, 0x66, 0x14, 0x12, 0x00, 0x41] },
      ];
      if (out.ok) for (const m of msgs) out.value.send(m);
      const got: MidiOut[] = [];
      await until(async () => {
        got.push(...(await written()));
        return got.length >= msgs.length;
      });
      expect(got).toEqual(msgs);
      if (out.ok) out.value.close();
    });
  });
}

export async function until(cond: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
