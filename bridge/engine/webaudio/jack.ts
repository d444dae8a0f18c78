import { statSync } from 'node:fs';

/**
 * Where a running jackd (JACK 2) listens: `/dev/shm/jack_<server>_<uid>_0`, the server named by
 * `JACK_DEFAULT_SERVER` or `default` (jackd2's JackSocket naming; JACK_SOCKET_DIR is /dev/shm on
 * Linux). The socket exists while the server runs and is removed when it stops.
 */
export function jackSocketPath(env: Readonly<Record<string, string | undefined>>, uid: number): string {
  const server = env.JACK_DEFAULT_SERVER !== undefined && env.JACK_DEFAULT_SERVER !== '' ? env.JACK_DEFAULT_SERVER : 'default';
  return `/dev/shm/jack_${server}_${uid}_0`;
}

/** The socket of the JACK server this process would connect to (Linux only, else undefined). */
export function ownJackSocket(): string | undefined {
  return process.platform !== 'linux' || process.getuid === undefined ? undefined : jackSocketPath(process.env, process.getuid());
}

/**
 * ownJackSocket when that server is running, else undefined. node-web-audio-api's Linux builds
 * prefer JACK whenever a server answers, so a context opened while this is found plays to JACK.
 */
export function runningJackServer(): string | undefined {
  const path = ownJackSocket();
  if (path === undefined) return undefined;
  try {
    return statSync(path).isSocket() ? path : undefined;
  } catch {
    return undefined;
  }
}
