import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { DeviceRates, trafficCounter, trafficText } from '../../dashboard/src/device-rate.js';

const osc = (messages: number): DeviceSnapshot => ({ id: 'osc', kind: 'osc-in', name: 'OSC input', status: { state: 'up' }, endpoint: 'udp 0.0.0.0:9000', lastActivity: null, counters: { messages, malformed: 3 }, lastError: null });

describe('device message rates', () => {
  it.each([
    ['osc-in', 'messages'],
    ['osc-out', 'sent'],
    ['midi-in', 'messages'],
    ['midi-out', 'sent'],
    ['serial', 'frames'],
    ['engine', 'meterFrames'],
  ] as const)('%s counts %s', (kind, counter) => expect(trafficCounter(kind)).toBe(counter));

  it('rates from successive updates, idle time once the counter stops', () => {
    const r = new DeviceRates();
    expect(r.update([osc(0)], 0).get('osc')).toEqual({ rate: null, idleS: null });
    expect(r.update([osc(500)], 1000).get('osc')).toEqual({ rate: 500, idleS: null });
    expect(r.update([osc(500)], 2000).get('osc')).toEqual({ rate: 0, idleS: 1 });
    expect(r.update([osc(500)], 14000).get('osc')).toEqual({ rate: 0, idleS: 13 });
    // A device that went and came back starts afresh; a counter reset never reads negative.
    r.update([], 15000);
    expect(r.update([osc(10)], 16000).get('osc')).toEqual({ rate: null, idleS: null });
    expect(r.update([osc(0)], 17000).get('osc')?.rate).toBe(0);
  });

  it.each([
    [undefined, ''],
    [{ rate: null, idleS: null }, ''],
    [{ rate: 0, idleS: null }, '0/s'],
    [{ rate: 0, idleS: 12.4 }, 'idle 12 s'],
    [{ rate: 0, idleS: 125 }, 'idle 2 min'],
    [{ rate: 0.5, idleS: null }, '0.5/s'],
    [{ rate: 2868.4, idleS: null }, '2,868/s'],
  ])('trafficText(%o) = %s', (t, want) => expect(trafficText(t)).toBe(want));
});
