/**
 * CRC-16/CCITT-FALSE, as Detent HR packets carry it (firmware-profiles/detent-hr/PROTOCOL.md,
 * "Packet layout"): polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.
 * Check value: the ASCII bytes `123456789` give 0x29B1.
 */

/** One table entry per high byte: the CRC of that byte shifted through the polynomial eight times. */
const TABLE: Uint16Array = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    t[i] = c;
  }
  return t;
})();

/** The CRC of `bytes[start .. end)` (a 16-bit unsigned number). */
export function crc16CcittFalse(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  return crc;
}
