/**
 * The open session's details: title, client and notes of the session, and the notes of the track
 * on show (what the engineer writes down for a revision: "vocal up 0.5 dB, client wants it louder").
 * One Save sends the session's fields (PATCH /api/sessions/:id) and the track's notes (PATCH
 * /api/sessions/:id/tracks/:track). What is being typed is never overwritten by a refresh: the
 * fields are refilled only for another session or track, or after a save.
 */
import type { Session } from '../../../bridge/session/model/schema.js';
import { h } from '../dom.js';
import { sessionApi } from './session-api.js';

export interface DetailsHooks {
  readonly notice: (message: string) => void;
  /** Saved: the list (titles, clients) may have changed. */
  readonly onSaved: () => void;
}

export class SessionDetails {
  /** Title, client and session notes: placed under the session picker. */
  readonly sessionPart: HTMLElement;
  /** The track's notes and the Save button: placed under the track picker. */
  readonly trackPart: HTMLElement;
  private shown: { readonly session: string; readonly track: string } | null = null;
  private dirty = false;
  private readonly title = h('input', { type: 'text', class: 'text session-title', 'aria-label': 'Session title', maxlength: 200 });
  private readonly client = h('input', { type: 'text', class: 'text session-client', placeholder: 'Artist or client', 'aria-label': 'Client', maxlength: 200 });
  private readonly notes = h('textarea', { class: 'text session-notes', rows: 2, placeholder: 'Session notes', 'aria-label': 'Session notes', maxlength: 20000 });
  private readonly trackNotes = h('textarea', { class: 'text track-notes', rows: 2, placeholder: 'Notes for this track', 'aria-label': 'Track notes', maxlength: 20000 });
  private readonly save = h('button', { type: 'button', class: 'save-details' }, 'Save details');

  constructor(private readonly hooks: DetailsHooks) {
    for (const f of [this.title, this.client, this.notes, this.trackNotes]) f.addEventListener('input', () => (this.dirty = true));
    this.save.addEventListener('click', () => void this.send());
    this.sessionPart = h('div', { class: 'session-details', hidden: true }, h('div', { class: 'row' }, this.title, this.client), h('div', { class: 'row' }, this.notes));
    this.trackPart = h('div', { class: 'session-details', hidden: true }, h('div', { class: 'row' }, this.trackNotes), h('div', { class: 'row' }, this.save));
  }

  /** Shows `session` (null: none open) with the notes of `track`. */
  show(session: Session | null, track: string | null): void {
    this.sessionPart.hidden = this.trackPart.hidden = session === null;
    if (session === null) {
      this.shown = null;
      return;
    }
    const t = session.tracks.find((x) => x.id === track) ?? session.tracks[0];
    const same = this.shown?.session === session.id && this.shown.track === t?.id;
    if (same && this.dirty) return;
    this.shown = { session: session.id, track: t?.id ?? '' };
    this.title.value = session.name;
    this.client.value = session.client;
    this.notes.value = session.notes;
    this.trackNotes.value = t?.notes ?? '';
    this.dirty = false;
  }

  private async send(): Promise<void> {
    const at = this.shown;
    if (at === null) return;
    const name = this.title.value.trim();
    if (name === '') return this.hooks.notice('Details: the session needs a title.');
    const info = await sessionApi.edit(at.session, { name, client: this.client.value.trim(), notes: this.notes.value });
    if (!info.ok) return this.hooks.notice(`Details: ${info.message}`);
    const track = await sessionApi.editTrack(at.session, at.track, { notes: this.trackNotes.value });
    if (!track.ok) return this.hooks.notice(`Track notes: ${track.message}`);
    this.dirty = false;
    this.show(track.value, at.track);
    this.hooks.notice('Details saved.');
    this.hooks.onSaved();
  }
}
