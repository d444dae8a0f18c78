/**
 * The pure core's throughput: OSC datagram → decode → routing → glue/takeover → parameter store,
 * with 64 active mappings on one core, no I/O. Glue's added cost per event is the difference
 * between the full glue (log taper, S-curve, steps, pickup takeover) and identity glue.
 */
import { ManualClock } from '../bridge/core/clock.js';
import { IDENTITY_GLUE } from '../bridge/core/glue/glue.js';
import { MappingRuntime } from '../bridge/core/mapping/runtime.js';
import { ALWAYS, NO_MODES, type Glue, type MappingSpec } from '../bridge/core/mapping/spec.js';
import { ParamStore } from '../bridge/core/param/store.js';
import { oscKey } from '../bridge/core/routing/key.js';
import { routeOsc } from '../bridge/core/routing/osc-input.js';
import { compileRouting, type ControlBinding } from '../bridge/core/routing/table.js';
import { decodePacket, encodeFloatMessage } from '../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../bridge/engine/chain/params.js';

const MAPPINGS = 64;
const EVENTS = 400_000;

const FULL: Glue = {
  ...IDENTITY_GLUE,
  source: IDENTITY_GLUE.source,
  curve: { kind: 's-curve', k: 3 },
  taper: { kind: 'log' },
  step: { kind: 'plain', size: 0.01 },
  takeover: { kind: 'off' },
};

function setUp(glue: Glue) {
  const params = CHAIN_PARAMS.filter((p) => p.min > 0 || glue.taper.kind !== 'log');
  const store = new ParamStore(CHAIN_PARAMS, new ManualClock());
  const bindings: ControlBinding[] = [];
  const mappings: MappingSpec[] = [];
  for (let i = 0; i < MAPPINGS; i++) {
    const address = `/knob/${i}`;
    bindings.push({ control: `knob/${i}`, profile: 'bench', input: oscKey(address), decode: { kind: 'absolute', range: { min: 0, max: 1 } }, feedback: null });
    mappings.push({ id: `m${i}`, control: `knob/${i}`, target: params[i % params.length]!.id, glue, feedback: false, when: ALWAYS });
  }
  const runtime = new MappingRuntime(store);
  runtime.load(compileRouting(bindings, mappings, (id) => store.descriptor(id) !== undefined).table, NO_MODES);
  // Datagrams as they arrive: a sweep on every knob, interleaved.
  const packets = Array.from({ length: 4096 }, (_, k) => encodeFloatMessage(`/knob/${k % MAPPINGS}`, (k % 1000) / 1000));
  return { store, runtime, packets };
}

function measure(glue: Glue, decode: boolean): { perSecond: number; nsPerEvent: number } {
  const { store, runtime, packets } = setUp(glue);
  const decoded = packets.map((p) => {
    const d = decodePacket(p);
    if (!d.ok || d.value[0] === undefined) throw new Error('bench packet did not decode');
    return { kind: 'osc' as const, device: 'osc', peer: '127.0.0.1:9', address: d.value[0].address, args: d.value[0].args, t: 0 };
  });
  const run = (n: number) => {
    for (let i = 0; i < n; i++) {
      const k = i & 4095;
      if (decode) {
        const d = decodePacket(packets[k]!);
        if (d.ok) for (const m of d.value) routeOsc({ kind: 'osc', device: 'osc', peer: '127.0.0.1:9', address: m.address, args: m.args, t: i }, runtime, store);
      } else routeOsc({ ...decoded[k]!, t: i }, runtime, store);
    }
  };
  run(50_000); // warm-up: let the JIT settle
  const t0 = process.hrtime.bigint();
  run(EVENTS);
  const ns = Number(process.hrtime.bigint() - t0);
  return { perSecond: (EVENTS / ns) * 1e9, nsPerEvent: ns / EVENTS };
}

export function coreMappingSection(): string[] {
  const identity = measure({ ...IDENTITY_GLUE, takeover: { kind: 'off' } }, false);
  const full = measure(FULL, false);
  const pickup = measure({ ...FULL, takeover: { kind: 'pickup' } }, false);
  const withDecode = measure(FULL, true);
  const row = (name: string, r: { perSecond: number; nsPerEvent: number }) =>
    `| ${name} | ${Math.round(r.perSecond).toLocaleString('en')} | ${(r.nsPerEvent / 1000).toFixed(2)} µs |`;
  return [
    '## Mapping core: decode + routing + glue on one core',
    '',
    `${MAPPINGS} active mappings (one per control), ${EVENTS.toLocaleString('en')} events, no I/O (the parameter store has no listeners).`,
    '',
    '| path | events/s | per event |',
    '|---|---|---|',
    row('routing + identity glue', identity),
    row('routing + full glue (S-curve, log taper, steps)', full),
    row('routing + full glue + pickup takeover', pickup),
    row('OSC bytes decoded + routing + full glue', withDecode),
    '',
    `Glue's added cost per event: ${((full.nsPerEvent - identity.nsPerEvent) / 1000).toFixed(2)} µs (full glue), ${((pickup.nsPerEvent - identity.nsPerEvent) / 1000).toFixed(2)} µs (with pickup takeover).`,
    '',
  ];
}
