/** Detent HR (firmware-profiles/detent-hr/PROTOCOL.md): the receiver and the encoders tests, benchmarks and fakes build packets with. */
export { DetentHrDecoder } from './decoder.js';
export { crc16CcittFalse } from './crc16.js';
export { SLIP_END, SLIP_ESC, SLIP_ESC_END, SLIP_ESC_ESC, SLIP_MAX_FRAME, SlipDecoder, slipEncode, type SlipItem } from './slip.js';
export {
  HR_CHANNELS,
  HR_MAX_BITS,
  HR_MAX_ENTRIES,
  HR_MAX_NAME,
  HR_MIN_BITS,
  HR_TYPE,
  HR_VERSION,
  decodePacket,
  encodeHello,
  encodeRequest,
  encodeValues,
  sealPacket,
  type HrEntry,
  type HrPacket,
} from './packet.js';
