import { playheadAt, type TransportState } from './transport.js';

/**
 * Fade at every start, stop and jump of playback, s: a cut in a waveform is a click on monitors,
 * 5 ms is short enough to feel instant and long enough that nothing is heard but the music
 * starting or stopping. A seek while playing is a crossfade of that length.
 */
export const TRANSPORT_FADE_S = 0.005;

interface Voice {
  readonly node: AudioBufferSourceNode;
  readonly env: GainNode;
}

/**
 * Plays a decoded source into the chain's input with a transport: play, pause, seek, loop.
 * An AudioBufferSourceNode plays once, so each start is a new node (a voice) with its own fade
 * envelope; stopping fades the voice out and lets it go. Positions are seconds of the source.
 * Automation starts at `currentTime` with an explicit value first (DESIGN.md: automation
 * scheduled for a later block is evaluated too early by node-web-audio-api).
 */
export class FilePlayer {
  private voice: Voice | undefined;
  /** Context time at which position 0 would have played (meaningful while a voice plays). */
  private anchor = 0;
  /** The position while stopped, s. */
  private parked = 0;
  private looping = true;

  constructor(
    private readonly ctx: BaseAudioContext,
    private readonly buffer: AudioBuffer,
    private readonly out: AudioNode,
    private readonly label: string,
  ) {}

  get duration(): number {
    return this.buffer.duration;
  }

  play(): void {
    this.settle();
    if (this.voice === undefined) this.startAt(this.parked);
  }

  pause(): void {
    this.settle();
    if (this.voice === undefined) return;
    this.parked = this.position();
    this.release();
  }

  seek(position: number): void {
    const p = Math.min(Math.max(0, position), this.duration);
    this.settle();
    if (this.voice === undefined) {
      this.parked = p;
      return;
    }
    this.release();
    this.startAt(p);
  }

  setLoop(loop: boolean): void {
    this.settle();
    if (this.voice !== undefined) {
      // Re-anchor first: the playhead's formula changes with the flag, where the voice is does not.
      this.anchor = this.ctx.currentTime - this.position();
      this.voice.node.loop = loop;
    }
    this.looping = loop;
  }

  state(): TransportState {
    this.settle();
    return { playing: this.voice !== undefined, loop: this.looping, position: this.position(), duration: this.duration, source: this.label };
  }

  /** Stops at once (the context is going away). */
  dispose(): void {
    const v = this.voice;
    this.voice = undefined;
    if (v === undefined) return;
    v.node.onended = null;
    v.node.stop();
    v.node.disconnect();
    v.env.disconnect();
  }

  /**
   * A voice played without loop has ended once the playhead passed the end: back to the start,
   * stopped, as players do. Decided by the clock, not by the `ended` event, which reaches the
   * main thread later (or, offline, not before the render resumes).
   */
  private settle(): void {
    const v = this.voice;
    if (v === undefined || this.looping || !playheadAt(this.anchor, this.ctx.currentTime, this.duration, false).ended) return;
    this.voice = undefined;
    this.parked = 0;
    v.node.onended = null;
    v.node.disconnect();
    v.env.disconnect();
  }

  private position(): number {
    return this.voice === undefined ? this.parked : playheadAt(this.anchor, this.ctx.currentTime, this.duration, this.looping).position;
  }

  private startAt(position: number): void {
    const now = this.ctx.currentTime;
    const node = this.ctx.createBufferSource();
    node.buffer = this.buffer;
    node.loop = this.looping;
    const env = this.ctx.createGain();
    env.gain.setValueAtTime(0, now);
    env.gain.linearRampToValueAtTime(1, now + TRANSPORT_FADE_S);
    node.connect(env).connect(this.out);
    const voice: Voice = { node, env };
    node.onended = () => {
      if (this.voice === voice) this.settle();
    };
    node.start(now, Math.min(position, Math.max(0, this.duration - 1 / this.ctx.sampleRate)));
    this.anchor = now - position;
    this.voice = voice;
  }

  /** Fades the playing voice out and lets it go. */
  private release(): void {
    const v = this.voice;
    this.voice = undefined;
    if (v === undefined) return;
    const now = this.ctx.currentTime;
    const g = v.env.gain;
    g.cancelScheduledValues(now);
    g.setValueAtTime(g.value, now);
    g.linearRampToValueAtTime(0, now + TRANSPORT_FADE_S);
    v.node.onended = () => {
      v.node.disconnect();
      v.env.disconnect();
    };
    v.node.stop(now + TRANSPORT_FADE_S);
  }
}
