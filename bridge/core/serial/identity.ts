/**
 * Which firmware profile a serial port belongs to, from what discovery knows about it. Pure: the
 * port facts come in as values. A rule matches when every field it gives matches; a profile
 * matches when any of its rules does.
 */

export interface PortFacts {
  readonly path: string;
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  readonly manufacturer?: string;
}

export interface IdentityRule {
  readonly vendorId?: string;
  readonly productId?: string;
  readonly serialNumber?: string;
  /** Case-insensitive substring of the manufacturer string. */
  readonly manufacturer?: string;
  /** Whole path, `*` matching any run of characters. */
  readonly path?: string;
}

export function ruleMatches(rule: IdentityRule, port: PortFacts): boolean {
  if (rule.vendorId !== undefined && port.vendorId?.toLowerCase() !== rule.vendorId.toLowerCase()) return false;
  if (rule.productId !== undefined && port.productId?.toLowerCase() !== rule.productId.toLowerCase()) return false;
  if (rule.serialNumber !== undefined && port.serialNumber !== rule.serialNumber) return false;
  if (rule.manufacturer !== undefined && !(port.manufacturer ?? '').toLowerCase().includes(rule.manufacturer.toLowerCase())) return false;
  if (rule.path !== undefined && !globMatches(rule.path, port.path)) return false;
  return true;
}

/** The ids of the profiles whose identity matches the port, in the order given. */
export function profilesMatching(profiles: readonly { readonly id: string; readonly identity: readonly IdentityRule[] }[], port: PortFacts): string[] {
  return profiles.filter((p) => p.identity.some((r) => ruleMatches(r, port))).map((p) => p.id);
}

/** `*` matches any run of characters (including `/`); everything else literally. */
export function globMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const mid of parts.slice(1, -1)) {
    const i = text.indexOf(mid, at);
    if (i < 0 || i + mid.length > end) return false;
    at = i + mid.length;
  }
  return true;
}

/**
 * A stable name for one physical box, for its calibration file: the USB serial number when the
 * system reports it, else the by-id link name, else the port path. Only filename-safe characters.
 */
export function deviceIdentity(port: PortFacts): string {
  const raw = port.serialNumber ?? port.path.replace(/^\/dev\/serial\/by-id\//, '').replace(/^\/dev\//, '');
  return raw.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+/, '').slice(0, 120) || 'port';
}
