import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../bridge/server/messages.js';
import type { Sink } from '../../bridge/server/ws/channel.js';
import { Hub } from '../../bridge/server/ws/hub.js';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { DEVICES, fixture, MAPPINGS } from './fixtures.js';

class RecordingSink implements Sink {
  bufferedAmount = 0;
  readonly messages: ServerMessage[] = [];
  send(data: string, done: (err?: Error) => void): void {
    this.messages.push(JSON.parse(data) as ServerMessage);
    queueMicrotask(() => done());
  }
}

function setup(devices: () => readonly DeviceSnapshot[] = () => DEVICES) {
  const { store } = fixture();
  let storeListeners = 0;
  const subscribe = store.subscribe.bind(store);
  store.subscribe = (l) => {
    storeListeners++;
    const off = subscribe(l);
    return () => {
      storeListeners--;
      off();
    };
  };
  const hub = new Hub({ store, devices, mappings: () => MAPPINGS, version: 'v' });
  return { store, hub, listeners: () => storeListeners };
}

describe('Hub', () => {
  it('numbers clients and labels their changes by client id', () => {
    const { store, hub } = setup();
    const s1 = new RecordingSink();
    const s2 = new RecordingSink();
    const c1 = hub.connect(s1, '10.0.0.5');
    const c2 = hub.connect(s2, '10.0.0.6');
    expect([c1.id, c2.id]).toEqual(['10.0.0.5#1', '10.0.0.6#2']);
    c2.receive(JSON.stringify({ type: 'set', id: 'input.gain', value: -3 }));
    expect(store.get('input.gain')).toBe(-3);
    expect(s1.messages.at(-1)).toEqual({ type: 'param', id: 'input.gain', value: -3, norm: 21 / 48, origin: 'dashboard 10.0.0.6#2' });
  });

  it('sends devices only when the list changed', () => {
    let list: readonly DeviceSnapshot[] = DEVICES;
    const { hub } = setup(() => list);
    const sink = new RecordingSink();
    hub.connect(sink, 'x');
    hub.devicesTick();
    hub.devicesTick();
    list = DEVICES.slice(0, 1);
    hub.devicesTick();
    expect(sink.messages.filter((m) => m.type === 'devices').map((m) => m.type === 'devices' && m.devices.length)).toEqual([2, 1]);
  });

  it('follows hello with the mappings, the files\' problems and the removed mappings, then sends them only when they change', () => {
    const { store } = fixture();
    let problems = ['set.json: /mappings/0: bad'];
    const hub = new Hub({ store, devices: () => [], mappings: () => MAPPINGS, mappingProblems: () => problems, removedMappings: () => [{ id: 'gone', control: 'fader/9', target: 'input.gain' }], version: 'v' });
    const sink = new RecordingSink();
    hub.connect(sink, 'x');
    expect(sink.messages[1]).toEqual({ type: 'mappings', mappings: MAPPINGS, problems, removed: [{ id: 'gone', control: 'fader/9', target: 'input.gain' }] });
    // The first tick sends what every client may not have seen yet (this one has: a harmless repeat).
    hub.mappingsTick();
    hub.mappingsTick();
    problems = [];
    hub.mappingsTick();
    expect(sink.messages.filter((m) => m.type === 'mappings').map((m) => m.type === 'mappings' && m.problems.length)).toEqual([1, 1, 0]);
    hub.close();
  });

  it('forgets closed clients and releases the store on close', () => {
    const { store, hub, listeners } = setup();
    const sink = new RecordingSink();
    const c = hub.connect(sink, 'x');
    hub.connect(new RecordingSink(), 'y');
    expect(hub.size).toBe(2);
    c.close();
    c.close();
    expect(hub.size).toBe(1);
    store.set('input.gain', 1, { kind: 'api' });
    expect(sink.messages.map((m) => m.type)).toEqual(['hello', 'mappings']);
    expect(listeners()).toBe(1);
    hub.close();
    expect(hub.size).toBe(0);
    expect(listeners()).toBe(0);
  });

  it('sends incoming-message batches to every client, skipping a congested one', () => {
    const { hub } = setup();
    const free = new RecordingSink();
    const busy = new RecordingSink();
    hub.connect(free, '10.0.0.5');
    const slow = hub.connect(busy, '10.0.0.6');
    busy.bufferedAmount = 10 * 1024 * 1024;
    const entries = [{ t: 1, kind: 'osc', source: '127.0.0.1:5000', text: '/1/fader1 f 0.5', outcome: 'applied' }] as const;
    hub.inputs(entries, 2);
    expect(free.messages.filter((m) => m.type === 'inputs')).toEqual([{ type: 'inputs', entries, dropped: 2 }]);
    expect(busy.messages.filter((m) => m.type === 'inputs')).toEqual([]);
    expect(slow.channel.stats.advisoryDropped).toBe(1);
  });
});
