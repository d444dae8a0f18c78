import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSessionText } from '../../bridge/session/model/check.js';
import { listBackups } from '../../bridge/session/storage/backups.js';
import { crashVersion } from './crash-version.js';
import { tempDir } from './fixtures.js';

const KILLS = 100;
let child = '';

beforeAll(async () => {
  // Bundled once, so each of the hundred runs starts a plain node process (tens of ms) and not a
  // TypeScript loader.
  child = join(await tempDir(), 'crash-child.mjs');
  await build({ entryPoints: [new URL('./crash-child.ts', import.meta.url).pathname], outfile: child, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
});

/** Runs the writer until `afterMs` after it is ready (or a few versions in), kills it, returns the last version it reported. */
function runAndKill(dir: string, first: number, afterMs: number): Promise<{ last: number; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, String(first)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('../..', import.meta.url).pathname });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => {
      if (out === '' && d.startsWith('ready')) setTimeout(() => p.kill('SIGKILL'), afterMs);
      out += d;
    });
    p.on('error', reject);
    p.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without being killed: ${out.slice(-200)}`));
      const versions = out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
      resolve({ last: versions.at(-1) ?? first - 1, out });
    });
  });
}

function versionOf(text: string, file: string): number {
  const r = checkSessionText(text, 'crash', file);
  if (!r.ok) throw new Error(`${file} does not parse as a session: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const n = Number(/^crash v(\d+)$/.exec(r.session.name)?.[1]);
  // Not mixed: every part of the file belongs to the same version.
  expect(r.session.notes).toBe(crashVersion(n).notes);
  expect(r.session.tracks[0]?.snapshots[0]?.params['input.gain']).toBe(crashVersion(n).gain);
  expect(r.session.tracks[0]?.snapshots[0]?.notes).toBe(crashVersion(n).notes);
  return n;
}

describe('crash consistency', () => {
  it(`a writer killed with SIGKILL ${KILLS} times at random moments leaves every file old or new, never empty or mixed`, { timeout: 180_000 }, async () => {
    const dir = join(await tempDir(), 'sessions');
    let confirmed = 0;
    let midWrite = 0;
    let torn = 0;
    const t0 = Date.now();
    for (let i = 0; i < KILLS; i++) {
      const { last, out } = await runAndKill(dir, confirmed + 1, Math.random() * 40);
      expect(out).not.toMatch(/locked|error/);
      let text: string;
      try {
        text = await readFile(join(dir, 'crash.json'), 'utf8');
      } catch {
        expect(last, 'the file exists once a version was reported written').toBe(0);
        continue;
      }
      const n = versionOf(text, 'crash.json');
      // Old (the last version reported) or new (the one being written when killed).
      expect([last, last + 1]).toContain(n);
      if (n === last + 1) midWrite++;
      // A temporary left behind: the kill hit between opening it and the rename (a torn write that no reader sees).
      if ((await readdir(dir)).some((x) => x.endsWith('.tmp'))) torn++;
      // No backups yet (and no .backups folder) while only the first version was ever written.
      for (const b of await listBackups(dir, 'crash')) {
        expect(versionOf(await readFile(b, 'utf8'), basename(b))).toBeLessThanOrEqual(n);
      }
      confirmed = n;
    }
    console.log(`crash test: ${KILLS} SIGKILLs in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${confirmed} versions written, ${torn} kills tore a temporary file, ${midWrite} landed after the rename and before the report`);
    expect(confirmed).toBeGreaterThan(KILLS / 2);
  });
});
