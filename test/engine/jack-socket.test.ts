import { describe, expect, it } from 'vitest';
import { jackSocketPath } from '../../bridge/engine/webaudio/jack.js';

describe('jackSocketPath (jackd2: /dev/shm/jack_<server>_<uid>_0)', () => {
  it.each([
    [{}, 0, '/dev/shm/jack_default_0_0'],
    [{ JACK_DEFAULT_SERVER: '' }, 1000, '/dev/shm/jack_default_1000_0'],
    [{ JACK_DEFAULT_SERVER: 'studio' }, 1000, '/dev/shm/jack_studio_1000_0'],
  ])('%o, uid %i → %s', (env, uid, path) => {
    expect(jackSocketPath(env, uid)).toBe(path);
  });
});
