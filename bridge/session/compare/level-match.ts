import { db, type Db } from '../../core/units.js';

/**
 * Level matching, pure: given each compared state's loudness (LUFS), the monitor gain for each so
 * that all play at the loudness of the quietest. Matching down to the quietest means the monitor
 * never adds gain: no state can clip the monitor path or startle at a switch.
 * Null until every state has a measurement (compensating some states and not others would make
 * the comparison less fair than none).
 */
export function matchGains(loudness: ReadonlyMap<string, number | null>): Map<string, Db> | null {
  const values = [...loudness.values()];
  if (values.length === 0 || values.some((v) => v === null)) return null;
  const ref = Math.min(...(values as number[]));
  return new Map([...loudness].map(([slot, l]) => [slot, db(ref - (l ?? ref))]));
}

/** How much louder each state measured than the quietest, LU (the offset shown); null if unknown. */
export function offsets(loudness: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const known = [...loudness.values()].filter((v): v is number => v !== null);
  const ref = known.length === 0 ? null : Math.min(...known);
  return new Map([...loudness].map(([slot, l]) => [slot, l === null || ref === null ? null : l - ref]));
}
