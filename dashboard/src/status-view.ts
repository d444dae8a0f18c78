/** The header: connection state, daemon version, and a transient notice line for errors. */
import { assertNever } from '../../bridge/core/assert-never.js';
import type { ConnectionState } from './connection.js';
import { setText } from './dom.js';

const NOTICE_MS = 6000;

export class StatusView {
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly badge: HTMLElement,
    private readonly version: HTMLElement,
    private readonly notice: HTMLElement,
  ) {}

  connection(s: ConnectionState): void {
    this.badge.dataset['state'] = s.kind;
    switch (s.kind) {
      case 'open':
        setText(this.badge, 'live');
        break;
      case 'connecting':
        setText(this.badge, s.attempt === 0 ? 'connecting\u2026' : 'reconnecting\u2026');
        break;
      case 'waiting':
        setText(this.badge, `offline \u00b7 retry in ${(s.retryInMs / 1000).toFixed(1)} s`);
        break;
      default:
        assertNever(s, 'connection state');
    }
  }

  setVersion(v: string): void {
    setText(this.version, `v${v}`);
  }

  /** Shows a message for a few seconds (a rejected value, a change that could not be sent). */
  show(message: string): void {
    setText(this.notice, message);
    this.notice.hidden = false;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice.hidden = true;
    }, NOTICE_MS);
  }
}
