/**
 * The loudness canvas's lower rows, one per reading, label on the left: true peak per channel
 * (bar, hold marker, the target's ceiling as a red tick), correlation (from the centre), and the
 * gain reduction of each dynamic module (from the left, amber), with its value on the right.
 */
import { correlationPosition, reductionPosition, truePeakPosition } from './loudness-scale.js';

export interface RowsModel {
  /** Per channel: the true peak of the last frame and its hold, dBTP. */
  readonly truePeak: readonly { readonly db: number; readonly holdDb: number }[];
  /** True-peak ceiling of the delivery target, dBTP. */
  readonly ceilingDb: number;
  readonly correlation: number;
  readonly reduction: readonly { readonly label: string; readonly db: number }[];
}

const TRACK = '#121417';
const LABEL = '#7d848e';
const ROW = 14;
const ROW_GAP = 4;
const LABEL_W = 34;
const VALUE_W = 30;

export function drawRows(ctx: CanvasRenderingContext2D, width: number, dpr: number, top: number, m: RowsModel): void {
  const labelW = LABEL_W * dpr;
  const valueW = VALUE_W * dpr;
  const rowH = ROW * dpr;
  const barW = width - labelW - valueW;
  let y = top;
  const row = (label: string, paint: (x: number, y: number) => void, value = ''): void => {
    ctx.fillStyle = TRACK;
    ctx.fillRect(labelW, y, barW, rowH);
    paint(labelW, y);
    ctx.fillStyle = LABEL;
    ctx.textAlign = 'left';
    ctx.fillText(label, 0, y + rowH / 2);
    ctx.textAlign = 'right';
    ctx.fillText(value, width, y + rowH / 2);
    y += rowH + ROW_GAP * dpr;
  };
  ctx.textBaseline = 'middle';
  m.truePeak.forEach((tp, ch) =>
    row(`TP ${ch === 0 ? 'L' : 'R'}`, (x, ry) => {
      const over = tp.holdDb > m.ceilingDb;
      ctx.fillStyle = over ? '#d9614f' : '#4f9d92';
      ctx.fillRect(x, ry, barW * truePeakPosition(tp.db), rowH);
      if (truePeakPosition(tp.holdDb) > 0) {
        ctx.fillStyle = over ? '#ff8a78' : '#e8eaed';
        ctx.fillRect(x + barW * truePeakPosition(tp.holdDb) - dpr, ry, 2 * dpr, rowH);
      }
      ctx.fillStyle = '#d9614f';
      ctx.fillRect(x + barW * truePeakPosition(m.ceilingDb), ry - 2 * dpr, dpr, rowH + 4 * dpr);
    }),
  );
  row('corr', (x, ry) => {
    const mid = x + barW / 2;
    const at = x + barW * correlationPosition(m.correlation);
    ctx.fillStyle = m.correlation < 0 ? '#d9614f' : '#8fb36a';
    ctx.fillRect(Math.min(mid, at), ry + 3 * dpr, Math.max(dpr, Math.abs(at - mid)), rowH - 6 * dpr);
    ctx.fillStyle = '#3a3f46';
    ctx.fillRect(mid, ry, dpr, rowH);
  });
  for (const r of m.reduction) {
    row(r.label, (x, ry) => {
      ctx.fillStyle = '#d9a441';
      ctx.fillRect(x, ry, barW * reductionPosition(r.db), rowH);
    }, r.db >= 0.05 ? `\u2212${r.db.toFixed(1)}` : '0');
  }
}
