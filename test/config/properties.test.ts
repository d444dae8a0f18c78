import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../bridge/config/cli-args.js';
import { ConfigSchema } from '../../bridge/config/config-schema.js';
import { MappingSetSchema } from '../../bridge/config/mapping-set-schema.js';
import { ControllerProfileSchema } from '../../bridge/config/profile-schema.js';
import { resolveConfig } from '../../bridge/config/resolve.js';
import { checkValue } from '../../bridge/config/validate.js';

const ctx = { configPath: '/etc/detent/config.json', configDir: '/etc/detent', stateDir: '/var/detent', packageRoot: '/pkg' };

/** Near-valid configs: the right keys with values of any JSON type, so deep paths get exercised. */
const any = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const nearConfig = fc.record(
  {
    schemaVersion: fc.oneof(fc.constant(1), any),
    logLevel: fc.oneof(fc.constantFrom('info', 'trace', 'loud'), any),
    http: fc.oneof(fc.record({ host: maybe(fc.oneof(fc.string(), any)), port: maybe(fc.oneof(fc.integer({ min: -5, max: 70000 }), any)) }), any),
    osc: fc.record({ feedback: fc.array(fc.record({ host: fc.oneof(fc.string(), any), port: fc.oneof(fc.integer({ min: -1, max: 65536 }), any) })) }),
    audio: fc.oneof(fc.record({ output: fc.constantFrom('default', 'none', 'x'), source: fc.oneof(fc.string(), any) }), any),
    mappings: fc.dictionary(fc.constantFrom('controllers', 'set', 'other'), fc.oneof(fc.string(), any)),
  },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('any JSON value either loads as a valid, frozen config or yields at least one problem; never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearConfig), (raw) => {
        const r = resolveConfig(raw, [], ctx);
        if (r.ok) {
          expect(Value.Check(ConfigSchema, r.value)).toBe(true);
          expect(Object.isFrozen(r.value)).toBe(true);
        } else {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p.path === '' || p.path.startsWith('/')).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('profiles and mapping sets: valid or at least one problem, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        for (const schema of [ControllerProfileSchema, MappingSetSchema]) {
          const r = checkValue(schema, raw, 'x.json');
          expect(r.ok || r.problems.length > 0).toBe(true);
        }
      }),
    );
  });

  it('never mutates the value it checks', () => {
    fc.assert(
      fc.property(nearConfig, (raw) => {
        const copy = structuredClone(raw);
        resolveConfig(raw, [], ctx);
        expect(raw).toEqual(copy);
      }),
    );
  });

  it('parseCliArgs never throws, whatever the arguments', () => {
    const arg = fc.oneof(fc.string(), fc.constantFrom('--http-port', '--config', '--audio', '--help', '-v', '--', '-x'));
    fc.assert(fc.property(fc.array(arg, { maxLength: 6 }), (argv) => void parseCliArgs(argv, '/cwd')));
  });
});
