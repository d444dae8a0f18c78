import type { ParamBlock } from '../dsp/dynamics.js';
import { PairCascade, type SectionSpec } from './cascade.js';
import { specCoefs, type SpecCoefs } from './spec-biquad.js';

/**
 * The stages of offline/chain.ts's FastChain: the arithmetic of the graph's nodes (chain/nodes.ts,
 * chain/stages.ts) as node-web-audio-api 1.0.9 computes it, over blocks of whole render quanta.
 * Every stage works in place on frames [0, n) of two float32 channels, n a multiple of QUANTUM;
 * a block of n frames gives the samples n/QUANTUM quanta in a row give (the biquads and the
 * element-wise nodes do not see block edges; the processors get their 128-frame quanta).
 */

/** Frames per render quantum: the processors see the blocks the graph gives them. */
export const QUANTUM = 128;

/** A stereo stage working in place on frames [0, n), n a multiple of QUANTUM. */
export interface Stage {
  process(l: Float32Array, r: Float32Array, n: number): void;
}

/** GainNode: x·g in float32. */
function scale(x: Float32Array, g: number, n: number): void {
  for (let i = 0; i < n; i++) x[i] = (x[i] as number) * g;
}

/**
 * The bypass crossfade of chain/nodes.ts: out = dry·gd + wet·gw, each product and the sum rounded
 * to float32 (gd, gw the two GainNodes' float32 gains). Written into `wet`.
 */
function crossfade(dry: Float32Array, wet: Float32Array, gd: number, gw: number, n: number): void {
  for (let i = 0; i < n; i++) wet[i] = Math.fround((dry[i] as number) * gd) + Math.fround((wet[i] as number) * gw);
}

/** msEncode of chain/nodes.ts: mid = (L + R)·0.5, side = L·0.5 + R·(−0.5), each step in float32. */
function encode(l: Float32Array, r: Float32Array, mid: Float32Array, side: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const a = l[i] as number;
    const b = r[i] as number;
    mid[i] = Math.fround(a + b) * 0.5;
    side[i] = Math.fround(a * 0.5) + Math.fround(b * -0.5);
  }
}

/** msDecode: L = mid + side, R = mid + side·(−1). */
function decode(mid: Float32Array, side: Float32Array, l: Float32Array, r: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const m = mid[i] as number;
    const s = side[i] as number;
    l[i] = m + s;
    r[i] = m - s;
  }
}

/** A float32 work buffer of at least n frames (`buf` itself, or a longer replacement). */
function atLeast(buf: Float32Array, n: number): Float32Array {
  return buf.length >= n ? buf : new Float32Array(n);
}

export class Gain implements Stage {
  constructor(private readonly g: number) {}
  process(l: Float32Array, r: Float32Array, n: number): void {
    scale(l, this.g, n);
    scale(r, this.g, n);
  }
}

/** A stage inside a bypass crossfade (gd on the dry path, gw on the wet one). */
export class Bypassable implements Stage {
  private dryL: Float32Array = new Float32Array(0);
  private dryR: Float32Array = new Float32Array(0);
  constructor(
    private readonly gd: number,
    private readonly gw: number,
    private readonly wet: Stage,
  ) {}

  process(l: Float32Array, r: Float32Array, n: number): void {
    this.dryL = atLeast(this.dryL, n);
    this.dryR = atLeast(this.dryR, n);
    this.dryL.set(l.subarray(0, n));
    this.dryR.set(r.subarray(0, n));
    this.wet.process(l, r, n);
    crossfade(this.dryL, l, this.gd, this.gw, n);
    crossfade(this.dryR, r, this.gd, this.gw, n);
  }
}

/** The same biquads on L and R (chain/stages.ts highPass). */
export class StereoBiquads implements Stage {
  private readonly cascade: PairCascade;
  constructor(rate: number, specs: readonly SectionSpec[]) {
    this.cascade = new PairCascade(rate, specs, specs);
  }
  process(l: Float32Array, r: Float32Array, n: number): void {
    this.cascade.process(l, r, n);
  }
}

/** chain/stages.ts equaliser: mid/side encode, each side's sections, decode. */
export class MidSideEq implements Stage {
  private readonly cascade: PairCascade;
  private mid: Float32Array = new Float32Array(0);
  private side: Float32Array = new Float32Array(0);
  constructor(rate: number, midSpecs: readonly SectionSpec[], sideSpecs: readonly SectionSpec[]) {
    this.cascade = new PairCascade(rate, midSpecs, sideSpecs);
  }
  process(l: Float32Array, r: Float32Array, n: number): void {
    this.mid = atLeast(this.mid, n);
    this.side = atLeast(this.side, n);
    encode(l, r, this.mid, this.side, n);
    this.cascade.process(this.mid, this.side, n);
    decode(this.mid, this.side, l, r, n);
  }
}

/**
 * chain/stages.ts stereo: mid/side encode, side → high-pass → width gain (skipped at exactly 1),
 * decode; in one loop, each node's float32 rounding where the node has it (the high-pass is
 * SpecBiquad's arithmetic, its state in double precision).
 */
export class Width implements Stage {
  private readonly c: SpecCoefs;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  constructor(
    rate: number,
    hp: SectionSpec,
    private readonly width: number,
  ) {
    this.c = specCoefs(hp.type, rate, hp.freq, hp.gain, hp.q);
  }
  process(l: Float32Array, r: Float32Array, n: number): void {
    const { b0, b1, b2, a1, a2 } = this.c;
    const w = this.width;
    const scaled = w !== 1;
    let { x1, x2, y1, y2 } = this;
    for (let i = 0; i < n; i++) {
      const a = l[i] as number;
      const b = r[i] as number;
      // encode (as stored in float32 by the node), then the side's high-pass.
      const m = Math.fround(Math.fround(a + b) * 0.5);
      const x = Math.fround(Math.fround(a * 0.5) + Math.fround(b * -0.5));
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      let side = Math.fround(y);
      if (scaled) side = Math.fround(side * w);
      l[i] = m + side;
      r[i] = m - side;
    }
    this.x1 = x1;
    this.x2 = x2;
    this.y1 = y1;
    this.y2 = y2;
  }
}

/** What the chain needs of a dynamics processor (dsp/): AudioWorkletProcessor.process's arithmetic. */
export interface DynamicsCore {
  process(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, p: ParamBlock): void;
}

/**
 * A dynamics processor fed exactly as its AudioWorkletNode feeds it: one call per 128-frame
 * quantum, the same constant parameter block. In place (output arrays = input arrays), which the
 * processors compute the same samples for (each reads a frame before writing it; test/engine/
 * dsp-golden.test.ts covers it). The quanta's views are made once per pair of buffers.
 */
export class Dynamics implements Stage {
  private viewsOf: readonly [Float32Array, Float32Array] | undefined;
  private ls: Float32Array[] = [];
  private rs: Float32Array[] = [];
  constructor(
    private readonly core: DynamicsCore,
    private readonly params: ParamBlock,
  ) {}

  process(l: Float32Array, r: Float32Array, n: number): void {
    const q = n / QUANTUM;
    if (this.viewsOf?.[0] !== l || this.viewsOf[1] !== r || this.ls.length < q) {
      this.viewsOf = [l, r];
      const count = Math.floor(Math.min(l.length, r.length) / QUANTUM);
      this.ls = Array.from({ length: count }, (_, k) => l.subarray(k * QUANTUM, (k + 1) * QUANTUM));
      this.rs = Array.from({ length: count }, (_, k) => r.subarray(k * QUANTUM, (k + 1) * QUANTUM));
    }
    const p = this.params;
    for (let k = 0; k < q; k++) {
      const vl = this.ls[k] as Float32Array;
      const vr = this.rs[k] as Float32Array;
      this.core.process(vl, vr, vl, vr, p);
    }
  }
}
