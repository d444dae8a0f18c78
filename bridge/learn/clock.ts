import type { Clock } from '../core/clock.js';

/** Learn's time: now() in ms (the same clock the OSC input stamps with), plus one-shot timers. */
export interface LearnClock extends Clock {
  /** Runs `fn` once after `ms`; returns a function that cancels it (idempotent). */
  setTimer(ms: number, fn: () => void): () => void;
}

/** Real timers over a Clock (default performance.now()); timers do not keep the process alive. */
export function systemLearnClock(clock: Clock = { now: () => performance.now() }): LearnClock {
  return {
    now: () => clock.now(),
    setTimer: (ms, fn) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return () => clearTimeout(t);
    },
  };
}
