import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from './config-schema.js';
import { FirmwareProfileSchema } from './firmware-profile-schema.js';
import { MappingSetSchema } from './mapping-set-schema.js';
import { ControllerProfileSchema } from './profile-schema.js';

/**
 * The JSON Schema files shipped for editors (`mappings/schema/*.schema.json`), generated from the
 * TypeBox schemas by scripts/write-schemas.ts; a test keeps the files equal to this output.
 *
 * One difference from the runtime schemas: a property with a default is not `required` here,
 * because the loader fills it in before validating; editors would otherwise demand it.
 */
export interface SchemaFile {
  /** Path relative to the package root. */
  readonly path: string;
  readonly text: string;
}

const FILES: readonly { name: string; title: string; schema: TSchema; dir?: string }[] = [
  { name: 'config', title: 'Detent configuration', schema: ConfigSchema },
  { name: 'controller-profile', title: 'Detent controller profile', schema: ControllerProfileSchema },
  { name: 'mapping-set', title: 'Detent mapping set', schema: MappingSetSchema },
  { name: 'firmware-profile', title: 'Detent firmware profile (serial knob box)', schema: FirmwareProfileSchema, dir: 'firmware-profiles/schema' },
];

export function schemaFiles(): readonly SchemaFile[] {
  return FILES.map(({ name, title, schema, dir = 'mappings/schema' }) => {
    const body = forEditors(JSON.parse(JSON.stringify(schema)) as unknown);
    const doc = { $schema: 'http://json-schema.org/draft-07/schema#', $id: `urn:detent:schema:${name}:1`, title, ...(body as object) };
    return { path: `${dir}/${name}.schema.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
  });
}

/** Drops defaulted properties from every `required` list, recursively (a JSON copy, no symbols). */
function forEditors(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forEditors);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'default' || k === 'examples' || k === 'const' ? v : forEditors(v);
  const props = out['properties'];
  if (Array.isArray(out['required']) && typeof props === 'object' && props !== null) {
    const p = props as Record<string, { default?: unknown }>;
    const required = (out['required'] as unknown[]).filter((r) => typeof r !== 'string' || p[r]?.default === undefined);
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  return out;
}
