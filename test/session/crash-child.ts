/**
 * The writer of the crash-consistency test (bundled and run as a plain node process): takes the
 * session lock (taking over the stale one its killed predecessor left), removes stale
 * temporaries, then saves the session `crash` in a loop, version n+1 after version n, rotating
 * backups each time, printing `n` once version n is written. It never stops by itself: the test
 * kills it with SIGKILL.
 * argv: <sessions dir> <first version>
 */
import { join } from 'node:path';
import { newSession } from '../../bridge/session/model/edit.js';
import { EMPTY_RIG } from '../../bridge/session/model/schema.js';
import { SessionFiles } from '../../bridge/session/storage/files.js';
import { acquireLock } from '../../bridge/session/storage/lock.js';
import { crashVersion } from './crash-version.js';

const [dir = '', first = '1'] = process.argv.slice(2);
const lock = await acquireLock(join(dir, '.lock'));
if (lock.kind !== 'acquired') {
  process.stdout.write('locked\n');
  process.exit(3);
}
const files = new SessionFiles(dir, 3);
await files.removeStaleTemporaries();
process.stdout.write('ready\n');
for (let n = Number(first); ; n++) {
  const v = crashVersion(n);
  const s = newSession({ id: 'crash', name: `crash v${n}`, params: { 'input.gain': v.gain }, loudness: null, rig: EMPTY_RIG, now: new Date().toISOString() });
  const tracks = s.tracks.map((t) => ({ ...t, snapshots: t.snapshots.map((x) => ({ ...x, notes: v.notes })) }));
  const r = await files.write({ ...s, notes: v.notes, tracks }, { backup: true });
  if (!r.ok) {
    process.stdout.write(`error ${r.error.message}\n`);
    process.exit(4);
  }
  process.stdout.write(`${n}\n`);
}
