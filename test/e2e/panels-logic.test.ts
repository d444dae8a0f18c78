/** Pure parts of the Session, A/B, History and Monitor panels: their text and the monitor log. */
import { describe, expect, it } from 'vitest';
import type { RecallResult } from '../../bridge/session/api.js';
import { matches, MonitorLog, type MonitorEntry } from '../../dashboard/src/monitor/monitor-log.js';
import { assistLines, recallSummary, slotText, stepText } from '../../dashboard/src/sessions/session-text.js';

const entry = (over: Partial<MonitorEntry> = {}): MonitorEntry => ({ seq: 1, kind: 'change', at: 0, id: 'eq.band2.gain', name: 'Band 2 gain', value: '+3.0 dB', origin: 'osc 127.0.0.1:9000', ...over });

describe('monitor filter and log', () => {
  it('matches every term, case-insensitive, and excludes `-` terms', () => {
    expect(matches(entry(), '')).toBe(true);
    expect(matches(entry(), 'EQ osc')).toBe(true);
    expect(matches(entry(), 'band 2')).toBe(true);
    expect(matches(entry(), 'eq api')).toBe(false);
    expect(matches(entry(), '-osc')).toBe(false);
    expect(matches(entry({ origin: 'api' }), 'eq -osc')).toBe(true);
    expect(matches(entry(), ' - ')).toBe(true);
  });
  it('keeps the newest entries up to its capacity, newest first, up to a frozen point', () => {
    const log = new MonitorLog(3);
    for (const id of ['a', 'b', 'c', 'd']) log.add({ kind: 'change', at: 0, id, name: id, value: '1', origin: 'api' });
    expect(log.view('', 10).map((e) => e.id)).toEqual(['d', 'c', 'b']);
    expect(log.view('', 2).map((e) => e.id)).toEqual(['d', 'c']);
    expect(log.view('', 10, 3).map((e) => e.id)).toEqual(['c', 'b']);
    expect(log.last).toBe(4);
    log.clear();
    expect(log.view('', 10)).toEqual([]);
  });
  it('shows either kind, and counts what arrived after a point by kind', () => {
    const log = new MonitorLog();
    log.add({ kind: 'change', at: 0, id: 'input.gain', name: 'Input gain', value: '-1.5 dB', origin: 'api' });
    log.add({ kind: 'input', at: 0, id: 'osc 127.0.0.1:5000', name: '/1/fader1 f 0.5', value: 'applied', origin: 'osc 127.0.0.1:5000' });
    log.add({ kind: 'input', at: 0, id: 'midi nanoKONTROL2', name: 'CC 7 = 100 · ch 1', value: 'unmapped', origin: 'midi nanoKONTROL2' });
    expect(log.view('', 10, Infinity, 'input').map((e) => e.name)).toEqual(['CC 7 = 100 · ch 1', '/1/fader1 f 0.5']);
    expect(log.view('', 10, Infinity, 'change').map((e) => e.id)).toEqual(['input.gain']);
    expect(log.view('unmapped', 10).map((e) => e.id)).toEqual(['midi nanoKONTROL2']);
    expect(log.countAfter(1, 'input')).toBe(2);
    expect(log.countAfter(1, 'change')).toBe(0);
    expect(log.countAfter(0)).toBe(3);
  });
});

describe('session panel text', () => {
  const nameOf = (id: string) => (id === 'input.gain' ? 'Input gain' : undefined);
  it('says which way and how far to turn, and sums up unseen controls', () => {
    const lines = assistLines(
      {
        allCaught: false,
        pending: [
          { mapping: 'm1', control: 'fader/1', target: 'input.gain', direction: 'down', distance: 0.4 },
          { mapping: 'm2', control: 'knob/1', target: 'eq.q', direction: null, distance: null },
        ],
        unseen: ['fader/2', 'fader/3', 'fader/4', 'fader/5'].map((control) => ({ mapping: control, control, target: 'x' })),
      },
      nameOf,
    );
    expect(lines.pending).toEqual(['fader/1 \u2192 Input gain: turn \u2193 40 %', 'knob/1 \u2192 eq.q: turn to catch']);
    expect(lines.unseen).toBe('4 controls not seen yet (fader/2, fader/3, fader/4, \u2026): move once to check');
    expect(assistLines({ allCaught: true, pending: [], unseen: [] }, nameOf)).toEqual({ pending: [], unseen: null });
  });
  it('sums up a recall', () => {
    const r = { session: 's', track: 't', snapshot: 'B', changed: 3, durationMs: 4.2, defaulted: ['new.param'], unknown: [], clamped: [], rigDrift: [] } as unknown as RecallResult;
    expect(recallSummary(r)).toBe('Recalled B: 3 changed in 4 ms \u00b7 defaulted new.param');
    expect(recallSummary({ ...r, snapshot: null, defaulted: [] })).toBe('Opened s: 3 changed in 4 ms');
  });
  it('shows an A/B state\u2019s offset, loudness, or that it is not measured', () => {
    expect(slotText({ name: 'A', loudness: -12, source: 'short-term', offsetLu: 1.84, gainDb: -1.84 })).toBe('+1.8 LU (\u22121.8 dB)');
    expect(slotText({ name: 'B', loudness: -14, source: 'short-term', offsetLu: 0, gainDb: 0 })).toBe('+0.0 LU');
    expect(slotText({ name: 'B', loudness: -14.2, source: 'short-term', offsetLu: null, gainDb: 0 })).toBe('\u221214.2 LUFS');
    expect(slotText({ name: 'B', loudness: null, source: null, offsetLu: null, gainDb: 0 })).toBe('not measured');
  });
  it('labels a history step with its parameter count', () => {
    const step = { seq: 1, at: '2026-01-01T10:00:00Z', until: '2026-01-01T10:00:00Z', label: 'recall A', origin: 'recall', changes: [{ id: 'a', before: 0, after: 1 }, { id: 'b', before: 0, after: 1 }] };
    expect(stepText(step)).toMatchObject({ label: 'recall A (2 params)', origin: 'recall' });
    expect(stepText(step).time).toMatch(/^\d\d:\d\d:\d\d$/);
  });
});
