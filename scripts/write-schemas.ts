// Writes the JSON Schema files for editors (mappings/schema/*.schema.json) from the TypeBox schemas
// in bridge/config. Run after changing a schema: `npx tsx scripts/write-schemas.ts`.
// test/config/schema-files.test.ts fails while the written files differ from this output.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from '../bridge/config/json-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const f of schemaFiles()) {
  const out = join(root, f.path);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, f.text);
  console.log(`wrote ${f.path}`);
}
