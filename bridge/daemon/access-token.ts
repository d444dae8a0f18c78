import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { isLoopbackHost, type AccessOptions } from '../server/access.js';

/**
 * The access rules for the configured HTTP bind: on loopback, no token unless one is configured;
 * off loopback, the configured token or one generated once and kept in `<stateDir>/http-token`
 * (mode 0600) so bookmarks and scripts keep working across restarts.
 */
export async function accessFor(http: { readonly host: string; readonly token: string | null }, stateDir: string): Promise<AccessOptions & { generated: boolean }> {
  const loopback = isLoopbackHost(http.host.replace(/^\[|\]$/g, ''));
  if (http.token !== null) return { token: http.token, loopback, generated: false };
  if (loopback) return { token: null, loopback, generated: false };
  const file = join(stateDir, 'http-token');
  const kept = await readFile(file, 'utf8').then((t) => t.trim(), () => '');
  if (/^[A-Za-z0-9_-]{16,256}$/.test(kept)) return { token: kept, loopback, generated: false };
  const token = randomBytes(24).toString('base64url');
  await writeFileAtomic(file, `${token}\n`, 0o600);
  return { token, loopback, generated: true };
}
