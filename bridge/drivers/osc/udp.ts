import { createSocket, type Socket } from 'node:dgram';
import type { OscEndpoint, OscTransport } from './interface.js';

/** Receive buffer: a flood of knob messages must queue in the kernel, not be dropped (bytes). */
const RECV_BUFFER_BYTES = 4 * 1024 * 1024;

/** The real OSC transport: one UDP socket (IPv4) used for input and for feedback. */
export class UdpOscTransport implements OscTransport {
  private socket: Socket | undefined;
  private listener: (data: Uint8Array, peer: OscEndpoint) => void = () => {};

  constructor(
    private readonly bind: OscEndpoint,
    /** Socket errors after bind (they are rare on UDP); reported, never thrown. */
    private readonly onError: (e: Error) => void,
  ) {}

  open(): Promise<OscEndpoint> {
    const socket = createSocket({ type: 'udp4', recvBufferSize: RECV_BUFFER_BYTES });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => this.listener(msg, { host: rinfo.address, port: rinfo.port }));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.bind.port, this.bind.host, () => {
        socket.off('error', reject);
        socket.on('error', this.onError);
        const a = socket.address();
        resolve({ host: a.address, port: a.port });
      });
    });
  }

  onPacket(listener: (data: Uint8Array, peer: OscEndpoint) => void): void {
    this.listener = listener;
  }

  send(data: Uint8Array, to: OscEndpoint): Promise<void> {
    const socket = this.socket;
    if (socket === undefined) return Promise.reject(new Error('OSC socket is not open'));
    return new Promise((resolve, reject) => socket.send(data, to.port, to.host, (e) => (e ? reject(e) : resolve())));
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (socket === undefined) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }
}
