import { SerialPort } from 'serialport';
import { FakeSerialBackend } from '../../bridge/drivers/serial/fake.js';
import { NodeSerialBackend } from '../../bridge/drivers/serial/node.js';
import { serialBackendContract, until } from './serial-backend.contract.js';
import { ptyPair } from './pty.js';

serialBackendContract('fake', {
  make: async () => {
    const backend = new FakeSerialBackend();
    const path = '/dev/ttyFAKE0';
    backend.plug({ path, vendorId: '2341', productId: '0043' });
    let read = 0;
    return {
      backend,
      path,
      deviceSends: async (bytes) => void backend.feed(path, bytes),
      deviceReceived: async () => {
        const all = backend.written(path).slice(read);
        read += all.length;
        return new Uint8Array(all.flatMap((b) => [...b]));
      },
      unplug: async () => backend.unplug(path),
      cleanup: async () => {},
    };
  },
});

// The real adapter over a socat PTY pair: the daemon opens one end, the test plays the board on the other.
serialBackendContract('serialport over a PTY', {
  make: async () => {
    const pty = await ptyPair();
    const device = new SerialPort({ path: pty.b, baudRate: 115200 });
    await new Promise<void>((resolve, reject) => device.once('open', resolve).once('error', reject));
    const received: number[] = [];
    device.on('data', (b: Buffer) => received.push(...b));
    device.on('error', () => {});
    return {
      backend: new NodeSerialBackend('/nonexistent-by-id'),
      path: pty.a,
      deviceSends: async (bytes) => {
        await new Promise<void>((resolve) => device.write(Buffer.from(bytes), () => device.drain(() => resolve())));
      },
      deviceReceived: async () => {
        await until(() => received.length > 0);
        await new Promise((r) => setTimeout(r, 50));
        return new Uint8Array(received.splice(0));
      },
      unplug: () => pty.close(),
      cleanup: async () => {
        if (device.isOpen) await new Promise<void>((r) => device.close(() => r()));
        await pty.close();
      },
    };
  },
});
