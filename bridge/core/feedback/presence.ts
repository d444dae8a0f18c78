/**
 * OSC has no connections, so "a device (re)connects" is inferred: a feedback target that sends
 * for the first time, or again after PEER_SILENCE_MS without a word (an app restarted, a tablet
 * woke up), is treated as reconnected, and every control is sent its value again.
 */
export const PEER_SILENCE_MS = 5000;

export class PeerPresence {
  private readonly lastSeen = new Map<string, number>();

  /** `targets` are the feedback targets as `host:port`; only they can "reconnect". */
  constructor(private readonly targets: readonly string[]) {}

  /** Notes a message from `peer` at clock ms `t`; true when it counts as a (re)connection. */
  seen(peer: string, t: number): boolean {
    if (!this.targets.includes(peer)) return false;
    const last = this.lastSeen.get(peer);
    this.lastSeen.set(peer, t);
    return last === undefined || t - last >= PEER_SILENCE_MS;
  }
}
