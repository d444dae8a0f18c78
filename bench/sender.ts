/**
 * Worker thread that sends paced OSC datagrams and reports when it sent each one. Time is
 * `performance.timeOrigin + performance.now()` in ms, comparable across threads of one process.
 * Message k carries the value -24 + k/4000 (unique up to k = 192000 within float32 precision) so the receiver can tell which
 * message a value came from.
 */
import { createSocket } from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeFloatMessage } from '../bridge/drivers/osc/codec.js';

export interface SenderJob {
  readonly port: number;
  readonly address: string;
  readonly rate: number;
  readonly count: number;
  /** Send the raw sequence number as a uint32 payload instead of OSC (the UDP baseline). */
  readonly raw: boolean;
}

export const valueOf = (k: number): number => -24 + k / 4000;
export const seqOf = (v: number): number => Math.round((v + 24) * 4000);

const now = (): number => performance.timeOrigin + performance.now();

async function run(job: SenderJob): Promise<Float64Array> {
  const socket = createSocket('udp4');
  const sentAt = new Float64Array(job.count);
  const start = now();
  let k = 0;
  while (k < job.count) {
    const due = Math.min(job.count, Math.floor(((now() - start) * job.rate) / 1000) + 1);
    for (; k < due; k++) {
      const payload = job.raw ? Buffer.from(new Uint32Array([k]).buffer) : encodeFloatMessage(job.address, valueOf(k));
      sentAt[k] = now();
      socket.send(payload, job.port, '127.0.0.1');
    }
    // Sleep between batches (timer granularity ~1 ms) rather than spin: a spinning sender would
    // take a whole core of the two from the daemon and its audio thread.
    await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise((r) => setTimeout(r, 50));
  socket.close();
  return sentAt;
}

if (parentPort !== null) {
  const port = parentPort;
  void run(workerData as SenderJob).then((sentAt) => port.postMessage(sentAt, [sentAt.buffer as ArrayBuffer]));
}
