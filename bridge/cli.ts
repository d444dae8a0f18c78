/**
 * The `detent` command. The first argument picks a subcommand; without one (or with a flag first)
 * it runs the daemon. Each subcommand lives in bridge/commands/ and returns its exit status:
 * 0 ok, 1 a runtime failure, 2 bad usage or configuration.
 */
import { measureCommand } from './commands/measure.js';
import { learnCommand } from './learn/cli.js';
import { calibrateCommand } from './commands/calibrate.js';
import { renderCommand } from './commands/render.js';
import { runDaemon } from './commands/run.js';
import { sessionCommand } from './commands/session.js';
import { devicesCommand } from './commands/devices.js';

type Command = (argv: readonly string[]) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  run: runDaemon,
  render: renderCommand,
  measure: measureCommand,
  learn: learnCommand,
  session: sessionCommand,
  devices: devicesCommand,
  calibrate: calibrateCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return runDaemon(argv);
  const command = COMMANDS[first];
  if (command === undefined) {
    process.stderr.write(`detent: unknown command '${first}' (commands: ${Object.keys(COMMANDS).join(', ')}; see detent --help)\n`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`detent: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
