import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The Detent HR reference firmware (firmware-profiles/detent-hr/firmware) running in simavr, its
 * UART on a pseudo-terminal: a real serial port to the firmware that ships, for tests.
 * Needs avr-gcc, avr-libc and libsimavr-dev (Debian: gcc-avr avr-libc libsimavr-dev, plus gcc make).
 */

const FIRMWARE_DIR = fileURLToPath(new URL('../../firmware-profiles/detent-hr/firmware/', import.meta.url));
const SIM_BIN = join(FIRMWARE_DIR, 'build', 'detent-sim');

/** Which build of the firmware to run: the avr-libc C firmware, or the Arduino sketch built on a shim. */
export type SimFirmware = 'c' | 'sketch';
const ELF: Record<SimFirmware, string> = {
  c: join(FIRMWARE_DIR, 'build', 'detent-hr-sim.elf'),
  sketch: join(FIRMWARE_DIR, 'build', 'detent-hr-ino-sim.elf'),
};

export type BuildResult = { ok: true } | { ok: false; reason: string };

let built: BuildResult | undefined;

function hasCommand(cmd: string): boolean {
  const r = spawnSync(cmd, ['--version'], { stdio: 'ignore' });
  return !r.error;
}

/**
 * Builds the firmware ELFs and the harness (`make all sim`), once per process. The reason names
 * what is missing when the toolchain is not installed.
 */
export function buildFirmwareSim(): BuildResult {
  if (built) return built;
  const missing: string[] = [];
  if (!hasCommand('make')) missing.push('make (apt-get install make)');
  if (!hasCommand('avr-gcc')) missing.push('avr-gcc (apt-get install gcc-avr avr-libc)');
  if (!hasCommand('cc')) missing.push('a host C compiler (apt-get install gcc)');
  if (missing.length > 0) {
    built = { ok: false, reason: `cannot build the Detent HR firmware simulator, missing: ${missing.join('; ')}` };
    return built;
  }
  // Missing avr-libc or libsimavr-dev surface here, with make's own message (the Makefile names the package).
  const r = spawnSync('make', ['-C', FIRMWARE_DIR, 'all', 'sim'], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    built = { ok: false, reason: `make -C ${FIRMWARE_DIR} all sim failed (needs gcc-avr avr-libc libsimavr-dev):\n${output}` };
    return built;
  }
  built = { ok: true };
  return built;
}

/** The harness's `stats` line: simulated and wall-clock time since start, byte counts. */
export interface SimStats {
  simMs: number;
  wallMs: number;
  /** Wall time the harness gave up because the host could not keep up (0 on an idle machine). */
  lagSkippedMs: number;
  txBytes: number;
  txDropped: number;
  rxBytes: number;
  rxDropped: number;
  resets: number;
}

export interface FirmwareSim {
  /** The PTY slave: open it like a USB serial port (115200 8N1). */
  readonly pty: string;
  /** Sets the voltage on ADC `channel` (0–7), 0–5000 mV (the board runs at 5 V, AVCC reference). */
  setAdc(channel: number, millivolts: number): void;
  /** Resets the AVR, as an Uno's DTR pulse does. */
  reset(): void;
  stats(): Promise<SimStats>;
  /** Stops the simulator (quit, then SIGKILL after 3 s). */
  close(): Promise<void>;
}

export interface SimOptions {
  firmware?: SimFirmware;
  /** Reset the AVR each time the PTY is opened, like an Uno's auto-reset (default: keep running). */
  resetOnOpen?: boolean;
}

function parseStats(line: string): SimStats {
  const field = (name: string): number => Number(new RegExp(`(?:^|\\s)${name}=([0-9.]+)`).exec(line)?.[1] ?? NaN);
  return {
    simMs: field('sim_ms'),
    wallMs: field('wall_ms'),
    lagSkippedMs: field('lag_skipped_ms'),
    txBytes: field('tx_bytes'),
    txDropped: field('tx_dropped'),
    rxBytes: field('rx_bytes'),
    rxDropped: field('rx_dropped'),
    resets: field('resets'),
  };
}

/** Starts build/detent-sim on the firmware; resolves once its PTY exists. Builds first if needed. */
export async function startFirmwareSim(options: SimOptions = {}): Promise<FirmwareSim> {
  const build = buildFirmwareSim();
  if (!build.ok) throw new Error(build.reason);
  const elf = ELF[options.firmware ?? 'c'];
  if (!existsSync(elf) || !existsSync(SIM_BIN)) throw new Error(`missing ${elf} or ${SIM_BIN} after make`);

  const args = [...(options.resetOnOpen ? ['--reset-on-open'] : []), elf];
  const proc = spawn(SIM_BIN, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });
  proc.stdin.on('error', () => {}); // the harness may exit first (EPIPE)
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  const statsWaiters: Array<{ resolve: (s: SimStats) => void; reject: (e: Error) => void }> = [];
  void exited.then(() => {
    for (const w of statsWaiters.splice(0)) w.reject(new Error(`detent-sim exited\n${stderr}`));
  });
  const lines = createInterface({ input: proc.stdout });
  const pty = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`detent-sim printed no pty line within 10 s\n${stderr}`));
    }, 10_000);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`detent-sim exited (${code ?? signal}) before it was ready\n${stderr}`));
    });
    lines.on('line', (line) => {
      if (line.startsWith('pty ')) {
        clearTimeout(timer);
        resolve(line.slice(4).trim());
      } else if (line.startsWith('stats ')) {
        statsWaiters.shift()?.resolve(parseStats(line));
      }
    });
  });

  const send = (command: string): void => {
    if (proc.exitCode === null && proc.signalCode === null) proc.stdin.write(`${command}\n`);
  };

  return {
    pty,
    setAdc(channel, millivolts) {
      if (!Number.isInteger(channel) || channel < 0 || channel > 7) throw new RangeError(`ADC channel 0-7, got ${channel}`);
      if (!Number.isFinite(millivolts) || millivolts < 0 || millivolts > 5000) throw new RangeError(`0-5000 mV, got ${millivolts}`);
      send(`adc ${channel} ${Math.round(millivolts)}`);
    },
    reset() {
      send('reset');
    },
    stats() {
      return new Promise<SimStats>((resolve, reject) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return reject(new Error('detent-sim has exited'));
        statsWaiters.push({ resolve, reject });
        send('stats');
      });
    },
    async close() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      send('quit');
      proc.stdin.end();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
