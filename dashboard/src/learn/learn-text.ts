/** What the learn banner says for each learn state; pure, so it is tested without a browser. */
import { assertNever } from '../../../bridge/core/assert-never.js';
import type { LearnState } from '../../../bridge/learn/state.js';

export interface BannerContent {
  readonly text: string;
  readonly tone: 'info' | 'ok' | 'warn' | 'bad';
  /** Whether the banner offers Cancel (only while listening). */
  readonly cancellable: boolean;
  /** Hide on its own after this long (ms); null: stays until the next state or dismissal. */
  readonly hideAfterMs: number | null;
}

const KIND_TEXT = { absolute: 'fader or knob', relative: 'encoder', button: 'button' } as const;

/** The banner for a state, or null for none; `nameOf` gives a parameter's display name. */
export function learnBanner(s: LearnState, nameOf: (id: string) => string | undefined): BannerContent | null {
  const name = (id: string): string => nameOf(id) ?? id;
  switch (s.state) {
    case 'idle':
      return null;
    case 'listening':
      return { text: `Turn a control for ${name(s.param)}\u2026`, tone: 'info', cancellable: true, hideAfterMs: null };
    case 'learned':
      return {
        text: `${name(s.param)} \u2190 ${s.control} (${KIND_TEXT[s.kind]}, ${s.input})`,
        tone: 'ok',
        cancellable: false,
        hideAfterMs: 6000,
      };
    case 'timeout':
      return { text: `No control moved for ${name(s.param)}: learn timed out.`, tone: 'warn', cancellable: false, hideAfterMs: 6000 };
    case 'cancelled':
      return { text: `Learn for ${name(s.param)} cancelled.`, tone: 'info', cancellable: false, hideAfterMs: 2500 };
    case 'failed':
      return { text: `Learn for ${name(s.param)} failed: ${s.message}`, tone: 'bad', cancellable: false, hideAfterMs: 15000 };
    default:
      return assertNever(s, 'learn state');
  }
}

/** Seconds left of a learn, for the banner's countdown: whole seconds, never negative. */
export const secondsLeft = (timeoutMs: number, elapsedMs: number): number => Math.max(0, Math.ceil((timeoutMs - elapsedMs) / 1000));
