import { IDENTITY_GLUE } from '../../bridge/core/glue/glue.js';
import { ManualClock } from '../../bridge/core/clock.js';
import { MappingRuntime } from '../../bridge/core/mapping/runtime.js';
import { ALWAYS, NO_MODES, type Condition, type Glue, type MappingSpec, type ModeSpec } from '../../bridge/core/mapping/spec.js';
import { ParamStore } from '../../bridge/core/param/store.js';
import { oscKey } from '../../bridge/core/routing/key.js';
import { compileRouting, type ControlBinding, type ControlDecode } from '../../bridge/core/routing/table.js';
import { PARAMS } from './fixtures.js';

export const OFF: Glue = { ...IDENTITY_GLUE, takeover: { kind: 'off' } };
const ABS: ControlDecode = { kind: 'absolute', range: { min: 0, max: 1 } };

export const bind = (control: string, address: string, decode: ControlDecode = ABS, text: string | null = null): ControlBinding => ({
  control,
  profile: 'test',
  input: oscKey(address),
  decode,
  feedback: { kind: 'osc', address, range: decode.kind === 'absolute' ? decode.range : { min: 0, max: 1 }, text },
});

export const map = (id: string, control: string, target: string, glue: Glue = OFF, when: Condition = ALWAYS): MappingSpec => ({ id, control, target, glue, feedback: true, when });

export const known = (id: string): boolean => PARAMS.some((p) => p.id === id);

/** A store and a runtime loaded with these bindings, mappings and modes. */
export function rig(bindings: ControlBinding[], mappings: MappingSpec[], modes: ModeSpec = NO_MODES) {
  const store = new ParamStore(PARAMS, new ManualClock());
  const runtime = new MappingRuntime(store);
  const { table, problems } = compileRouting(bindings, mappings, known);
  runtime.load(table, modes);
  return { store, runtime, table, problems };
}
