import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { schemaFiles } from '../../bridge/config/json-schema.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('shipped JSON Schema files', () => {
  it.each(schemaFiles().map((f) => [f.path, f.text]))('%s is up to date (else run: npx tsx scripts/write-schemas.ts)', async (path, text) => {
    expect(await readFile(root + path, 'utf8')).toBe(text);
  });

  it('leaves defaulted properties out of required, so editors accept short files', () => {
    const config = JSON.parse(schemaFiles().find((f) => f.path.endsWith('config.schema.json'))?.text ?? '{}') as {
      required?: string[];
      $id?: string;
      title?: string;
    };
    expect(config.required).toEqual(['schemaVersion']);
    expect(config.$id).toBe('urn:detent:schema:config:1');
    expect(config.title).toBe('Detent configuration');
  });

  it.each([
    ['controllers/touchosc-simple.json', '../schema/controller-profile.schema.json'],
    ['controllers/open-stage-control.json', '../schema/controller-profile.schema.json'],
    ['sets/default.json', '../schema/mapping-set.schema.json'],
  ])('%s points editors at %s', async (file, schema) => {
    const value = JSON.parse(await readFile(`${root}mappings/${file}`, 'utf8')) as { $schema?: string };
    expect(value.$schema).toBe(schema);
  });
});

describe('the shipped files against the shipped JSON Schemas (what an editor checks)', () => {
  // A fresh validator per schema: each file carries its own $id.
  const schema = async (name: string) => new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(await readFile(`${root}mappings/schema/${name}.schema.json`, 'utf8')) as object);

  it.each([
    ['controller-profile', 'controllers/touchosc-simple.json'],
    ['controller-profile', 'controllers/open-stage-control.json'],
    ['mapping-set', 'sets/default.json'],
  ])('%s accepts %s', async (name, file) => {
    const validate = await schema(name);
    expect(validate(JSON.parse(await readFile(`${root}mappings/${file}`, 'utf8')))).toBe(true);
    expect(validate.errors ?? null).toBeNull();
  });

  it('accepts the short forms and rejects wrong ones', async () => {
    const validate = await schema('mapping-set');
    const set = (glue: object) => ({ schemaVersion: 1, name: 'x', mappings: [{ control: 'knob/1', target: 'input.gain', glue }] });
    expect(validate(set({ taper: 'log', step: 0.5, curve: 's-curve', takeover: 'pickup', button: 'toggle' }))).toBe(true);
    expect(validate(set({ taper: { kind: 'table', points: [[0, -24], [1, 6]] }, step: { kind: 'octave', fraction: 3 }, takeover: { kind: 'pickup-tolerant', tolerance: 0.05 } }))).toBe(true);
    expect(validate(set({ taper: 'cubic' }))).toBe(false);
    expect(validate(set({ button: { kind: 'increment' } }))).toBe(false);
  });
});
