/** Time is an input: everything that needs "now" takes a Clock, in milliseconds on a monotonic scale. */
export interface Clock {
  now(): number;
}

/** A clock that moves only when told to, for tests. */
export class ManualClock implements Clock {
  constructor(private t = 0) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}
