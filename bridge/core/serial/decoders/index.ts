import { assertNever } from '../../assert-never.js';
import type { SerialDecoder } from '../decoder.js';
import { DeejDecoder } from './deej.js';
import { DetentHrDecoder } from './detent-hr/decoder.js';
import { FirmataDecoder } from './firmata.js';
import { MidiSerialDecoder } from './midi.js';
import type { DecoderSpec } from './spec.js';
import { TextLinesDecoder } from './text-lines.js';

export type { DecoderSpec } from './spec.js';

/** A fresh decoder for one open port; call `reset(now)` on every (re)open before pushing bytes. */
export function createDecoder(spec: DecoderSpec): SerialDecoder {
  switch (spec.kind) {
    case 'deej':
      return new DeejDecoder(spec.bits);
    case 'firmata':
      return new FirmataDecoder(spec.samplingIntervalMs);
    case 'midi':
      return new MidiSerialDecoder();
    case 'text-lines':
      return new TextLinesDecoder(spec.separator, spec.bits);
    case 'detent-hr':
      return new DetentHrDecoder();
    default:
      return assertNever(spec, 'decoder spec');
  }
}
