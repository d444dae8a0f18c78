import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
