import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../bridge/config/freeze.js';
import { compileMappings, compileModes } from '../../bridge/config/mapping-set.js';
import { mappingSetProblems } from '../../bridge/config/mapping-set-check.js';
import { MappingSetSchema } from '../../bridge/config/mapping-set-schema.js';
import { checkValue } from '../../bridge/config/validate.js';

const any = fc.jsonValue({ maxDepth: 2 });
const or = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, any);
const kind = (...names: string[]) => fc.constantFrom(...names);

/** Glue near the friendly forms: right keys, plausible and implausible values. */
const glue = fc.record(
  {
    curve: or(fc.oneof(kind('none', 'log', 's-curve', 'bent'), fc.record({ kind: kind('exponential', 's-curve', 'none'), k: fc.double({ min: -1, max: 60, noNaN: true }) }, { requiredKeys: ['kind'] }))),
    taper: or(fc.oneof(kind('scale', 'log', 'db', 'cubic'), fc.record({ kind: kind('table', 'linear'), points: fc.array(fc.tuple(fc.double({ min: -0.5, max: 1.5, noNaN: true }), fc.double({ noNaN: true, min: -100, max: 100 })), { maxLength: 4 }) }))),
    step: or(fc.oneof(fc.double({ min: -1, max: 2, noNaN: true }), kind('none'), fc.record({ kind: kind('plain', 'octave', 'none'), size: fc.double({ min: -1, max: 1, noNaN: true }), fraction: fc.integer({ min: -1, max: 50 }) }, { requiredKeys: ['kind'] }))),
    button: or(fc.oneof(kind('toggle', 'reset', 'hold'), fc.record({ kind: kind('increment', 'set', 'toggle'), step: fc.double({ min: -1, max: 1, noNaN: true }), value: fc.double({ noNaN: true }) }, { requiredKeys: ['kind'] }))),
    takeover: or(fc.oneof(kind('pickup', 'off', 'pickup-tolerant'), fc.record({ kind: kind('long-time-no-see', 'catch-up'), tolerance: fc.double({ min: -0.5, max: 1.5, noNaN: true }) }, { requiredKeys: ['kind'] }))),
    relative: or(fc.record({ step: fc.double({ min: -1, max: 1, noNaN: true }), speed: fc.double({ min: -1, max: 3, noNaN: true }), wrap: fc.boolean() }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);
const nearSet = fc.record({
  schemaVersion: fc.constant(1),
  name: fc.constant('p'),
  modes: fc.record({ pages: fc.record({ names: fc.array(kind('a', 'b'), { maxLength: 3 }) }) }, { requiredKeys: [] }),
  mappings: fc.array(fc.record({ control: kind('knob/1', 'knob/2'), target: kind('input.gain', 'output.gain'), when: fc.record({ page: kind('a', 'c'), modifiers: fc.array(kind('button/shift', 'button/alt'), { maxLength: 2 }) }, { requiredKeys: [] }), glue }, { requiredKeys: ['control', 'target'] }), { maxLength: 4 }),
});

describe('mapping set properties', () => {
  it('near-valid sets either compile or give problems with paths into the file; never throw', () => {
    fc.assert(
      fc.property(nearSet, (raw) => {
        const checked = checkValue(MappingSetSchema, raw, 'x.json');
        if (!checked.ok) {
          expect(checked.problems.length).toBeGreaterThan(0);
          for (const p of checked.problems) expect(p.path === '' || p.path.startsWith('/')).toBe(true);
          return;
        }
        const s = deepFreeze(checked.value);
        const problems = mappingSetProblems(s, 'x.json');
        for (const p of problems) expect(p.path).toMatch(/^\/(mappings|modes)\//);
        if (problems.length > 0) return;
        const ms = compileMappings(s);
        compileModes(s);
        for (const m of ms) {
          expect(typeof m.glue.curve.kind).toBe('string');
          expect(typeof m.glue.step.kind).toBe('string');
          if (m.glue.taper.kind === 'table') {
            const at = m.glue.taper.points.map((p) => p.at);
            expect(at[0]).toBe(0);
            expect(at[at.length - 1]).toBe(1);
            expect(at.every((x, i) => i === 0 || x > (at[i - 1] ?? 1))).toBe(true);
          }
          if (m.glue.takeover.kind === 'pickup-tolerant' || m.glue.takeover.kind === 'long-time-no-see') expect(m.glue.takeover.tolerance).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
