/**
 * A real JACK server for tests: jackd (JACK 2, Debian's jackd2) with its dummy driver, which runs
 * the JACK graph in real time with no sound card, under a name of its own so tests never meet a
 * user's server. Clients in this process find it through JACK_DEFAULT_SERVER (set by the test).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { jackSocketPath } from '../../bridge/engine/webaudio/jack.js';
import { decodeFile, type DecodedFile } from '../../bridge/engine/source/decode-file.js';
import { until } from '../integration/harness.js';
import { rmsDb } from './signal.js';

const run = promisify(execFile);

export const haveJackd = ['/usr/bin/jackd', '/usr/bin/jack_rec', '/usr/bin/jack_lsp'].every((p) => existsSync(p));

export interface Jackd {
  readonly name: string;
  /** Stops the server (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
}

const envFor = (name: string): NodeJS.ProcessEnv => ({ ...process.env, JACK_DEFAULT_SERVER: name, JACK_NO_AUDIO_RESERVATION: '1' });

/** Starts `jackd -n <name> -d dummy` at `rate` Hz and waits until its socket is there. */
export async function startJackd(name: string, rate: number): Promise<Jackd> {
  const p = spawn('jackd', ['--no-realtime', '-n', name, '-d', 'dummy', '-r', String(rate), '-p', '256'], { env: envFor(name), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const socket = jackSocketPath(envFor(name), process.getuid?.() ?? 0);
  await until(() => {
    if (gone) throw new Error(`jackd exited at start: ${out}`);
    return existsSync(socket);
  }, 10_000);
  return {
    name,
    async stop() {
      if (!gone) p.kill('SIGTERM');
      await exited;
    },
  };
}

/** `jack_lsp -c` on server `name`: every port, each followed by its connections indented. */
export async function jackConnections(name: string): Promise<string> {
  return (await run('jack_lsp', ['-c'], { env: envFor(name) })).stdout;
}

/**
 * A channel's level as the median RMS of its `block`-frame blocks, dBFS, and the share of blocks
 * within 0.5 dB of it. The median, because a JACK server without real-time priority on a busy
 * machine may drop a period now and then (an xrun: silence in the recording, not the engine's
 * doing); the share says how much of the recording carried the signal.
 */
export function blockLevel(channel: Float32Array, block: number): { readonly medianDb: number; readonly steady: number } {
  const levels: number[] = [];
  for (let at = 0; at + block <= channel.length; at += block) levels.push(rmsDb(channel, at, at + block));
  levels.sort((a, b) => a - b);
  const medianDb = levels[levels.length >> 1] ?? -Infinity;
  return { medianDb, steady: levels.filter((l) => Math.abs(l - medianDb) < 0.5).length / Math.max(1, levels.length) };
}

/** Records `ports` of server `name` for `seconds` with jack_rec and decodes the file. */
export async function jackRecord(name: string, ports: readonly string[], seconds: number, file: string): Promise<DecodedFile> {
  await run('jack_rec', ['-f', file, '-d', String(seconds), '-b', '24', ...ports], { env: envFor(name) });
  return decodeFile(file);
}
