/**
 * The file transport: the playhead's arithmetic (a table), and the player in a real audio graph
 * (OfflineAudioContext, commands at suspend points): pause is silence, play resumes where it
 * paused, a seek jumps, and no command is ever heard as a click (every start, stop and jump fades
 * over TRANSPORT_FADE_S).
 */
import { OfflineAudioContext } from 'node-web-audio-api';
import { describe, expect, it } from 'vitest';
import { FilePlayer, TRANSPORT_FADE_S } from '../../bridge/engine/source/player.js';
import { playheadAt } from '../../bridge/engine/source/transport.js';

describe('playheadAt', () => {
  it.each([
    // anchor, now, duration, loop → position, ended
    [0, 0, 10, true, 0, false],
    [0, 3, 10, true, 3, false],
    [0, 13, 10, true, 3, false],
    [0, 13, 10, false, 10, true],
    [2, 5, 10, false, 3, false],
    [5, 2, 10, false, 0, false], // before the anchor: at the start
    [0, 4, 0, true, 0, false],
  ])('anchor %d, now %d, duration %d, loop %s → %d', (anchor, now, duration, loop, position, ended) => {
    const r = playheadAt(anchor, now, duration, loop);
    expect(r.position).toBeCloseTo(position, 12);
    expect(r.ended).toBe(ended);
  });
});

const RATE = 48000;
const AMP = 0.5;
const HZ = 1000;

/**
 * Renders 2 s of a 3 s 1 kHz sine through a FilePlayer, running `script` commands at their times.
 * node-web-audio-api queues each `suspend(t)` on its own async runtime, which may run it after the
 * rendering has started; it then panics ("cannot suspend when rendering has already started",
 * ircam-ismm/node-web-audio-api#62) and that command never runs. So the suspends get a moment to
 * land before rendering starts, and a render that lost one is done again (a fresh context).
 */
async function render(script: readonly [number, (p: FilePlayer) => void][]) {
  for (let attempt = 1; ; attempt++) {
    const r = await renderOnce(script);
    if (r.at.length === script.length) return r;
    if (attempt === 5) throw new Error(`suspend points lost in ${attempt} renders: ${r.lost.join('; ')}`);
  }
}

async function renderOnce(script: readonly [number, (p: FilePlayer) => void][]) {
  const ctx = new OfflineAudioContext(1, 2 * RATE, RATE);
  const buffer = ctx.createBuffer(1, 3 * RATE, RATE);
  const src = new Float32Array(3 * RATE);
  for (let i = 0; i < src.length; i++) src[i] = AMP * Math.sin((2 * Math.PI * HZ * i) / RATE);
  buffer.copyToChannel(src, 0);
  const player = new FilePlayer(ctx, buffer, ctx.destination, 'sine');
  const at: { t: number; state: ReturnType<FilePlayer['state']> }[] = [];
  const lost: string[] = [];
  for (const [t, command] of script)
    ctx.suspend(t).then(
      () => {
        command(player);
        at.push({ t: ctx.currentTime, state: player.state() });
        void ctx.resume();
      },
      (e: unknown) => lost.push(`${t} s: ${String(e)}`),
    );
  player.play();
  await new Promise((r) => setTimeout(r, 10));
  const out = (await ctx.startRendering()).getChannelData(0);
  return { out, src, at, lost };
}

const rms = (x: Float32Array, from: number, to: number): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / (to - from));
};
/** Largest sample-to-sample step: a sine's own is 2π·f/rate·A; a click is up to 2A. */
const maxStep = (x: Float32Array): number => {
  let m = 0;
  for (let i = 1; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (x[i - 1] as number)));
  return m;
};

describe('FilePlayer in an audio graph', () => {
  it('pause is silence, play resumes where it paused, seek jumps, and nothing clicks', async () => {
    // A seek to a quarter period past 0.25 s: a jump in phase that would be a full-scale click.
    const { out, src, at } = await render([
      [0.5, (p) => p.pause()],
      [1.0, (p) => p.play()],
      [1.5, (p) => p.seek(0.25 + 1 / (4 * HZ))],
    ]);
    const [paused, played, sought] = at;
    if (paused === undefined || played === undefined || sought === undefined) throw new Error('a command did not run');
    expect(paused.state.playing).toBe(false);
    expect(paused.state.position).toBeCloseTo(paused.t, 9);
    expect(played.state.playing).toBe(true);
    expect(sought.state.position).toBeCloseTo(0.25 + 1 / (4 * HZ), 9);

    const fade = Math.ceil(TRANSPORT_FADE_S * RATE) + 1;
    const frame = (t: number): number => Math.round(t * RATE);
    // Paused: silence, once the fade-out is over, until play.
    expect(rms(out, frame(paused.t) + fade, frame(played.t))).toBe(0);
    // Playing again: the source from where it paused, sample for sample after the fade-in.
    const offset = frame(paused.state.position) - frame(played.t);
    for (let i = frame(played.t) + fade; i < frame(sought.t); i += 97) expect(out[i]).toBeCloseTo(src[i + offset] as number, 5);
    // After the seek: the source from the new position.
    const offset2 = frame(sought.state.position) - frame(sought.t);
    for (let i = frame(sought.t) + fade; i < out.length; i += 97) expect(out[i]).toBeCloseTo(src[i + offset2] as number, 5);
    // No step larger than the sine's own plus what a 5 ms fade adds (two voices in a crossfade).
    const sineStep = 2 * Math.PI * (HZ / RATE) * AMP;
    expect(maxStep(out)).toBeLessThan(sineStep + (2 * AMP) / (TRANSPORT_FADE_S * RATE) + 1e-6);
    expect(maxStep(out)).toBeGreaterThan(sineStep * 0.99); // it did play
  });

  it('without loop the source ends, rewinds and stops; with loop it plays on', async () => {
    const looped = await render([[0.2, (p) => p.seek(2.9)]]);
    expect(rms(looped.out, frame(1.9), frame(2) - 1)).toBeGreaterThan(0.3);
    const once = await render([
      [0.1, (p) => p.setLoop(false)],
      [0.2, (p) => p.seek(2.9)],
      [1.0, () => {}],
    ]);
    const last = once.at[2];
    expect(last?.state).toMatchObject({ playing: false, position: 0, loop: false });
    // The source's last 0.1 s, then silence.
    expect(rms(once.out, frame(0.5), frame(1))).toBe(0);
  });
});

function frame(t: number): number {
  return Math.round(t * RATE);
}
