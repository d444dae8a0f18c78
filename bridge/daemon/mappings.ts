import type { Logger } from 'pino';
import type { DetentConfig } from '../config/config-schema.js';
import { loadMappingSetWithOverlay, type MappingSource } from '../config/overlay.js';
import { learnedControllersDir, learnedSetPath } from '../config/paths.js';
import { formatProblem, type Problem } from '../config/problems.js';
import { loadControllerProfileDirs, profileMatchesPeer } from '../config/profile.js';
import type { ControllerProfile } from '../config/profile-schema.js';
import type { MappingRuntime } from '../core/mapping/runtime.js';
import { NO_MODES } from '../core/mapping/spec.js';
import type { ParamId } from '../core/param/descriptor.js';
import { compileRouting, type ControlBinding } from '../core/routing/table.js';
import type { MappingView, RemovedMappingView } from '../server/messages.js';
import { midiPortRule } from '../config/profile-midi-compile.js';
import type { MidiPortRule } from '../drivers/midi/match.js';

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
  private profiles: ReadonlyMap<string, ControllerProfile> = new Map();
  private rules: readonly MidiPortRule[] = [];
  private sources: ReadonlyMap<string, MappingSource> = new Map();
  private removedMappings: readonly RemovedMappingView[] = [];

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

  /** The MIDI port rules of the profiles in force (`match.midi`). */
  midiRules(): readonly MidiPortRule[] {
    return this.rules;
  }

  async reload(): Promise<readonly Problem[]> {
    const profiles = await loadControllerProfileDirs([{ path: this.config.mappings.controllers }, { path: this.learnedControllers(), optional: true }]);
    const set = await loadMappingSetWithOverlay(this.config.mappings.set, this.overlayFile());
    const mappings = set.set?.mappings ?? [];
    const { table, problems: compileProblems } = compileRouting(
      profiles.profiles.flatMap((p) => p.bindings),
      mappings,
      this.knownParam,
    );
    const file = set.overlay?.mappings.some((m) => compileProblems.some((p) => p.mapping === m.id)) ? this.overlayFile() : this.config.mappings.set;
    const problems: Problem[] = [
      ...profiles.problems,
      ...set.problems,
      ...compileProblems.map((p) => ({ file, path: '/mappings', message: `mapping '${p.mapping}': ${p.message}` })),
    ];
    this.lastProblems = problems;
    for (const p of problems) this.log.warn(`mapping files: ${formatProblem(p)}`);
    if (problems.length > 0 && this.loaded) {
      this.log.warn('mapping files: the previous mappings stay in force until the files are fixed');
      return problems;
    }
    this.runtime.load(table, set.set?.modes ?? NO_MODES);
    this.rules = profiles.profiles.flatMap((p) => midiPortRule(p.profile) ?? []);
    this.profiles = new Map(profiles.profiles.map((p) => [p.profile.id, p.profile]));
    this.sources = set.sources;
    this.removedMappings = set.removed.map((m) => ({ id: m.id, control: m.control, target: m.target }));
    this.loaded = true;
    this.log.info(`mappings: ${profiles.profiles.length} controller profiles, ${mappings.length} mappings (${table.unbound.length} without a control)`);
    return problems;
  }

  /** Whether the binding's profile applies to an OSC sender (`match.osc.peers`; none: every sender). */
  applies(binding: ControlBinding, peer: string): boolean {
    const p = this.profiles.get(binding.profile);
    return p === undefined || profileMatchesPeer(p, peer);
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
          views.push({
            id: m.id,
            control: m.control,
            input,
            target: m.target,
            feedback: m.feedback,
            glue: m.glue,
            active: s?.active ?? false,
            takeover: m.glue.takeover.kind,
            catch: s?.catch ?? null,
            source: this.sources.get(m.id) ?? 'set',
          });
        }
      }
    }
    return views;
  }

  /** The configured set's mappings the learned overlay removes (the dashboard offers to restore them). */
  removed(): readonly RemovedMappingView[] {
    return this.removedMappings;
  }

  private learnedControllers(): string {
    return learnedControllersDir(this.config.stateDir);
  }

  private overlayFile(): string {
    return learnedSetPath(this.config.stateDir);
  }
}
