import type { ParamDescriptor } from '../../core/param/descriptor.js';
import { formatValue } from '../../core/param/format.js';
import { deliveryOf } from '../model/edit.js';
import type { Session } from '../model/schema.js';
import type { ControlsFor, SheetControl } from './controls.js';

/** One line of a recall sheet: one parameter of one snapshot. */
export interface SheetRow {
  readonly track: string;
  readonly trackName: string;
  readonly snapshot: string;
  readonly takenAt: string;
  readonly module: string;
  readonly param: string;
  readonly name: string;
  /** Plain value in `unit`. */
  readonly value: number;
  readonly unit: string;
  /** As an engineer reads it ("-6.0 dB", "1.26 kHz", "mid"). */
  readonly display: string;
  readonly controls: readonly SheetControl[];
}

/** Every parameter of every snapshot, tracks and snapshots in session order, parameters in chain order. */
export function sheetRows(s: Session, descriptors: readonly ParamDescriptor[], controlsFor: ControlsFor): SheetRow[] {
  const known = new Set(descriptors.map((d) => d.id));
  const rows: SheetRow[] = [];
  for (const t of s.tracks) {
    for (const snap of t.snapshots) {
      const base = { track: t.id, trackName: t.name, snapshot: snap.name, takenAt: snap.takenAt };
      for (const d of descriptors) {
        const value = snap.params[d.id];
        if (value === undefined) continue;
        rows.push({ ...base, module: d.module, param: d.id, name: d.name, value, unit: d.unit, display: display(d, value), controls: controlsFor(d.id, value) });
      }
      // Parameters this chain no longer has: listed as stored, so nothing saved is hidden.
      for (const [id, value] of Object.entries(snap.params).filter(([id]) => !known.has(id))) {
        rows.push({ ...base, module: id.split('.')[0] ?? id, param: id, name: `${id} (not in this chain)`, value, unit: '', display: String(value), controls: [] });
      }
    }
  }
  return rows;
}

/** The header facts of a sheet: session, client, delivery target per track. */
export function sheetFacts(s: Session): { label: string; value: string }[] {
  const facts = [
    { label: 'Session', value: `${s.name} (${s.id})` },
    { label: 'Artist / client', value: s.client || '-' },
    { label: 'Created', value: s.createdAt },
    { label: 'Modified', value: s.modifiedAt },
  ];
  for (const t of s.tracks) {
    const d = deliveryOf(s, t);
    facts.push({ label: `Delivery, ${t.name}`, value: `${d.preset}: ${d.lufs === null ? 'no loudness target' : `${d.lufs} LUFS`}, true peak <= ${d.truePeakDb} dBTP` });
  }
  return facts;
}

/** formatValue, with switches read as on/off (formatValue prints "1 on/off"). */
const display = (d: ParamDescriptor, v: number): string => (d.unit === 'on/off' ? (v >= 0.5 ? 'on' : 'off') : formatValue(d, v));
