import { FakeEngine } from '../../bridge/engine/fake.js';
import type { Engine } from '../../bridge/engine/interface.js';
import { createWebAudioEngine } from '../../bridge/engine/webaudio/engine.js';
import { engineContract } from './contract.js';

const quiet = { warn: (): void => {}, info: (): void => {} };

engineContract({
  name: 'web audio (sink none, demo)',
  make: () => createWebAudioEngine({ output: 'none', source: 'demo', log: quiet }),
  poke: () => {},
});

engineContract({
  name: 'fake',
  make: () => new FakeEngine(),
  poke: (e: Engine) => {
    if (e instanceof FakeEngine) e.emitMeters({ t: 0, peakDb: [-6, -7], rmsDb: [-18, -19] });
  },
});
