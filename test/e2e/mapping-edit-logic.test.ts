/**
 * The pure parts of the dashboard's mapping editor and mapping list: the form's values read from
 * an entry as its file has it, the entry written back (what it keeps, what it leaves out), and the
 * glue in a few words. Property: any range typed in units survives the round trip through the
 * file's normalised form. No browser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkValue } from '../../bridge/config/validate.js';
import { MappingSchema } from '../../bridge/config/mapping-set-schema.js';
import { compileGlue } from '../../bridge/config/glue.js';
import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';
import { CHAIN_PARAMS, chainParam } from '../../bridge/engine/chain/params.js';
import { editedEntry, editValues, retarget, takeoverOf } from '../../dashboard/src/mappings/edit-entry.js';
import { glueSummary } from '../../dashboard/src/mappings/glue-text.js';

const param = (id: string): ParamDescriptor => {
  const d = chainParam(id);
  if (d === undefined) throw new Error(`no ${id}`);
  return d;
};
const gain = param('output.gain');
const freq = param('eq.band2.freq');

describe('mapping editor model', () => {
  it.each([
    ['absent', undefined, 'pickup'],
    ['a name', 'off', 'off'],
    ['an object', { kind: 'long-time-no-see', tolerance: 0.1 }, 'long-time-no-see'],
    ['nonsense', 'sometimes', 'pickup'],
  ])('takeover: %s', (_what, takeover, expected) => {
    expect(takeoverOf(takeover === undefined ? {} : { takeover })).toBe(expected);
  });

  it('reads an entry with defaults: the whole range, pickup, feedback on', () => {
    expect(editValues({ control: 'fader/1', target: 'output.gain' }, gain)).toEqual({ target: 'output.gain', from: gain.min, to: gain.max, reverse: false, takeover: 'pickup', feedback: true });
  });

  it('reads a part of a log-scaled range in Hz', () => {
    const v = editValues({ control: 'k', target: 'eq.band2.freq', glue: { target: { min: 0, max: 0.5 }, reverse: true }, feedback: false }, freq);
    expect(v.from).toBe(freq.min);
    expect(v.to).toBeCloseTo(Math.sqrt(freq.min * freq.max), 6);
    expect(v).toMatchObject({ reverse: true, feedback: false });
  });

  it('writes back only what changed, keeping the fields the form does not show', () => {
    const entry = { id: 'x', control: 'fader/5', target: 'output.gain', when: { modifiers: ['button/shift'] }, glue: { step: 0.5, curve: { kind: 'log', k: 2 }, takeover: { kind: 'pickup-tolerant', tolerance: 0.02 } } };
    const same = editedEntry(entry, editValues(entry, gain), gain);
    expect(same).toEqual(entry);
    const changed = editedEntry(entry, { ...editValues(entry, gain), from: -6, to: 6, takeover: 'off', feedback: false }, gain);
    expect(changed).toEqual({ ...entry, feedback: false, glue: { step: 0.5, curve: { kind: 'log', k: 2 }, takeover: 'off', target: { min: 0.375, max: 0.625 } } });
    expect(checkValue(MappingSchema, changed, 'edit').ok).toBe(true);
  });

  it('a new parameter starts on its whole range; a full range and default glue write no glue', () => {
    const entry = { control: 'fader/1', target: 'output.gain', glue: { target: { min: 0.25, max: 0.75 } } };
    const v = retarget(editValues(entry, gain), freq);
    expect(v).toMatchObject({ target: 'eq.band2.freq', from: freq.min, to: freq.max });
    expect(editedEntry(entry, v, freq)).toEqual({ control: 'fader/1', target: 'eq.band2.freq', glue: { takeover: 'pickup' } });
  });

  it('any range typed in units comes back from the file as typed (every continuous parameter)', () => {
    const continuous = CHAIN_PARAMS.filter((d) => d.step === 0 && d.max > d.min);
    fc.assert(
      fc.property(fc.constantFrom(...continuous), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (d, a, b) => {
        const from = d.min + a * (d.max - d.min);
        const to = d.min + b * (d.max - d.min);
        const written = editedEntry({ control: 'knob/1', target: d.id }, { target: d.id, from, to, reverse: false, takeover: 'pickup', feedback: true }, d);
        expect(checkValue(MappingSchema, written, 'edit').ok).toBe(true);
        const back = editValues(written, d);
        const tolerance = 1e-9 * Math.max(1, Math.abs(d.max), Math.abs(d.min));
        expect(Math.abs(back.from - from)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(back.to - to)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });
});

describe('glue in a few words', () => {
  const compiled = (glue: unknown) => {
    const r = checkValue(MappingSchema, { control: 'knob/1', target: 'output.gain', glue }, 'x');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return compileGlue(r.value.glue);
  };
  it.each([
    ['straight through', {}, ''],
    ['a part of the range, in dB', { target: { min: 0.375, max: 0.625 } }, '\u22126.0 dB \u2026 +6.0 dB'],
    ['reversed with a curve', { reverse: true, curve: { kind: 'exponential', k: 2 } }, 'reversed, exponential curve'],
    ['steps', { step: 0.5 }, 'steps of 0.5 dB'],
  ])('%s', (_what, glue, text) => {
    expect(glueSummary(compiled(glue), gain)).toBe(text);
  });
  it('octave steps, and anything unreadable says nothing', () => {
    expect(glueSummary({ step: { kind: 'octave', fraction: 3 } }, freq)).toBe('1/3 octave steps');
    expect(glueSummary(null, undefined)).toBe('');
    expect(glueSummary({ target: { min: 'a' } }, undefined)).toBe('');
  });
});
