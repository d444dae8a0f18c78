import type { SessionSummary } from './api.js';
import type { Session } from './model/schema.js';

/** The list entry of a session. */
export function summarise(s: Session, openId: string | null): SessionSummary {
  return {
    id: s.id,
    name: s.name,
    client: s.client,
    createdAt: s.createdAt,
    modifiedAt: s.modifiedAt,
    open: s.id === openId,
    tracks: s.tracks.map((t) => ({ id: t.id, name: t.name, snapshots: t.snapshots.map((x) => x.name) })),
  };
}
