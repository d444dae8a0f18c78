import { AudioContext } from 'node-web-audio-api';

/** Where the real-time context sends its audio. */
export type OutputChoice = 'default' | 'none';

/**
 * node-web-audio-api's context options: the DOM typings lack `sinkId`, which this library takes as
 * a device id or `{ type: 'none' }` (render in real time, play nowhere).
 */
interface NodeAudioContextOptions extends AudioContextOptions {
  readonly sinkId?: string | { readonly type: 'none' };
}

export interface OpenedContext {
  readonly ctx: AudioContext;
  readonly sink: OutputChoice;
}

/**
 * Opens a real-time context at `sampleRate`. With `default`, tries the default device and, when
 * there is none (the library throws InvalidStateError ... DeviceNotAvailable), falls back to a
 * headless context and reports why through `onFallback` (called at most once per open).
 * `interactive` latency (128 frames) keeps knob-to-ear latency lowest; the chain's built-in nodes
 * cost ~1/80 of real time (DESIGN.md), so the small buffer is affordable.
 */
export function openRealtimeContext(output: OutputChoice, sampleRate: number, onFallback: (reason: string) => void): OpenedContext {
  const base: NodeAudioContextOptions = { sampleRate, latencyHint: 'interactive' };
  if (output === 'default') {
    try {
      return { ctx: new AudioContext(base), sink: 'default' };
    } catch (e) {
      onFallback(`no default audio output (${(e as Error).message}); running headless, meters still live`);
    }
  }
  const headless: NodeAudioContextOptions = { ...base, sinkId: { type: 'none' } };
  return { ctx: new AudioContext(headless), sink: 'none' };
}

/** How long close waits for the library's `closed` state event before giving up on it, ms. */
const CLOSED_EVENT_WAIT_MS = 1000;

/**
 * Closes a real-time context and waits until the library has let go of it: node-web-audio-api
 * keeps a 10 s keep-awake interval per context and clears it only on the `statechange` event to
 * `closed`, which arrives after close() has resolved. Waiting for it means that once this resolves
 * no timer of ours or the library's is left (the process can exit by itself).
 */
export async function closeContext(ctx: AudioContext): Promise<void> {
  if (ctx.state === 'closed') return;
  const closedEvent = new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      ctx.removeEventListener('statechange', onChange);
      resolve();
    };
    const onChange = (): void => {
      if (ctx.state === 'closed') setImmediate(done); // after the library's own listener ran
    };
    const timer = setTimeout(done, CLOSED_EVENT_WAIT_MS);
    ctx.addEventListener('statechange', onChange);
  });
  await ctx.close();
  await closedEvent;
}
