import { assertNever } from '../core/assert-never.js';
import { DeviceState } from '../core/devices.js';
import type { Engine } from '../engine/interface.js';

/** The embedded engine as a device on `/api/devices`: its sink, rate and source, kept current. */
export function engineDevice(engine: Engine): () => DeviceState {
  const device = new DeviceState('engine', 'engine', 'Embedded mastering engine', 'not started', ['meterFrames']);
  engine.onMeters(() => device.count('meterFrames'));
  return () => {
    const s = engine.status();
    switch (s.state) {
      case 'stopped':
        device.status = { state: 'down', reason: 'stopped' };
        break;
      case 'running':
        device.status = { state: 'up' };
        device.endpoint = `sink ${s.sink} @ ${s.sampleRate} Hz, source ${s.source}`;
        break;
      case 'failed':
        device.status = { state: 'down', reason: s.reason };
        device.lastError = s.reason;
        break;
      default:
        assertNever(s, 'engine status');
    }
    return device;
  };
}
