import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config-schema.js';

/**
 * JSON logs (pino) for files and log shippers; readable, coloured lines when a person is watching
 * a terminal. Logs go to stderr so stdout stays free for command output.
 */
export function createLogger(level: LogLevel, pretty = process.stderr.isTTY === true): Logger {
  if (!pretty) return pino({ level }, pino.destination(2));
  return pino({
    level,
    transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
  });
}
