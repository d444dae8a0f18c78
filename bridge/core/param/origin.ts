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
