/**
 * `detent` / `detent run`: load the config (exit 2 with every problem listed when it is bad), start
 * the daemon, and shut down cleanly on SIGINT or SIGTERM.
 */
import { loadConfig } from '../config/load.js';
import { startDaemon, type Daemon } from '../daemon/index.js';
import { createLogger } from '../daemon/logger.js';
import { VERSION } from '../version.js';

/** How long a shut-down daemon waits for stray handles before exiting anyway, ms. */
const EXIT_GRACE_MS = 2000;

export async function runDaemon(argv: readonly string[]): Promise<number> {
  const loaded = await loadConfig([...argv], process.env);
  switch (loaded.kind) {
    case 'help':
      process.stdout.write(`${loaded.text}\n`);
      return 0;
    case 'version':
      process.stdout.write(`detent ${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`detent: ${loaded.message}\n`);
      return 2;
    case 'ok':
      break;
  }
  const { config } = loaded;
  const log = createLogger(config.logLevel);
  log.info(`detent ${VERSION}, config ${loaded.configPath}${loaded.created ? ' (no file there; defaults and flags)' : ''}`);
  process.on('unhandledRejection', (e) => log.error({ err: e }, 'unhandled rejection (the daemon keeps running)'));

  let daemon: Daemon;
  try {
    daemon = await startDaemon(config, { logger: log });
  } catch (e) {
    process.stderr.write(`detent: cannot start: ${(e as Error).message}\n`);
    return 1;
  }

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await daemon.close();
  // Everything of ours is closed; a library handle left open (an audio context whose output went
  // away never finishes closing) must not keep a stopped daemon alive. Unref'd: a process that
  // can end by itself ends at once.
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
  return 0;
}
