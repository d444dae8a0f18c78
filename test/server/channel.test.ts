import fc from 'fast-check';
import { assertNever } from '../../bridge/core/assert-never.js';
import { describe, expect, it } from 'vitest';
import { ClientChannel, METER_WINDOW, type Sink } from '../../bridge/server/ws/channel.js';

/** A sink whose congestion the test sets by hand; writes complete only when the test says so. */
class FakeSink implements Sink {
  bufferedAmount = 0;
  readonly written: string[] = [];
  private readonly pending: (() => void)[] = [];
  send(data: string, done: (err?: Error) => void): void {
    this.written.push(data);
    this.pending.push(() => done());
  }
  /** Completes every outstanding write, as the socket draining would. */
  drain(): void {
    this.bufferedAmount = 0;
    for (const done of this.pending.splice(0)) done();
  }
}

const HIGH = 100;
const setup = () => {
  const sink = new FakeSink();
  return { sink, ch: new ClientChannel(sink, HIGH) };
};

describe('ClientChannel', () => {
  it('passes everything straight through while not congested', () => {
    const { sink, ch } = setup();
    ch.param('a', 'p1');
    ch.devices('d1');
    ch.meters('m1');
    ch.reply('e1');
    expect(sink.written).toEqual(['p1', 'd1', 'm1', 'e1']);
  });

  it('merges parameter changes per id while congested, keeping last-moved order', () => {
    const { sink, ch } = setup();
    sink.bufferedAmount = HIGH + 1;
    ch.param('a', 'a1');
    ch.param('b', 'b1');
    ch.param('a', 'a2');
    expect(sink.written).toEqual([]);
    expect(ch.stats.paramsMerged).toBe(1);
    sink.drain(); // nothing was written, so nothing completes: still held
    expect(sink.written).toEqual([]);
    ch.ackMeters(); // any pump opportunity after congestion clears flushes
    expect(sink.written).toEqual(['b1', 'a2']);
  });

  it('never lets a later message overtake a held one', () => {
    const { sink, ch } = setup();
    sink.bufferedAmount = HIGH + 1;
    ch.param('a', 'a1');
    ch.meters('m1');
    ch.devices('d1');
    sink.bufferedAmount = 0; // congestion clears without a write completing: the next message pumps
    ch.param('b', 'b1');
    ch.meters('m2');
    ch.devices('d2');
    expect(sink.written).toEqual(['a1', 'b1', 'd1', 'm1', 'm2', 'd2']);
  });

  it('flushes held messages when an earlier write completes and congestion has cleared', () => {
    const { sink, ch } = setup();
    ch.param('a', 'a1');
    sink.bufferedAmount = HIGH + 1;
    ch.param('a', 'a2');
    ch.devices('d1');
    ch.devices('d2');
    ch.meters('m1');
    ch.meters('m2');
    expect(sink.written).toEqual(['a1']);
    sink.drain();
    expect(sink.written).toEqual(['a1', 'a2', 'd2', 'm2']);
    expect(ch.stats.metersDropped).toBe(1);
  });

  it('holds only the newest meter frame once the window is used up, until an ack', () => {
    const { sink, ch } = setup();
    for (let i = 0; i < 1000; i++) ch.meters(`m${i}`);
    expect(sink.written).toEqual(Array.from({ length: METER_WINDOW }, (_, i) => `m${i}`));
    expect(ch.stats.metersDropped).toBe(1000 - METER_WINDOW - 1);
    ch.ackMeters();
    expect(sink.written.at(-1)).toBe('m999');
    ch.ackMeters();
    ch.ackMeters();
    expect(sink.written).toHaveLength(METER_WINDOW + 1);
  });

  it('extra acks do not raise the window', () => {
    const { sink, ch } = setup();
    for (let i = 0; i < 10; i++) ch.ackMeters();
    for (let i = 0; i < 10; i++) ch.meters(`m${i}`);
    expect(sink.written).toHaveLength(METER_WINDOW);
  });

  it('drops error replies while congested rather than queueing them', () => {
    const { sink, ch } = setup();
    sink.bufferedAmount = HIGH + 1;
    ch.reply('e1');
    expect(sink.written).toEqual([]);
    expect(ch.stats.errorsDropped).toBe(1);
  });

  it('writes nothing after close, even when a write completes later', () => {
    const { sink, ch } = setup();
    ch.param('a', 'a1');
    sink.bufferedAmount = HIGH + 1;
    ch.param('a', 'a2');
    ch.close();
    sink.drain();
    ch.param('b', 'b1');
    ch.meters('m1');
    expect(sink.written).toEqual(['a1']);
  });

  it('survives a sink that completes writes synchronously', () => {
    const written: string[] = [];
    const sink: Sink = { bufferedAmount: 0, send: (data, done) => (written.push(data), done()) };
    const ch = new ClientChannel(sink, HIGH);
    for (let i = 0; i < 10; i++) ch.param(`p${i % 3}`, `v${i}`);
    expect(written).toHaveLength(10);
  });
});

describe('ClientChannel, any interleaving (property)', () => {
  type Op =
    | { readonly kind: 'param'; readonly id: string; readonly v: number }
    | { readonly kind: 'meters' }
    | { readonly kind: 'ack' }
    | { readonly kind: 'congest'; readonly on: boolean }
    | { readonly kind: 'drain' };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('param' as const), id: fc.constantFrom('a', 'b', 'c'), v: fc.integer() }),
    fc.constant({ kind: 'meters' as const }),
    fc.constant({ kind: 'ack' as const }),
    fc.record({ kind: fc.constant('congest' as const), on: fc.boolean() }),
    fc.constant({ kind: 'drain' as const }),
  );

  it('every parameter ends at its last value, in order; meters stay in order and within the window', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const sink = new FakeSink();
        const ch = new ClientChannel(sink, HIGH);
        const given = new Map<string, string[]>();
        let meter = 0;
        let acks = 0;
        const metersWritten = (): number => sink.written.filter((w) => w.startsWith('m:')).length;
        for (const o of ops) {
          switch (o.kind) {
            case 'param': {
              const json = `p:${o.id}:${o.v}:${given.get(o.id)?.length ?? 0}`;
              given.set(o.id, [...(given.get(o.id) ?? []), json]);
              ch.param(o.id, json);
              break;
            }
            case 'meters':
              ch.meters(`m:${meter++}`);
              break;
            case 'ack':
              acks++;
              ch.ackMeters();
              break;
            case 'congest':
              sink.bufferedAmount = o.on ? HIGH + 1 : 0;
              break;
            case 'drain':
              sink.drain();
              break;
            default:
              assertNever(o, 'op');
          }
          expect(metersWritten()).toBeLessThanOrEqual(METER_WINDOW + acks);
        }
        sink.drain();
        ch.ackMeters();
        for (const [id, list] of given) {
          const got = sink.written.filter((w) => w.startsWith(`p:${id}:`));
          expect(got.at(-1)).toBe(list.at(-1));
          // In order: each delivered message comes later in `list` than the one before.
          const positions = got.map((g) => list.indexOf(g));
          expect(positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)))).toBe(true);
        }
        const meters = sink.written.filter((w) => w.startsWith('m:')).map((w) => Number(w.slice(2)));
        expect(meters).toEqual([...meters].sort((x, y) => x - y));
      }),
      { numRuns: 300 },
    );
  });
});
