import { createSocket } from 'node:dgram';
import { FakeOscTransport } from '../../bridge/drivers/osc/fake.js';
import type { OscTransport } from '../../bridge/drivers/osc/interface.js';
import { UdpOscTransport } from '../../bridge/drivers/osc/udp.js';
import { transportContract } from './osc-transport.contract.js';

transportContract('real UDP', {
  make: () => new UdpOscTransport({ host: '127.0.0.1', port: 0 }, () => {}),
  inject: async (_t, bound, data) => {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const port = s.address().port;
    await new Promise<void>((r, j) => s.send(data, bound.port, bound.host, (e) => (e ? j(e) : r())));
    setTimeout(() => s.close(), 200);
    return { host: '127.0.0.1', port };
  },
  roundTrip: async (t: OscTransport, data) => {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const got = new Promise<Uint8Array>((r) => s.once('message', (m) => r(Uint8Array.from(m))));
    await t.send(data, { host: '127.0.0.1', port: s.address().port });
    const out = await got;
    s.close();
    return out;
  },
});

transportContract('fake', {
  make: () => new FakeOscTransport({ host: '127.0.0.1', port: 9000 }),
  inject: async (t, _bound, data) => {
    (t as FakeOscTransport).deliver(data, { host: '127.0.0.1', port: 5555 });
    return { host: '127.0.0.1', port: 5555 };
  },
  roundTrip: async (t, data) => {
    await t.send(data, { host: '127.0.0.1', port: 7000 });
    return (t as FakeOscTransport).sent.at(-1)?.data ?? new Uint8Array();
  },
});
