import { assertNever } from '../core/assert-never.js';
import type { ChangeOrigin } from '../core/param/origin.js';

/** A short human label for who changed a parameter: `osc 127.0.0.1:5000`, `api`, `dashboard 127.0.0.1#2`. */
export function originLabel(o: ChangeOrigin): string {
  switch (o.kind) {
    case 'default':
    case 'api':
    case 'recall':
      return o.kind;
    case 'dashboard':
      return `dashboard ${o.client}`;
    case 'osc':
      return `osc ${o.peer}`;
    case 'midi':
      return `midi ${o.device}`;
    case 'serial':
      return `serial ${o.device}`;
    default:
      return assertNever(o, 'change origin');
  }
}
