import { describe, expect, it } from 'vitest';
import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import { ALWAYS, type MappingSpec } from '../../bridge/core/mapping/spec.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { compileRouting, type ControlBinding } from '../../bridge/core/routing/table.js';
import { newSession } from '../../bridge/session/model/edit.js';
import { EMPTY_RIG } from '../../bridge/session/model/schema.js';
import { clockPosition, controlsFromRouting } from '../../bridge/session/sheet/controls.js';
import { sheetCsv } from '../../bridge/session/sheet/csv.js';
import { exportSheet } from '../../bridge/session/sheet/export.js';
import { sheetHtml } from '../../bridge/session/sheet/html.js';
import { sheetRows } from '../../bridge/session/sheet/rows.js';
import { PARAMS } from './fixtures.js';

const NOW = '2026-03-01T10:00:00.000Z';
const session = newSession({
  id: 'job',
  name: 'Smith <Album> & "Co"',
  client: '=cmd|calc',
  params: { 'input.gain': -6, 'eq.band1.gain': 3, 'eq.band1.freq': 1260, 'eq.bypass': 0, 'output.gain': 0, 'old.param': 7 },
  loudness: -13.9,
  rig: EMPTY_RIG,
  now: NOW,
  trackName: '-Intro, "live"',
});
const bindings: ControlBinding[] = [
  { control: 'knob/1', profile: 'p', input: oscKey('/1/knob1'), decode: { kind: 'absolute', range: { min: 0, max: 1 } }, feedback: null },
  { control: 'fader/1', profile: 'p', input: oscKey('/1/fader1'), decode: { kind: 'absolute', range: { min: 0, max: 1 } }, feedback: null },
  { control: 'enc/1', profile: 'p', input: oscKey('/1/enc1'), decode: { kind: 'relative' }, feedback: null },
];
const m = (id: string, control: string, target: string): MappingSpec => ({ id, control, target, glue: IDENTITY_GLUE, feedback: true, when: ALWAYS });
const table = compileRouting(bindings, [m('a', 'knob/1', 'eq.band1.gain'), m('b', 'fader/1', 'input.gain'), m('c', 'enc/1', 'input.gain')], () => true).table;
const controlsFor = controlsFromRouting(() => table, (id) => PARAMS.find((d) => d.id === id));

describe('recall sheet', () => {
  it('clock positions: 7:00 fully left, 12:00 centre, 5:00 fully right, to 5 minutes', () => {
    expect([0, 0.5, 1, 0.25, 0.62].map(clockPosition)).toEqual(['7:00', '12:00', '5:00', '9:30', '1:10']);
  });

  it('rows: every parameter of every snapshot in its units, with its controls and positions', () => {
    const rows = sheetRows(session, PARAMS, controlsFor);
    expect(rows.map((r) => [r.param, r.display])).toEqual([
      ['input.gain', '-6.0 dB'],
      ['eq.band1.gain', '+3.0 dB'],
      ['eq.band1.freq', '1.26 kHz'],
      ['eq.bypass', 'off'],
      ['output.gain', '0.0 dB'],
      ['old.param', '7'],
    ]);
    expect(rows[1]?.controls).toEqual([{ control: 'knob/1', input: 'osc /1/knob1', position: 0.625, clock: '1:15' }]);
    expect(rows[0]?.controls).toEqual([
      { control: 'fader/1', input: 'osc /1/fader1', position: 0.375, clock: null },
      { control: 'enc/1', input: 'osc /1/enc1', position: null, clock: null },
    ]);
    expect(rows[5]?.name).toBe('old.param (not in this chain)');
  });

  it('CSV: RFC 4180 quoting, CRLF, full-precision values, spreadsheet formulas defused', () => {
    const csv = sheetCsv(sheetRows(session, PARAMS, controlsFor));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('track,track_name,snapshot,taken_at,module,param,name,value,unit,display,controls');
    expect(lines[1]).toBe(`intro-live,"'-Intro, ""live""",A,${NOW},input,input.gain,Input gain,-6,dB,-6.0 dB,fader/1 @ 37.5 %; enc/1`);
    expect(lines[2]).toContain('knob/1 @ 62.5 % (1:15)');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('HTML: self-contained, escaped, with facts, delivery and loudness', () => {
    const html = sheetHtml(session, sheetRows(session, PARAMS, controlsFor), NOW);
    expect(html).toContain('Smith &lt;Album&gt; &amp; &quot;Co&quot;');
    expect(html).not.toContain('<Album>');
    expect(html).toContain('=cmd|calc');
    expect(html).toContain('spotify: -14 LUFS, true peak &lt;= -1 dBTP');
    expect(html).toContain('-13.9 LUFS short-term when stored');
    expect(html).toContain('<td>knob/1 @ 62.5 % (1:15)</td>');
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(exportSheet(session, 'csv', PARAMS, controlsFor, NOW)).toMatchObject({ contentType: 'text/csv; charset=utf-8', filename: 'job-recall.csv' });
  });
});
