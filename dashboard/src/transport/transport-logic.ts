/**
 * The transport bar's pure logic: where the playhead is between two reads of `/api/transport`
 * (the daemon's state, advanced by the time since it was read), and how times read.
 */
import { playheadAt, type TransportState } from '../../../bridge/engine/source/transport.js';

/** The playhead `elapsedS` seconds after `state` was read (the daemon's own arithmetic). */
export function positionAfter(state: TransportState, elapsedS: number): number {
  if (!state.playing) return state.position;
  return playheadAt(-state.position, Math.max(0, elapsedS), state.duration, state.loop).position;
}

/** `m:ss.s` (or `h:mm:ss` from an hour); negative or non-finite reads 0:00.0. */
export function formatTime(s: number): string {
  const t = Number.isFinite(s) && s > 0 ? s : 0;
  const tenths = Math.floor(t * 10 + 1e-9);
  const h = Math.floor(tenths / 36000);
  const m = Math.floor((tenths % 36000) / 600);
  const sec = (tenths % 600) / 10;
  const ss = sec.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss.slice(0, 2)}` : `${m}:${ss}`;
}

/** A short label for the source: the file's name, or demo / live input. */
export function sourceLabel(source: string): string {
  if (source === 'demo') return 'demo loop';
  if (source === 'input') return 'live input';
  return source.split(/[\\/]/).pop() ?? source;
}
