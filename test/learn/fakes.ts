/** Test doubles for learn: a clock whose timers fire only when told, and OSC inputs. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { OscArg } from '../../bridge/core/input.js';
import type { OscInput } from '../../bridge/core/routing/osc-input.js';
import type { LearnClock } from '../../bridge/learn/clock.js';

export class FakeLearnClock implements LearnClock {
  private t = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];

  now(): number {
    return this.t;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.t + ms, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  /** Moves time on, firing due timers in order (each at its own time). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }

  get pending(): number {
    return this.timers.length;
  }
}

export const osc = (address: string, ...args: (number | boolean | string)[]): OscInput => ({
  kind: 'osc',
  device: 'osc',
  peer: '127.0.0.1:9999',
  address,
  args: args.map((a): OscArg => (typeof a === 'boolean' ? { type: a ? 'T' : 'F' } : typeof a === 'string' ? { type: 's', value: a } : { type: 'f', value: a })),
  t: 0,
});

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export async function stateDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'detent-learn-'));
  made.push(d);
  return d;
}
