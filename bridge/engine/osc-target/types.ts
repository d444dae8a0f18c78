import type { ParamId } from '../../core/param/descriptor.js';
import type { OscEndpoint, OscTransport } from '../../drivers/osc/interface.js';
import type { Engine } from '../interface.js';
import type { FeedbackValue } from './mapping.js';
import type { OscTargetTemplate } from './template.js';

export interface OscEngineOptions {
  readonly template: OscTargetTemplate;
  /** Messages a second at most (token bucket), 1000 unless set; the newest value always goes. */
  readonly perSecond?: number;
  /** Burst size of the bucket, 64 unless set. */
  readonly burst?: number;
  /** Nominal sample rate reported in the status (the peer's own is not known over OSC). */
  readonly sampleRate?: number;
  /** The socket; a UDP socket on `template.listenPort` unless set (tests pass a fake). */
  readonly transport?: OscTransport;
  readonly log?: { warn(msg: string): void };
}

/** The OSC engine: the Engine interface plus the values the peer reports back. */
export interface OscEngine extends Engine {
  /** Subscribes to parameter values read back from the peer; returns the unsubscribe function. */
  onFeedback(listener: (v: FeedbackValue) => void): () => void;
  /** The last value the peer reported for `id`, or undefined. */
  feedbackValue(id: ParamId): number | undefined;
  /** The local address feedback is read on, once started (the peer's replies go here). */
  localEndpoint(): OscEndpoint | undefined;
  /** Messages sent and values replaced before sending (coalesced), since creation. */
  readonly stats: { readonly sent: number; readonly coalesced: number };
}

