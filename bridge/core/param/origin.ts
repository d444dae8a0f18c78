import { assertNever } from '../assert-never.js';

/**
 * Where a parameter change came from. Outputs use it to avoid echoing a value back to the client
 * that is moving the control, and the history groups gestures by it.
 */
export type ChangeOrigin =
  | { readonly kind: 'default' }
  | { readonly kind: 'api' }
  | { readonly kind: 'dashboard'; readonly client: string }
  /** An OSC peer, `host:port` as seen on the socket, and the address it used. */
  | { readonly kind: 'osc'; readonly peer: string; readonly address: string }
  | { readonly kind: 'midi'; readonly device: string }
  | { readonly kind: 'serial'; readonly device: string }
  | { readonly kind: 'recall' };

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

/** One control of one source, for grouping a gesture: the label, plus the OSC address. */
export const originKey = (o: ChangeOrigin): string => (o.kind === 'osc' ? `${originLabel(o)} ${o.address}` : originLabel(o));
