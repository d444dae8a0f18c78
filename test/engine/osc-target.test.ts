import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { encodeFloatMessage } from '../../bridge/drivers/osc/codec.js';
import { CHAIN_PARAMS } from '../../bridge/engine/chain/params.js';
import { createOscEngine } from '../../bridge/engine/osc-target/engine.js';
import { TemplateMapping } from '../../bridge/engine/osc-target/mapping.js';
import { handshake, type OscTargetTemplate } from '../../bridge/engine/osc-target/template.js';
import { engineContract } from './contract.js';

const num = (id: string): number => CHAIN_PARAMS.findIndex((d) => d.id === id) + 1;
const reaper: OscTargetTemplate = { kind: 'reaper', host: '127.0.0.1', port: 9, track: 2, fx: 3 };
const ardour: OscTargetTemplate = { kind: 'ardour', host: '127.0.0.1', port: 9, ssid: 1, piid: 2 };
const generic: OscTargetTemplate = { kind: 'generic', host: '127.0.0.1', port: 9 };

describe('OSC target templates', () => {
  it('Reaper: /track/<n>/fx/<m>/fxparam/<p>/value, normalised, every chain parameter', () => {
    const m = new TemplateMapping(reaper, CHAIN_PARAMS);
    for (const d of CHAIN_PARAMS) {
      expect(m.toMessage(d.id, d.max)).toEqual({ address: `/track/2/fx/3/fxparam/${num(d.id)}/value`, args: [{ type: 'f', value: 1 }] });
      expect(m.toMessage(d.id, d.min)?.args[0]?.value).toBe(0);
    }
    expect(m.toMessage('eq.band2.freq', 1000)?.args[0]?.value).toBeCloseTo(Math.log(5) / Math.log(25), 9); // log scale
    expect(m.toMessage('output.gain', 0)?.args[0]?.value).toBeCloseTo(0.5, 9);
    expect(m.toMessage('no.such', 1)).toBeUndefined();
    expect(handshake(reaper)).toEqual([]);
  });

  it('Reaper: parameter numbers can be overridden', () => {
    const m = new TemplateMapping({ ...reaper, params: { 'output.gain': 40 } }, CHAIN_PARAMS);
    expect(m.toMessage('output.gain', 0)?.address).toBe('/track/2/fx/3/fxparam/40/value');
  });

  it('Ardour: /strip/plugin/parameter ssid piid param value, native range, after /set_surface', () => {
    const m = new TemplateMapping(ardour, CHAIN_PARAMS);
    for (const d of CHAIN_PARAMS) {
      expect(m.toMessage(d.id, d.default)).toEqual({
        address: '/strip/plugin/parameter',
        args: [{ type: 'i', value: 1 }, { type: 'i', value: 2 }, { type: 'i', value: num(d.id) }, { type: 'f', value: d.default }],
      });
    }
    expect(m.toMessage('comp.threshold', -99)?.args[3]?.value).toBe(-60); // clamped to the range
    expect(handshake(ardour)).toEqual([{ address: '/set_surface', args: [0, 159, 3, 0, 0, 0, 0].map((value) => ({ type: 'i', value })) }]);
  });

  it('generic: /detent/engine/<id> <plain>, prefix configurable', () => {
    expect(new TemplateMapping(generic, CHAIN_PARAMS).toMessage('comp.ratio', 4)).toEqual({ address: '/detent/engine/comp.ratio', args: [{ type: 'f', value: 4 }] });
    expect(new TemplateMapping({ ...generic, prefix: '/x' }, CHAIN_PARAMS).toMessage('output.gain', -3)?.address).toBe('/x/output.gain');
  });

  it('reads feedback back from each template, ignoring what is not ours', () => {
    const f = (t: OscTargetTemplate, address: string, ...values: number[]) =>
      new TemplateMapping(t, CHAIN_PARAMS).fromMessage({ address, args: values.map((value, i) => ({ type: t.kind === 'ardour' && i < 3 ? 'i' : 'f', value })) });
    expect(f(reaper, `/track/2/fx/3/fxparam/${num('output.gain')}/value`, 0.75)).toEqual({ id: 'output.gain', value: 12 });
    expect(f(reaper, `/track/1/fx/3/fxparam/${num('output.gain')}/value`, 0.75)).toBeUndefined();
    expect(f(reaper, '/track/2/fx/3/fxparam/999/value', 0.75)).toBeUndefined();
    expect(f(ardour, '/strip/plugin/parameter', 1, 2, num('comp.ratio'), 8)).toEqual({ id: 'comp.ratio', value: 8 });
    expect(f(ardour, '/strip/plugin/parameter', 5, 2, num('comp.ratio'), 8)).toBeUndefined();
    expect(f(generic, '/detent/engine/limiter.ceiling', -2)).toEqual({ id: 'limiter.ceiling', value: -2 });
    expect(f(generic, '/detent/engine/nope', -2)).toBeUndefined();
  });
});

engineContract({
  name: 'OSC target (generic, UDP, nobody listening)',
  make: () => createOscEngine({ template: { ...generic, port: 9 } }),
  poke: () => {},
  meters: false,
});

describe('OSC target feedback', () => {
  it('maps values a peer sends to the listening socket back to parameters', async () => {
    const e = createOscEngine({ template: { ...reaper, port: 9 } });
    await e.start();
    const local = e.localEndpoint();
    expect(local).toBeDefined();
    const got = new Promise<{ id: string; value: number }>((r) => e.onFeedback(r));
    const s = createSocket('udp4');
    const data = encodeFloatMessage(`/track/2/fx/3/fxparam/${num('eq.band2.gain')}/value`, 0.25);
    await new Promise<void>((r, j) => s.send(data, local?.port ?? 0, '127.0.0.1', (err) => (err ? j(err) : r())));
    expect(await got).toEqual({ id: 'eq.band2.gain', value: -6 });
    expect(e.feedbackValue('eq.band2.gain')).toBe(-6);
    s.close();
    await e.close();
  });
});
