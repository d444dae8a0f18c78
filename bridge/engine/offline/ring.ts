import { QUANTUM } from './stages.js';

/**
 * The blocks of a fast offline render passing from the thread running the head of the chain to the
 * thread running its tail (offline/pipeline.ts, tail.ts): `slots` stereo blocks of `block` frames
 * in a SharedArrayBuffer, and four Int32 control words. Block b travels in slot b % slots.
 *   - PRODUCED: blocks written so far (the head stores b + 1 once block b is in its slot);
 *   - CONSUMED: blocks taken so far (the tail stores b + 1 once it has copied block b out, so the
 *     slot may be written again);
 *   - ABORTED: 1 when either side gave up (the other stops waiting and returns);
 *   - WRITTEN: output frames the tail has written so far (the head meters them when the tail
 *     does not, offline/pipeline.ts).
 * Each side only writes its own counters, with Atomics.store then Atomics.notify; the data written
 * before the store is visible to the other side after its Atomics.load (sequentially consistent).
 */

const PRODUCED = 0;
const CONSUMED = 1;
const ABORTED = 2;
const WRITTEN = 3;
const CONTROL_BYTES = 16;

/** The frames of the block starting at frame `at` of a render of `total` frames: whole quanta. */
export function blockFrames(at: number, total: number, block: number): number {
  // The last block runs past the end as the graph's last quantum does.
  return Math.min(block, Math.ceil((total - at) / QUANTUM) * QUANTUM);
}

/** Atomics.waitAsync (ES2024, Node ≥ 16): not in this project's lib (ES2023), so typed here. */
type WaitAsync = (a: Int32Array, index: number, value: number, timeoutMs?: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

/** Resolves once ctrl[index] may differ from `seen` (at the latest after a second, to look again). */
async function changeFrom(ctrl: Int32Array, index: number, seen: number): Promise<void> {
  if (waitAsync === undefined) await new Promise((resolve) => setTimeout(resolve, 1));
  else {
    const w = waitAsync(ctrl, index, seen, 1000);
    if (w.async) await w.value;
  }
}

export class Ring {
  private readonly ctrl: Int32Array;
  private readonly views: Float32Array[];

  constructor(
    readonly buffer: SharedArrayBuffer,
    readonly slots: number,
    readonly block: number,
  ) {
    this.ctrl = new Int32Array(buffer, 0, 4);
    this.views = Array.from({ length: 2 * slots }, (_, k) => new Float32Array(buffer, CONTROL_BYTES + k * block * 4, block));
  }

  static create(slots: number, block: number): Ring {
    return new Ring(new SharedArrayBuffer(CONTROL_BYTES + 2 * slots * block * 4), slots, block);
  }

  /** Back to the start (every counter 0), for a new render; no thread may be using the ring. */
  reset(): void {
    this.ctrl.fill(0);
  }

  /** Channel c (0: left, 1: right) of block b's slot. */
  channel(b: number, c: 0 | 1): Float32Array {
    return this.views[2 * (b % this.slots) + c] as Float32Array;
  }

  get aborted(): boolean {
    return Atomics.load(this.ctrl, ABORTED) !== 0;
  }

  /** Gives up: the other side's waits return. */
  abort(): void {
    Atomics.store(this.ctrl, ABORTED, 1);
    Atomics.notify(this.ctrl, PRODUCED);
    Atomics.notify(this.ctrl, CONSUMED);
    Atomics.notify(this.ctrl, WRITTEN);
  }

  /** Head: block b is in its slot. */
  produced(b: number): void {
    Atomics.store(this.ctrl, PRODUCED, b + 1);
    Atomics.notify(this.ctrl, PRODUCED);
  }

  /** Tail: block b is copied out of its slot. */
  consumed(b: number): void {
    Atomics.store(this.ctrl, CONSUMED, b + 1);
    Atomics.notify(this.ctrl, CONSUMED);
  }

  /** Tail: the output's frames [0, frames) are written. */
  written(frames: number): void {
    Atomics.store(this.ctrl, WRITTEN, frames);
    Atomics.notify(this.ctrl, WRITTEN);
  }

  /** Head: output frames written so far. */
  get writtenFrames(): number {
    return Atomics.load(this.ctrl, WRITTEN);
  }

  /** Head: waits (without blocking the event loop) until block b's slot is free; false if aborted. */
  async room(b: number): Promise<boolean> {
    for (;;) {
      if (this.aborted) return false;
      const taken = Atomics.load(this.ctrl, CONSUMED);
      if (b - taken < this.slots) return true;
      await changeFrom(this.ctrl, CONSUMED, taken);
    }
  }

  /** Head: waits (without blocking the event loop) until more than `frames` output frames are written; false if aborted. */
  async more(frames: number): Promise<boolean> {
    for (;;) {
      if (this.aborted) return false;
      const now = Atomics.load(this.ctrl, WRITTEN);
      if (now > frames) return true;
      await changeFrom(this.ctrl, WRITTEN, now);
    }
  }

  /** Tail: blocks the thread until block b is in its slot; false if aborted. */
  ready(b: number): boolean {
    for (;;) {
      if (this.aborted) return false;
      const made = Atomics.load(this.ctrl, PRODUCED);
      if (made > b) return true;
      Atomics.wait(this.ctrl, PRODUCED, made, 1000);
    }
  }
}
