import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../../bridge/daemon/index.js';
import { FakeSerialBackend } from '../../bridge/drivers/serial/fake.js';
import { FakeEngine } from '../../bridge/engine/fake.js';
import { startTestDaemon, until } from './harness.js';

/** Learn with a serial knob box: turn a channel while learning and it is mapped by its virtual control. */
describe('learn from a serial knob box', () => {
  let daemon: Daemon;
  const backend = new FakeSerialBackend();
  const sliders = [0, 0, 0, 0, 0];
  let timer: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    backend.plug({ path: '/dev/ttyUSB0' });
    daemon = await startTestDaemon(['--serial', '/dev/ttyUSB0:deej'], { engine: new FakeEngine(), serialBackend: backend });
    await until(() => backend.isOpen('/dev/ttyUSB0'));
    timer = setInterval(() => backend.feed('/dev/ttyUSB0', new TextEncoder().encode(`${sliders.join('|')}\r\n`)), 10);
  });

  afterAll(async () => {
    clearInterval(timer);
    await daemon.close();
  });

  it('maps the slider that moves, then that slider drives the parameter', async () => {
    const learning = fetch(`${daemon.httpUrl}/api/learn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ param: 'comp.threshold', timeoutMs: 10000 }) });
    await new Promise((r) => setTimeout(r, 100));
    for (let v = 0; v <= 600; v += 20) {
      sliders[4] = v; // deej slider 5: fader/5 in the deej profile
      await new Promise((r) => setTimeout(r, 12));
    }
    const res = await learning;
    const body = (await res.json()) as { control?: string; input?: string; createdControl?: boolean };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ control: 'fader/5', input: 'serial fader/5', createdControl: false });
    // The learned mapping picks the parameter up (soft takeover), then follows the slider.
    for (const v of [0, 1023, 512]) {
      sliders[4] = v;
      await new Promise((r) => setTimeout(r, 150));
    }
    await until(() => Math.abs((daemon.store.norm('comp.threshold' as never) ?? -1) - 512 / 1023) < 0.002);
  });
});
