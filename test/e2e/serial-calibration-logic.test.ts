/** Pure parts of the serial dashboard: the calibration dialog's steps and cells, and the ports and card text. */
import { describe, expect, it } from 'vitest';
import type { DeviceSnapshot } from '../../bridge/core/devices.js';
import { barOf, channelCells, coverage, phaseStep, savedText, STEPS } from '../../dashboard/src/serial/calibration-text.js';
import type { CalibrationChannel } from '../../dashboard/src/serial/serial-api.js';
import { allCounters, canCalibrate, fallbackNote, portLine, portOf, serialCounters } from '../../dashboard/src/serial/serial-text.js';

const channel = (over: Partial<CalibrationChannel> = {}): CalibrationChannel => ({
  name: '0',
  control: 'fader/1',
  kind: 'fader',
  bits: 10,
  raw: 512,
  noise: null,
  range: null,
  fraction: null,
  taper: null,
  ...over,
});

describe('calibration steps', () => {
  it('numbers the phases, says what to do and what the button moves on to', () => {
    expect(STEPS).toEqual(['Hands off', 'Full travel', 'Centre', 'Save']);
    expect(phaseStep('rest')).toMatchObject({ step: 1, title: 'Hands off', next: 'Next: full travel' });
    expect(phaseStep('sweep')).toMatchObject({ step: 2, instruction: 'Turn every control through its whole travel, both ends.', next: 'Next: centre' });
    expect(phaseStep('centre').instruction).toMatch(/^Set each pot to its centre \(12 o'clock\)/);
    expect(phaseStep('centre').next).toBe('Finish');
    expect(phaseStep('done')).toMatchObject({ step: 4, next: null });
  });
});

describe('calibration channel cells', () => {
  it('at rest: the live raw value, noise still measuring, no travel or taper', () => {
    expect(channelCells(channel({ raw: 511.5 }), 'rest')).toEqual({ label: 'fader/1', raw: '511.5', noise: 'measuring\u2026', travel: '', taper: '', tone: 'ok' });
  });

  it('in the sweep: the noise measured, the travel so far, and a warning until a quarter is covered', () => {
    const noise = { mean: 500, sd: 1.46, peakToPeak: 7 };
    const little = channelCells(channel({ noise, range: { min: 400, max: 600 } }), 'sweep');
    expect(little).toMatchObject({ noise: 'sd 1.5 \u00b7 p-p 7', travel: '400\u2013600 (20 %) \u00b7 turn it further', tone: 'short' });
    const full = channelCells(channel({ noise, range: { min: 44.6, max: 977.2 } }), 'sweep');
    expect(full).toMatchObject({ travel: '45\u2013977 (91 %)', tone: 'ok' });
    expect(channelCells(channel({ noise }), 'sweep')).toMatchObject({ travel: 'not moved \u00b7 turn it further', tone: 'short' });
    expect(channelCells(channel({ noise }), 'done').travel).toBe('not moved \u00b7 too little travel: not saved');
  });

  it('from the centre step: the taper of a pot, a fader is linear; channels the profile ignores are not flagged', () => {
    const range = { min: 0, max: 1023 };
    expect(channelCells(channel({ kind: 'pot', range }), 'centre').taper).toBe('set to centre\u2026');
    expect(channelCells(channel({ kind: 'pot', range, taper: 'audio' }), 'centre').taper).toBe('audio (log)');
    expect(channelCells(channel({ kind: 'pot', range, taper: 'reverse' }), 'done').taper).toBe('reverse (C)');
    expect(channelCells(channel({ kind: 'pot', range, taper: 'audio' }), 'sweep').taper).toBe('');
    expect(channelCells(channel({ range }), 'done').taper).toBe('fader: linear');
    expect(channelCells(channel({ kind: 'encoder', range }), 'done').taper).toBe('\u2014');
    const ignored = channelCells(channel({ name: '7', control: null, kind: null }), 'sweep');
    expect(ignored).toMatchObject({ label: 'channel 7', tone: 'ignored', travel: '', taper: '' });
  });

  it('places the bar: the travel and the reading as shares of full scale, clamped, either way round', () => {
    expect(barOf(channel({ raw: 1023 }))).toEqual({ pos: 1, range: null });
    const b = barOf(channel({ raw: 2000, range: { min: 1023, max: 0 } }));
    expect(b).toEqual({ pos: 1, range: { from: 0, to: 1 } });
    expect(barOf(channel({ bits: 12, raw: 4095 / 2, range: { min: 0, max: 4095 / 4 } }))).toEqual({ pos: 0.5, range: { from: 0, to: 0.25 } });
    expect(coverage(channel({ range: { min: 900, max: 100 } }))).toBeCloseTo(800 / 1023);
  });

  it('says what was saved', () => {
    expect(savedText({ file: '/s/calibration/deej--X1.json', channels: ['0'] })).toBe('Saved /s/calibration/deej--X1.json: channel 0. In use now.');
    expect(savedText({ file: 'f.json', channels: ['0', '2'] })).toBe('Saved f.json: channels 0, 2. In use now.');
  });
});

describe('serial card and ports text', () => {
  const counters = { bytes: 900, frames: 60, badFrames: 2, lost: 1, readings: 300, reconnects: 3, applied: 5, filtered: 250, unmapped: 0 };
  const device = (state: 'up' | 'down', kind: DeviceSnapshot['kind'] = 'serial'): DeviceSnapshot => ({
    id: 'serial:/dev/ttyACM0',
    kind,
    name: 'deej',
    status: state === 'up' ? { state } : { state, reason: 'unplugged; retrying in 500 ms' },
    endpoint: '/dev/ttyACM0',
    lastActivity: null,
    counters,
    lastError: null,
  });

  it('shows the counters that matter, the rest in the tooltip', () => {
    expect(serialCounters(counters)).toBe('frames 60 \u00b7 bad frames 2 \u00b7 lost 1 \u00b7 reconnects 3');
    expect(serialCounters({})).toBe('frames 0 \u00b7 bad frames 0 \u00b7 lost 0 \u00b7 reconnects 0');
    expect(allCounters({ bytes: 1, frames: 2 })).toBe('bytes 1, frames 2');
  });

  it('offers Calibrate on serial boxes that are up, for their port', () => {
    expect(canCalibrate(device('up'))).toBe(true);
    expect(canCalibrate(device('down'))).toBe(false);
    expect(canCalibrate(device('up', 'osc-in'))).toBe(false);
    expect(portOf('serial:/dev/ttyACM0')).toBe('/dev/ttyACM0');
  });

  it('describes a port: USB ids, profile or how to name one, open or not', () => {
    expect(portLine({ path: '/dev/ttyACM0', source: 'system', vendorId: '16c0', productId: '0483', manufacturer: 'Teensyduino', serialNumber: 'X1', profiles: ['detent-hr'], open: true })).toEqual({
      path: '/dev/ttyACM0',
      ids: 'USB 16c0:0483 \u00b7 Teensyduino \u00b7 S/N X1',
      profile: 'profile detent-hr',
      matched: true,
      open: 'open',
    });
    expect(portLine({ path: '/dev/ttyUSB0', source: 'config', profiles: [], open: false })).toEqual({
      path: '/dev/ttyUSB0',
      ids: 'found by configured path',
      profile: 'no profile: name one with --serial /dev/ttyUSB0:<profile>',
      matched: false,
      open: 'not open',
    });
    expect(fallbackNote(null)).toBeNull();
    expect(fallbackNote('spawn udevadm ENOENT')).toMatch(/^The system port list is unavailable \(spawn udevadm ENOENT\)/);
  });
});
