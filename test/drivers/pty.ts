import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A pair of linked pseudo-terminals from socat: bytes written to one end come out of the other.
 * Killing it (close) is a real unplug; calling ptyPair again with the same `dir` replugs at the
 * same paths.
 */
export async function ptyPair(dir = mkdtempSync(join(tmpdir(), 'detent-pty-'))): Promise<{ a: string; b: string; dir: string; close(): Promise<void> }> {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const proc: ChildProcess = spawn('socat', [`PTY,link=${a},raw,echo=0`, `PTY,link=${b},raw,echo=0`], { stdio: 'ignore' });
  const end = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() > end) throw new Error('socat did not create the PTYs');
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    a,
    b,
    dir,
    close: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill();
      }),
  };
}
