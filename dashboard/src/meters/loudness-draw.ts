/**
 * Paints the loudness canvas: on top, vertical bars of momentary, short-term and integrated
 * loudness with the delivery target as a line across them (and the momentary maximum as a tick);
 * below, one row each for true peak per channel (with hold and the target's ceiling),
 * correlation, and the gain reduction of each dynamic module. Canvas only: nothing here touches
 * layout. Sizes are CSS pixels times `dpr`.
 */
import { drawRows, type RowsModel } from './loudness-rows.js';
import { LUFS_TICKS, lufsPosition, relationTo, type TargetRelation } from './loudness-scale.js';

export interface LoudnessModel extends RowsModel {
  readonly momentary: number;
  readonly shortTerm: number;
  readonly integrated: number;
  readonly maxMomentary: number;
  /** Target loudness, LUFS; null draws no line. */
  readonly targetLufs: number | null;
}

export const TRACK = '#121417';
export const TICK = '#3a3f46';
export const LABEL = '#7d848e';
const TARGET = '#e8eaed';
const LABEL_W = 30;
const PAD = 8;
const GAP = 8;
/** The rows' share of the height below the bars, CSS px. */
export const ROWS_H = 118;

const COLOUR: Readonly<Record<TargetRelation, string>> = { none: '#4f9d92', under: '#4f9d92', on: '#8fb36a', over: '#d9a441' };

export function drawLoudness(ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number, m: LoudnessModel): void {
  ctx.clearRect(0, 0, width, height);
  const labelW = LABEL_W * dpr;
  const pad = PAD * dpr;
  const gap = GAP * dpr;
  const rowsH = ROWS_H * dpr;
  const barsH = height - rowsH - 2 * pad - 14 * dpr;
  const y0 = pad;
  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  const yOf = (lufs: number): number => y0 + barsH * (1 - lufsPosition(lufs));
  for (const t of LUFS_TICKS) {
    const y = Math.round(yOf(t)) + 0.5;
    ctx.fillStyle = TICK;
    ctx.fillRect(labelW, y, width - labelW, dpr);
    ctx.fillStyle = LABEL;
    ctx.fillText(String(t), labelW - 5 * dpr, y);
  }
  const bars = [
    { label: 'M', v: m.momentary },
    { label: 'S', v: m.shortTerm },
    { label: 'I', v: m.integrated },
  ];
  const barW = (width - labelW - gap * (bars.length + 1)) / bars.length;
  ctx.textAlign = 'center';
  bars.forEach((b, i) => {
    const x = labelW + gap + i * (barW + gap);
    ctx.fillStyle = TRACK;
    ctx.fillRect(x, y0, barW, barsH);
    const top = yOf(b.v);
    ctx.fillStyle = COLOUR[relationTo(b.v, m.targetLufs)];
    ctx.fillRect(x, top, barW, y0 + barsH - top);
    ctx.fillStyle = LABEL;
    ctx.fillText(b.label, x + barW / 2, y0 + barsH + 8 * dpr);
    if (i === 0 && lufsPosition(m.maxMomentary) > 0) {
      ctx.fillStyle = '#c9ccd1';
      ctx.fillRect(x, yOf(m.maxMomentary) - dpr, barW, 2 * dpr);
    }
  });
  if (m.targetLufs !== null) {
    const y = Math.round(yOf(m.targetLufs));
    ctx.fillStyle = TARGET;
    ctx.setLineDash([4 * dpr, 3 * dpr]);
    ctx.strokeStyle = TARGET;
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    ctx.moveTo(labelW, y);
    ctx.lineTo(width, y);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  drawRows(ctx, width, dpr, height - rowsH, m);
}
