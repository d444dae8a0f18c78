import type { ParamId } from '../param/descriptor.js';

/**
 * Detent's own OSC namespace, so any OSC client can drive any parameter without a mapping:
 *   /detent/param/<param-id>        <number>  plain units (dB, Hz, ...)
 *   /detent/param/<param-id>/norm   <number>  normalised 0..1
 */
export const DETENT_PARAM_PREFIX = '/detent/param/';

export type DetentAddress = { readonly id: ParamId; readonly norm: boolean };

export function parseDetentAddress(address: string): DetentAddress | undefined {
  if (!address.startsWith(DETENT_PARAM_PREFIX)) return undefined;
  const rest = address.slice(DETENT_PARAM_PREFIX.length);
  const norm = rest.endsWith('/norm');
  const id = norm ? rest.slice(0, -'/norm'.length) : rest;
  if (id.length === 0 || id.includes('/')) return undefined;
  return { id, norm };
}

export const detentAddress = (id: ParamId, norm: boolean): string => `${DETENT_PARAM_PREFIX}${id}${norm ? '/norm' : ''}`;
