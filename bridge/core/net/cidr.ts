/**
 * IPv4 and IPv6 address blocks in CIDR notation (RFC 4632, RFC 4291 §2.3), for the OSC sender
 * allow-list. Pure: addresses are strings as the socket reports them; an IPv4-mapped IPv6 address
 * (`::ffff:192.168.1.5`, what a dual-stack socket reports) matches IPv4 blocks.
 */
export interface Cidr {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly prefix: number;
}

/** Parses `192.168.1.0/24`, `10.0.0.7` (a single host), `fd00::/8`; null with no reason when malformed (the schema reports). */
export function parseCidr(text: string): Cidr | null {
  const [addr = '', len, ...rest] = text.trim().split('/');
  if (rest.length > 0) return null;
  const bytes = parseAddress(addr);
  if (bytes === null) return null;
  const max = bytes.length * 8;
  const prefix = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { text, bytes, prefix };
}

export function cidrContains(c: Cidr, address: string): boolean {
  let bytes = parseAddress(address);
  if (bytes === null) return false;
  if (bytes.length === 16 && c.bytes.length === 4 && isV4Mapped(bytes)) bytes = bytes.slice(12);
  if (bytes.length !== c.bytes.length) return false;
  const whole = Math.floor(c.prefix / 8);
  for (let i = 0; i < whole; i++) if (bytes[i] !== c.bytes[i]) return false;
  const bits = c.prefix % 8;
  if (bits === 0) return true;
  const mask = (0xff << (8 - bits)) & 0xff;
  return ((bytes[whole] as number) & mask) === ((c.bytes[whole] as number) & mask);
}

/** An allow-list: empty allows everyone (the default); else the address must be in one block. */
export function allowedBy(list: readonly Cidr[], address: string): boolean {
  return list.length === 0 || list.some((c) => cidrContains(c, address));
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

function parseAddress(s: string): Uint8Array | null {
  if (s.includes(':')) return parseV6(s.replace(/%.*$/, ''));
  return parseV4(s);
}

function parseV4(s: string): Uint8Array | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return new Uint8Array(parts.map(Number));
}

function parseV6(s: string): Uint8Array | null {
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) becomes two groups.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  let text = s;
  if (v4 !== null) {
    const b = parseV4(v4[2] as string);
    if (b === null) return null;
    text = `${v4[1] as string}${(((b[0] as number) << 8) | (b[1] as number)).toString(16)}:${(((b[2] as number) << 8) | (b[3] as number)).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string | undefined): string[] => (h === undefined || h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 1 ? 0 : missing).fill('0'), ...tail];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}
