import { assertNever } from '../../core/assert-never.js';
import type { ParamDescriptor } from '../../core/param/descriptor.js';
import type { Sheet, SheetFormat } from '../api.js';
import type { Session } from '../model/schema.js';
import type { ControlsFor } from './controls.js';
import { sheetCsv } from './csv.js';
import { sheetHtml } from './html.js';
import { sheetRows } from './rows.js';

/** A session's recall sheet in `format`, with the file name a download should get. */
export function exportSheet(s: Session, format: SheetFormat, descriptors: readonly ParamDescriptor[], controlsFor: ControlsFor, now: string): Sheet {
  const rows = sheetRows(s, descriptors, controlsFor);
  switch (format) {
    case 'html':
      return { contentType: 'text/html; charset=utf-8', filename: `${s.id}-recall.html`, body: sheetHtml(s, rows, now) };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', filename: `${s.id}-recall.csv`, body: sheetCsv(rows) };
    default:
      return assertNever(format, 'sheet format');
  }
}
