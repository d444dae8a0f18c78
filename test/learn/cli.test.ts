import { describe, expect, it } from 'vitest';
import { parseLearnArgs, runLearnCommand, type LearnCliIo } from '../../bridge/learn/cli.js';

/** An io whose fetch answers from a script and records what was asked. */
function io(answer: (url: string, init: RequestInit | undefined) => Promise<Response>) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: { url: string; method: string; body: unknown }[] = [];
  let interrupt: (() => void) | undefined;
  const x: LearnCliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    fetch: ((url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
      return answer(url, init);
    }) as typeof fetch,
    onInterrupt: (h) => {
      interrupt = h;
      return () => (interrupt = undefined);
    },
  };
  return { x, out, err, calls, interrupt: () => interrupt?.() };
}

const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

describe('detent learn', () => {
  it('parses arguments', () => {
    expect(parseLearnArgs(['eq.band2.gain'])).toEqual({ kind: 'run', param: 'eq.band2.gain', url: 'http://127.0.0.1:7400', timeoutMs: 30_000 });
    expect(parseLearnArgs(['x', '--url', 'http://10.0.0.2:8000/', '--timeout', '2.5'])).toEqual({ kind: 'run', param: 'x', url: 'http://10.0.0.2:8000', timeoutMs: 2500 });
    expect(parseLearnArgs(['-h'])).toEqual({ kind: 'help' });
    for (const bad of [[], ['a', 'b'], ['a', '--timeout', 'x'], ['a', '--timeout', '999'], ['a', '--url', 'ftp://x'], ['a', '--nope']]) expect(parseLearnArgs(bad).kind).toBe('error');
  });

  it('prints the learned mapping and exits 0', async () => {
    const t = io(() => json(200, { param: 'eq.band2.gain', control: 'knob/4', kind: 'absolute', input: 'osc /knob_4', createdControl: false, mapping: { id: 'learned:eq.band2.gain', control: 'knob/4', target: 'eq.band2.gain' } }));
    expect(await runLearnCommand(['eq.band2.gain', '--timeout', '5'], t.x)).toBe(0);
    expect(t.calls).toEqual([{ url: 'http://127.0.0.1:7400/api/learn', method: 'POST', body: { param: 'eq.band2.gain', timeoutMs: 5000 } }]);
    expect(t.out).toEqual([expect.stringContaining('Turn a control for eq.band2.gain'), 'learned: knob/4 \u2192 eq.band2.gain (absolute, osc /knob_4)', 'mapping learned:eq.band2.gain saved in the learned overlay']);
  });

  it.each([
    [408, { error: 'LEARN_TIMEOUT', message: "no control moved for 'x' in time" }],
    [409, { error: 'LEARN_CANCELLED', message: "learn for 'x' was cancelled" }],
    [404, { error: 'PARAM_UNKNOWN', message: "unknown parameter 'x'" }],
  ])('HTTP %s → exit 1 with the message', async (status, body) => {
    const t = io(() => json(status, body));
    expect(await runLearnCommand(['x'], t.x)).toBe(1);
    expect(t.err).toEqual([`detent learn: ${body.message} (${body.error})`]);
  });

  it('an unreachable daemon → exit 1; bad arguments → exit 2', async () => {
    const t = io(() => Promise.reject(new TypeError('fetch failed')));
    expect(await runLearnCommand(['x', '--url', 'http://127.0.0.1:1'], t.x)).toBe(1);
    expect(t.err[0]).toMatch(/cannot reach the daemon at http:\/\/127\.0\.0\.1:1/);
    const u = io(() => json(200, {}));
    expect(await runLearnCommand([], u.x)).toBe(2);
    expect(u.calls).toEqual([]);
  });

  it('Ctrl-C aborts the request, cancels the learn on the daemon, exits 130', async () => {
    const t = io((_url, init) => {
      if (init?.method === 'DELETE') return json(200, { cancelled: true, learn: { state: 'cancelled', param: 'x' } });
      return new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    });
    const running = runLearnCommand(['x'], t.x);
    await new Promise((r) => setTimeout(r, 5));
    t.interrupt();
    expect(await running).toBe(130);
    expect(t.calls.map((c) => c.method)).toEqual(['POST', 'DELETE']);
    expect(t.err).toEqual(['detent learn: cancelled']);
  });
});
