import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { DetentConfig } from '../config/config-schema.js';
import { loadMappingSet } from '../config/mapping-set.js';
import { formatProblem, type Problem } from '../config/problems.js';
import { loadControllerProfileDirs } from '../config/profile.js';
import type { MappingRuntime } from '../core/mapping/runtime.js';
import type { MappingSpec } from '../core/mapping/spec.js';
import { NO_MODES } from '../core/mapping/spec.js';
import type { ParamId } from '../core/param/descriptor.js';
import { compileRouting } from '../core/routing/table.js';
import type { MappingView } from '../server/messages.js';

/**
 * Loads controller profiles and the mapping set, plus the learned overlay in the state directory
 * (`learned/controllers/*.json`, `learned/set.json`: its mappings replace those with the same id),
 * compiles the routing table and swaps it into the runtime whole. On the first load whatever is
 * valid loads (a bad file is reported and left out). On a reload with any problem, the previous
 * table stays in force and the problems are reported until a good edit arrives.
 */
export class RoutingLoader {
  private loaded = false;
  private lastProblems: readonly Problem[] = [];

  constructor(
    private readonly config: DetentConfig,
    private readonly knownParam: (id: ParamId) => boolean,
    private readonly runtime: MappingRuntime,
    private readonly log: Logger,
  ) {}

  /** Every file and directory whose change calls for a reload. */
  watched(): { dirs: string[]; files: string[] } {
    return { dirs: [this.config.mappings.controllers, this.learnedControllers()], files: [this.config.mappings.set, this.overlayFile()] };
  }

  problems(): readonly Problem[] {
    return this.lastProblems;
  }

  async reload(): Promise<readonly Problem[]> {
    const profiles = await loadControllerProfileDirs([{ path: this.config.mappings.controllers }, { path: this.learnedControllers(), optional: true }]);
    const set = await loadMappingSet(this.config.mappings.set);
    const overlay = existsSync(this.overlayFile()) ? await loadMappingSet(this.overlayFile()) : { problems: [] };
    const mappings = withOverlay(set.set?.mappings ?? [], overlay.set?.mappings ?? []);
    const { table, problems: compileProblems } = compileRouting(
      profiles.profiles.flatMap((p) => p.bindings),
      mappings,
      this.knownParam,
    );
    const file = overlay.set?.mappings.some((m) => compileProblems.some((p) => p.mapping === m.id)) ? this.overlayFile() : this.config.mappings.set;
    const problems: Problem[] = [
      ...profiles.problems,
      ...set.problems,
      ...overlay.problems,
      ...compileProblems.map((p) => ({ file, path: '/mappings', message: `mapping '${p.mapping}': ${p.message}` })),
    ];
    this.lastProblems = problems;
    for (const p of problems) this.log.warn(`mapping files: ${formatProblem(p)}`);
    if (problems.length > 0 && this.loaded) {
      this.log.warn('mapping files: the previous mappings stay in force until the files are fixed');
      return problems;
    }
    this.runtime.load(table, set.set?.modes ?? NO_MODES);
    this.loaded = true;
    this.log.info(`mappings: ${profiles.profiles.length} controller profiles, ${mappings.length} mappings (${table.unbound.length} without a control)`);
    return problems;
  }

  /** Every mapping once per bound input (or once, unbound), with whether it is active and caught. */
  views(): MappingView[] {
    const status = new Map(this.runtime.status().map((s) => [s.id, s]));
    const views: MappingView[] = [];
    for (const mappings of this.runtime.routing.byControl.values()) {
      for (const m of mappings) {
        const inputs = (this.runtime.routing.byTarget.get(m.target) ?? []).filter((r) => r.mapping === m).map((r) => r.binding.input);
        const s = status.get(m.id);
        for (const input of inputs.length > 0 ? inputs : [null]) {
          views.push({ id: m.id, control: m.control, input, target: m.target, feedback: m.feedback, glue: m.glue, active: s?.active ?? false, takeover: m.glue.takeover.kind, catch: s?.catch ?? null });
        }
      }
    }
    return views;
  }

  private learnedControllers(): string {
    return join(this.config.stateDir, 'learned', 'controllers');
  }

  private overlayFile(): string {
    return join(this.config.stateDir, 'learned', 'set.json');
  }
}

/** The set's mappings with the overlay's applied: same id replaces in place, new ids append. */
function withOverlay(base: readonly MappingSpec[], overlay: readonly MappingSpec[]): MappingSpec[] {
  const byId = new Map(overlay.map((m) => [m.id, m]));
  const out = base.map((m) => byId.get(m.id) ?? m);
  const ids = new Set(base.map((m) => m.id));
  return [...out, ...overlay.filter((m) => !ids.has(m.id))];
}
