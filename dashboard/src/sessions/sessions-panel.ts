/**
 * The Session panel: pick and open a session, create one (the current state becomes snapshot A),
 * edit its title, client and notes, pick or add a track (each with its notes and snapshots),
 * store the current state as a snapshot of the track, recall one. After a recall it shows what moved and the
 * recall assist (controls still to catch), which follows the `mappings` messages until every
 * control has caught. Everything goes through the REST API (session-api.ts); the list reloads
 * after each action. `onChanged` runs after a session was created or opened.
 */
import type { SessionList, SessionSummary } from '../../../bridge/session/api.js';
import type { RecallAssist } from '../../../bridge/session/recall/assist.js';
import { h, setText } from '../dom.js';
import { sessionApi, type ApiResult } from './session-api.js';
import { SessionDetails } from './details-form.js';
import { assistLines, recallSummary } from './session-text.js';

export interface SessionsPanelHooks {
  readonly nameOf: (id: string) => string | undefined;
  readonly notice: (message: string) => void;
  /** A session was created or opened (the delivery target may have changed). */
  readonly onChanged: () => void;
  /** Parameters moved by a recall (history and compare may want a refresh). */
  readonly onRecalled: () => void;
}

export class SessionsPanel {
  private list: SessionList | null = null;
  private track: string | null = null;
  private assistShown = false;
  private refreshes = 0;
  private readonly picker = h('select', { class: 'session-select', 'aria-label': 'Session' });
  private readonly newName = h('input', { type: 'text', class: 'text', placeholder: 'New session name', 'aria-label': 'New session name', maxlength: 200 });
  private readonly trackPicker = h('select', { class: 'track-select', 'aria-label': 'Track' });
  private readonly newTrack = h('input', { type: 'text', class: 'text', placeholder: 'New track title', 'aria-label': 'New track title', maxlength: 200 });
  private readonly tracks: HTMLElement;
  private readonly details: SessionDetails;
  private readonly snapshots = h('div', { class: 'snapshots' });
  private readonly snapName = h('input', { type: 'text', class: 'text snap-name', placeholder: 'A', 'aria-label': 'Snapshot name', maxlength: 64 });
  private readonly replace = h('input', { type: 'checkbox', class: 'replace' });
  private readonly summary = h('p', { class: 'recall-summary small' });
  private readonly assist = h('ul', { class: 'assist', 'aria-live': 'polite' });

  constructor(
    root: HTMLElement,
    private readonly hooks: SessionsPanelHooks,
  ) {
    const button = (label: string, cls: string, run: () => Promise<void>) => {
      const b = h('button', { type: 'button', class: cls }, label);
      b.addEventListener('click', () => void run());
      return b;
    };
    this.details = new SessionDetails({ notice: hooks.notice, onSaved: () => void this.refresh() });
    this.trackPicker.addEventListener('change', () => {
      this.track = this.trackPicker.value;
      void this.refresh();
    });
    this.tracks = h(
      'div',
      { hidden: true },
      h('div', { class: 'sub' }, 'Track'),
      h('div', { class: 'row' }, this.trackPicker),
      h('div', { class: 'row' }, this.newTrack, button('Add track', 'add-track', () => this.addTrack())),
    );
    root.replaceChildren(
      h('div', { class: 'row' }, this.picker, button('Open', 'open-session', () => this.openPicked())),
      h('div', { class: 'row' }, this.newName, button('Create', 'create-session', () => this.create())),
      this.details.sessionPart,
      this.tracks,
      this.details.trackPart,
      h('div', { class: 'sub' }, 'Snapshots', h('span', { class: 'muted small' }, ' \u00b7 click to recall')),
      this.snapshots,
      h('div', { class: 'row' }, this.snapName, h('label', { class: 'small' }, this.replace, ' replace'), button('Save', 'save-snapshot', () => this.store())),
      this.summary,
      this.assist,
    );
  }

  /** Reloads the list and the open session; a refresh overtaken by a newer one shows nothing. */
  async refresh(): Promise<void> {
    const seq = ++this.refreshes;
    const r = await sessionApi.list();
    const open = r.ok ? (r.value.sessions.find((s) => s.open) ?? null) : null;
    const full = open === null ? null : await sessionApi.get(open.id);
    if (seq !== this.refreshes) return;
    if (!r.ok) return this.hooks.notice(`Sessions: ${r.message}`);
    this.list = r.value;
    const options = r.value.sessions.map((s) => h('option', { value: s.id }, `${s.name}${s.client === '' ? '' : ` \u2013 ${s.client}`}`));
    this.picker.replaceChildren(...(options.length === 0 ? [h('option', { value: '' }, 'No sessions yet')] : options));
    if (open !== null) this.picker.value = open.id;
    // Nothing picked here yet: the session's current track (its last recall, store or new track).
    if (full?.ok === true) this.track ??= full.value.current.track;
    this.showTracks(open);
    this.showSnapshots(open);
    this.details.show(full?.ok === true ? full.value : null, this.currentTrack(open));
  }

  /** The track on show: the one picked (or last recalled, or added), else the session's first. */
  private currentTrack(open: SessionSummary | null): string | null {
    return (open?.tracks.find((t) => t.id === this.track) ?? open?.tracks[0])?.id ?? null;
  }

  private showTracks(open: SessionSummary | null): void {
    this.tracks.hidden = open === null;
    this.trackPicker.replaceChildren(...(open?.tracks ?? []).map((t) => h('option', { value: t.id }, t.name)));
    const current = this.currentTrack(open);
    if (current !== null) this.trackPicker.value = current;
  }

  /** The mappings changed (a control moved): while controls are still to catch, re-ask the assist. */
  mappingsChanged(): void {
    if (this.assistShown) void sessionApi.assist().then((r) => r.ok && this.showAssist(r.value));
  }

  private showSnapshots(open: SessionSummary | null): void {
    const track = open?.tracks.find((t) => t.id === this.currentTrack(open));
    const names = track?.snapshots ?? [];
    this.snapshots.replaceChildren(
      ...(open === null ? [h('p', { class: 'empty' }, 'No session open.')] : []),
      ...names.map((n) => {
        const b = h('button', { type: 'button', class: 'snapshot', 'data-snapshot': n, title: `Recall ${n}` }, n);
        b.addEventListener('click', () => void this.recall(open?.id ?? '', track?.id ?? null, n));
        return b;
      }),
    );
  }

  private async act<T>(r: Promise<ApiResult<T>>, what: string): Promise<T | null> {
    const got = await r;
    if (!got.ok) {
      this.hooks.notice(`${what}: ${got.message}`);
      return null;
    }
    return got.value;
  }

  private async openPicked(): Promise<void> {
    if (this.picker.value === '') return;
    const r = await this.act(sessionApi.open(this.picker.value), 'Open');
    if (r === null) return;
    this.track = r.track;
    this.showRecall(recallSummary(r), r.assist);
    await this.refresh();
    this.hooks.onChanged();
    this.hooks.onRecalled();
  }

  private async create(): Promise<void> {
    const name = this.newName.value.trim();
    if (name === '') return this.hooks.notice('Create: type a name for the session.');
    if ((await this.act(sessionApi.create(name), 'Create')) === null) return;
    this.track = null;
    this.newName.value = '';
    await this.refresh();
    this.hooks.onChanged();
  }

  private async addTrack(): Promise<void> {
    const open = this.list?.open ?? null;
    const name = this.newTrack.value.trim();
    if (open === null || name === '') return this.hooks.notice('Add track: type a title for the track.');
    const s = await this.act(sessionApi.addTrack(open, name), 'Add track');
    if (s === null) return;
    this.track = s.current.track;
    this.newTrack.value = '';
    await this.refresh();
  }

  private async store(): Promise<void> {
    const open = this.list?.open ?? null;
    if (open === null) return this.hooks.notice('Save: open or create a session first.');
    const name = this.snapName.value.trim() || 'A';
    const track = this.currentTrack(this.list?.sessions.find((s) => s.id === open) ?? null);
    if ((await this.act(sessionApi.store(open, track, name, this.replace.checked), 'Save')) === null) return;
    this.replace.checked = false;
    setText(this.summary, `Saved ${name}.`);
    await this.refresh();
  }

  private async recall(session: string, track: string | null, name: string): Promise<void> {
    const r = await this.act(sessionApi.recall(session, track, name), 'Recall');
    if (r === null) return;
    // Asked without a track: the one it recalled from. Asked for one, keep what is picked now
    // (the user may have picked another track while the answer was on its way).
    if (track === null) this.track = r.track;
    this.showRecall(recallSummary(r), r.assist);
    this.hooks.onRecalled();
  }

  private showRecall(summary: string, assist: RecallAssist): void {
    setText(this.summary, summary);
    this.showAssist(assist);
  }

  private showAssist(a: RecallAssist): void {
    const { pending, unseen } = assistLines(a, this.hooks.nameOf);
    this.assistShown = pending.length > 0;
    this.assist.dataset['allCaught'] = String(a.allCaught);
    this.assist.replaceChildren(
      ...(pending.length === 0 ? [h('li', { class: 'caught' }, 'Every moved control holds its value.')] : pending.map((l) => h('li', { class: 'pending' }, l))),
      ...(unseen === null ? [] : [h('li', { class: 'unseen muted' }, unseen)]),
    );
  }
}
