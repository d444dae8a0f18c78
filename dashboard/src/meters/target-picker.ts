/**
 * The delivery-target selector above the loudness meter. Loads the presets
 * (`GET /api/delivery-targets`) and the open session's own target (`GET /api/sessions`, then the
 * session), and reports the chosen target. Until the user picks one, the session's target (or
 * Spotify) is chosen; `refresh()` reloads after a session is created or opened.
 */
import type { Session } from '../../../bridge/session/model/schema.js';
import type { SessionList } from '../../../bridge/session/api.js';
import { h } from '../dom.js';
import { defaultTarget, targetChoices, type DeliveryPresetView, type MeterTarget, type SessionTarget } from './targets.js';

async function getJson<T>(url: string): Promise<T | null> {
  try {
    const res = await fetch(url);
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}

async function openSession(): Promise<SessionTarget | null> {
  const list = await getJson<SessionList>('/api/sessions');
  if (list === null || list.open === null) return null;
  const s = await getJson<Session>(`/api/sessions/${encodeURIComponent(list.open)}`);
  return s === null ? null : { name: s.name, delivery: s.delivery };
}

export class TargetPicker {
  private choices: MeterTarget[] = [];
  /** The user's own pick; null while following the session's default. */
  private picked: string | null = null;

  constructor(
    private readonly select: HTMLSelectElement,
    private readonly onTarget: (t: MeterTarget | null) => void,
  ) {
    select.addEventListener('change', () => {
      this.picked = select.value;
      this.onTarget(this.choices.find((c) => c.id === select.value) ?? null);
    });
  }

  async refresh(): Promise<void> {
    const [presets, session] = await Promise.all([getJson<DeliveryPresetView[]>('/api/delivery-targets'), openSession()]);
    if (presets === null) return;
    this.choices = targetChoices(presets, session);
    const chosen = defaultTarget(this.choices, this.picked);
    this.select.replaceChildren(...this.choices.map((c) => h('option', { value: c.id }, c.label)));
    if (chosen !== null) this.select.value = chosen.id;
    this.onTarget(chosen);
  }
}
