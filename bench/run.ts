/**
 * `npm run bench`: OSC packet in → parameter applied to the engine (the moment its ramp is
 * scheduled on the AudioParam), against a baseline of bare UDP in Node measured in the same run.
 * Prints the figures and writes bench/RESULTS.md.
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { engineBench } from './engine.js';
import { jackSection } from './jack.js';
import { baselineRun, detentRig, type DetentRig, type RunResult } from './osc-latency.js';
import { coreMappingSection } from './core-mapping.js';
import { ms } from './stats.js';
import { sessionBench } from './session.js';
import { midiSection } from './midi.js';
import { serialConditioningSection } from './serial-conditioning.js';
import { serialSection } from './serial.js';
import { dspSpeed } from './dsp.js';
import { fuzzSection } from './fuzz.js';
import { faultRows, faultSection } from './faults.js';
import { reliabilitySection } from './reliability.js';
import { soakSection } from './soak.js';
import { wsClientsSection } from './ws-clients.js';

const RATES = [1000, 10000] as const;
const SECONDS = 3;
const SUSTAIN_RATES = [1000, 2000, 5000, 10000, 20000, 50000, 100000];

function row(label: string, r: RunResult): string {
  const s = r.latency;
  return `| ${label} | ${r.rate.toLocaleString('en')} /s | ${s.n.toLocaleString('en')} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.p999)} | ${ms(s.max)} | ${r.received}/${r.sent} | ${r.finalOk ? 'yes' : 'NO'} |`;
}

/** Runs every rate on one rig, then closes it. */
async function runAll(rig: DetentRig): Promise<Map<number, RunResult>> {
  const out = new Map<number, RunResult>();
  for (const rate of RATES) out.set(rate, await rig.run(rate, rate * SECONDS));
  await rig.close();
  return out;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (l: string) => {
    lines.push(l);
    console.log(l);
  };
  say('# Benchmark results');
  say('');
  say(`Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}.`);
  say('');
  say('## OSC in → parameter applied to the engine');
  say('');
  say('A worker thread sends paced OSC datagrams over loopback UDP; latency runs from the send call to the moment the');
  say("embedded engine schedules the parameter's ramp (a message superseded by a newer one before the flush counts as");
  say('applied when its successor is). The baseline is bare UDP in Node: the same sender, a plain socket receiving.');
  say('');
  say('| path | rate | messages | p50 | p99 | p99.9 | max | received | final value applied |');
  say('|---|---|---|---|---|---|---|---|---|');
  const added: string[] = [];
  // Each configuration runs alone: the embedded engine's worklet thread takes about a core, which
  // would skew every other measurement taken while it is alive.
  const baselines = new Map<number, RunResult>();
  for (const rate of RATES) baselines.set(rate, await baselineRun(rate, rate * SECONDS));
  const controls = await runAll(await detentRig('fake'));
  const embedded = await runAll(await detentRig('webaudio'));
  for (const rate of RATES) {
    const base = baselines.get(rate) as RunResult;
    const control = controls.get(rate) as RunResult;
    const det = embedded.get(rate) as RunResult;
    say(row('bare UDP (baseline)', base));
    say(row('Detent, fake engine (no audio thread)', control));
    say(row('Detent, embedded engine', det));
    added.push(
      `- at ${rate.toLocaleString('en')}/s, control path alone (fake engine): added p50 ${ms(control.latency.p50 - base.latency.p50)}, added p99 ${ms(control.latency.p99 - base.latency.p99)}`,
      `- at ${rate.toLocaleString('en')}/s, with the embedded engine: added p50 ${ms(det.latency.p50 - base.latency.p50)}, added p99 ${ms(det.latency.p99 - base.latency.p99)} (ratio p99 ${(det.latency.p99 / base.latency.p99).toFixed(2)}×), engine writes ${det.engineWrites} for ${det.sent} messages (coalesced ${det.sent - det.engineWrites})`,
    );
  }
  say('');
  say('Added latency (Detent minus baseline):');
  for (const a of added) say(a);
  say('');
  say('## Highest sustained rate with no lost final value');
  say('');
  say('One second at each rate; it passes when the last value sent is the value applied to the engine and p99 stays under 10 ms.');
  say('');
  say('| rate | received | p99 | final value applied | pass |');
  say('|---|---|---|---|---|');
  let best = 0;
  const rig = await detentRig('webaudio');
  for (const rate of SUSTAIN_RATES) {
    const r = await rig.run(rate, rate);
    const pass = r.finalOk && r.latency.p99 < 10;
    say(`| ${rate.toLocaleString('en')} /s | ${r.received}/${r.sent} | ${ms(r.latency.p99)} | ${r.finalOk ? 'yes' : 'NO'} | ${pass ? 'yes' : 'no'} |`);
    if (!pass) break;
    best = rate;
  }
  say('');
  await rig.close();
  say(`Highest sustained rate: ${best.toLocaleString('en')} messages/s.`);
  say('');
  await engineBench(say);
  say('');
  for (const l of await jackSection()) say(l);
  say('');
  for (const l of coreMappingSection()) say(l);
  say('');
  for (const l of midiSection()) say(l);
  say('');
  // Serial knob boxes: input conditioning (pure), then decoders, a real PTY end to end, reconnect;
  // each section's own `## Serial knob boxes: <what>` heading becomes a subsection here.
  say('## Serial knob boxes');
  say('');
  const sub = (l: string) => l.replace(/^## Serial knob boxes: (.)/, (_, c: string) => `### ${c.toUpperCase()}`);
  for (const l of serialConditioningSection()) say(sub(l));
  for (const l of await serialSection()) say(sub(l));
  await sessionBench(say);
  say('');
  for (const l of dspSpeed()) say(l);
  say('');
  for (const l of await wsClientsSection()) say(l);
  say('');
  // Reliability: the long fuzz runs, the fault tests and the ten-minute soak, summed up first.
  const fuzz = await fuzzSection();
  const faults = await faultRows();
  const soak = await soakSection();
  for (const l of [...reliabilitySection(fuzz, faults, soak), ...fuzz, '', ...faultSection(faults), ...soak]) say(l);
  await writeFile(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), `${lines.join('\n')}\n`);
  process.exit(0);
}

await main();
