/**
 * The dashboard's side of `/api/learn`. The outcome is shown from the `learn` WebSocket messages
 * (every dashboard sees every learn); these calls only start and cancel, and report what the
 * state messages cannot: a refused request or an unreachable daemon.
 */

/** Starts a learn; resolves with an error message for the notice line, or null. */
export async function startLearn(param: string): Promise<string | null> {
  // The request id lets the daemon answer a browser's automatic resend (after a 408 on a reused
  // connection) with the same outcome instead of learning again.
  const requestId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    const res = await fetch('/api/learn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ param, requestId }),
    });
    if (res.ok || res.status === 408 || res.status === 409) return null;
    const body = (await res.json().catch(() => ({}))) as { message?: unknown };
    return `Learn: ${typeof body.message === 'string' ? body.message : `HTTP ${res.status}`}`;
  } catch {
    return 'Learn: the daemon cannot be reached.';
  }
}

/** Cancels the learn in progress (any dashboard's, or the CLI's). */
export async function cancelLearn(): Promise<void> {
  await fetch('/api/learn', { method: 'DELETE' }).catch(() => undefined);
}
