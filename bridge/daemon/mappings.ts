import type { Logger } from 'pino';
import type { DetentConfig } from '../config/config-schema.js';
import { loadMappingSet } from '../config/mapping-set.js';
import { formatProblem } from '../config/problems.js';
import { loadControllerProfiles } from '../config/profile.js';
import type { ParamId } from '../core/param/descriptor.js';
import { compileRouting, type RoutingTable } from '../core/routing/table.js';
import type { MappingView } from '../server/messages.js';

export interface LoadedRouting {
  readonly table: RoutingTable;
  readonly views: readonly MappingView[];
}

/**
 * Loads the controller profiles and the mapping set named by the config and compiles the routing
 * table. Bad files are logged with file and JSON path and left out; the rest still load, so one
 * broken profile never takes the other controllers down.
 */
export async function loadRouting(config: DetentConfig, knownParam: (id: ParamId) => boolean, log: Logger): Promise<LoadedRouting> {
  const profiles = await loadControllerProfiles(config.mappings.controllers);
  const set = await loadMappingSet(config.mappings.set);
  for (const p of [...profiles.problems, ...set.problems]) log.warn(`mapping files: ${formatProblem(p)}`);

  const bindings = profiles.profiles.flatMap((p) => p.bindings);
  const { table, problems } = compileRouting(bindings, set.set?.mappings ?? [], knownParam);
  for (const p of problems) log.warn(`mapping set ${config.mappings.set}: mapping '${p.mapping}': ${p.message}`);
  log.info(`mappings: ${profiles.profiles.length} controller profiles, ${set.set?.mappings.length ?? 0} mappings (${table.unbound.length} without a control)`);
  return { table, views: mappingViews(table) };
}

/** Every mapping once per bound input, then the unbound ones, as the API lists them. */
function mappingViews(table: RoutingTable): MappingView[] {
  const views: MappingView[] = [];
  for (const routes of table.byTarget.values()) {
    for (const r of routes) {
      views.push({ id: r.mapping.id, control: r.mapping.control, input: r.binding.input, target: r.mapping.target, feedback: r.mapping.feedback, glue: r.mapping.glue });
    }
  }
  for (const m of table.unbound) views.push({ id: m.id, control: m.control, input: null, target: m.target, feedback: m.feedback, glue: m.glue });
  return views;
}
