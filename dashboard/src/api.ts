/**
 * Typed fetches of the daemon's REST API that never throw: each resolves `{ok: true, value}` or
 * `{ok: false, message, code}` with the daemon's `{error, message}` (or "cannot be reached"),
 * ready to show. `code` is the daemon's error code (`CALIBRATION_NONE`), or null without one.
 */
export type ApiResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly code: string | null; readonly problems: readonly string[] };

const field = (json: unknown, key: string): string | null => {
  const v = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
};

/** The daemon's `problems` (one line each), where an error carries them. */
const problemsOf = (json: unknown): readonly string[] => {
  const v = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['problems'] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export async function apiCall<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const init: RequestInit = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(path, init);
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) return { ok: true, value: json as T };
    return { ok: false, message: field(json, 'message') ?? `HTTP ${res.status}`, code: field(json, 'error'), problems: problemsOf(json) };
  } catch {
    return { ok: false, message: 'the daemon cannot be reached', code: null, problems: [] };
  }
}
