import type { ParamDescriptor } from '../../bridge/core/param/descriptor.js';

/** A small parameter set covering every scale, for core tests (independent of the engine's chain). */
export const PARAMS: readonly ParamDescriptor[] = [
  { id: 'input.gain', name: 'Input gain', module: 'input', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0 },
  { id: 'eq.band1.freq', name: 'Band 1 frequency', module: 'eq', unit: 'Hz', min: 20, max: 20000, default: 1000, scale: 'log', step: 0 },
  { id: 'eq.band1.q', name: 'Band 1 Q', module: 'eq', unit: 'Q', min: 0.3, max: 10, default: 1, scale: 'log', step: 0 },
  { id: 'stereo.width', name: 'Width', module: 'stereo', unit: '%', min: 0, max: 200, default: 100, scale: 'linear', step: 0 },
  { id: 'output.gain', name: 'Output gain', module: 'output', unit: 'dB', min: -24, max: 24, default: 0, scale: 'db', step: 0.5 },
];
