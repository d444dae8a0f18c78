import { assertNever } from '../../core/assert-never.js';
import type { ChangeOrigin } from '../../core/param/origin.js';

/**
 * Who moved a parameter, as a key for gesture grouping (one OSC address of one peer, one
 * dashboard client, one device) and as a short label for the history list.
 */
export function originKey(o: ChangeOrigin): string {
  switch (o.kind) {
    case 'default':
    case 'api':
    case 'recall':
      return o.kind;
    case 'dashboard':
      return `dashboard ${o.client}`;
    case 'osc':
      return `osc ${o.peer} ${o.address}`;
    case 'midi':
      return `midi ${o.device}`;
    case 'serial':
      return `serial ${o.device}`;
    default:
      return assertNever(o, 'change origin');
  }
}
