/**
 * SLIP framing (RFC 1055) as Detent HR uses it (firmware-profiles/detent-hr/PROTOCOL.md, "Framing"):
 * END 0xC0 before and after every packet, ESC 0xDB, ESC_END 0xDB 0xDC for a data 0xC0, ESC_ESC
 * 0xDB 0xDD for a data 0xDB.
 */
export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
export const SLIP_ESC_END = 0xdc;
export const SLIP_ESC_ESC = 0xdd;

/** Longest frame accepted, in bytes between the ENDs before unescaping (PROTOCOL.md: 256). */
export const SLIP_MAX_FRAME = 256;

/** A decoded frame's payload, or a frame dropped as bad; `offset`: stream offset of the frame's first byte after its END. */
export type SlipItem =
  | { readonly kind: 'frame'; readonly bytes: Uint8Array; readonly offset: number }
  | { readonly kind: 'bad'; readonly offset: number; readonly reason: string };

/**
 * Streaming SLIP decoder. Empty frames (END END) are ignored. A bad escape or a frame past
 * `maxFrame` bytes is reported once, at once, and the rest of that frame is skipped to the next
 * END. After `reset()` the bytes before the first END are dropped silently: the port opened in the
 * middle of a frame (every packet is sent after an END, so a clean start loses nothing).
 */
export class SlipDecoder {
  private offset = 0;
  private mode: 'first' | 'frame' | 'skip' = 'first';
  private buf: number[] = [];
  /** Raw (escaped) bytes of the current frame, for the length limit. */
  private raw = 0;
  private escaped = false;
  private start = 0;

  constructor(private readonly maxFrame = SLIP_MAX_FRAME) {}

  reset(): void {
    this.offset = 0;
    this.mode = 'first';
    this.buf = [];
    this.raw = 0;
    this.escaped = false;
    this.start = 0;
  }

  push(bytes: Uint8Array): SlipItem[] {
    const out: SlipItem[] = [];
    for (const b of bytes) {
      const at = this.offset++;
      if (b === SLIP_END) {
        if (this.mode === 'frame' && this.escaped) out.push({ kind: 'bad', offset: this.start, reason: 'ESC at the end of the frame' });
        else if (this.mode === 'frame' && this.buf.length > 0) out.push({ kind: 'frame', bytes: Uint8Array.from(this.buf), offset: this.start });
        this.mode = 'frame';
        this.buf = [];
        this.raw = 0;
        this.escaped = false;
        this.start = at + 1;
        continue;
      }
      if (this.mode !== 'frame') continue;
      if (++this.raw > this.maxFrame) {
        out.push({ kind: 'bad', offset: this.start, reason: `frame longer than ${this.maxFrame} bytes` });
        this.mode = 'skip';
        continue;
      }
      if (this.escaped) {
        this.escaped = false;
        if (b === SLIP_ESC_END) this.buf.push(SLIP_END);
        else if (b === SLIP_ESC_ESC) this.buf.push(SLIP_ESC);
        else {
          out.push({ kind: 'bad', offset: this.start, reason: `ESC followed by 0x${b.toString(16).padStart(2, '0')}` });
          this.mode = 'skip';
        }
      } else if (b === SLIP_ESC) this.escaped = true;
      else this.buf.push(b);
    }
    return out;
  }
}

/** The on-wire bytes of one packet: END, the packet with 0xC0 and 0xDB escaped, END. */
export function slipEncode(packet: Uint8Array): Uint8Array {
  const out: number[] = [SLIP_END];
  for (const b of packet) {
    if (b === SLIP_END) out.push(SLIP_ESC, SLIP_ESC_END);
    else if (b === SLIP_ESC) out.push(SLIP_ESC, SLIP_ESC_ESC);
    else out.push(b);
  }
  out.push(SLIP_END);
  return Uint8Array.from(out);
}
