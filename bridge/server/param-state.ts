import type { ParamDescriptor } from '../core/param/descriptor.js';
import type { ParamStore } from '../core/param/store.js';
import type { ParamState } from './messages.js';

/** A descriptor with the store's current value and position, as the API and `hello` carry it. */
export function paramState(store: ParamStore, d: ParamDescriptor): ParamState {
  return { ...d, value: store.get(d.id) ?? d.default, norm: store.norm(d.id) ?? 0 };
}

export const paramStates = (store: ParamStore): ParamState[] => store.list().map((d) => paramState(store, d));
