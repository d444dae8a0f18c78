/** Paints the meter canvas: scale ticks, then per channel RMS (solid), peak (lighter) and hold. */
import { METER_TICKS, METER_ZONES, meterPosition } from './scale.js';

export interface ChannelLevels {
  readonly peakDb: number;
  readonly rmsDb: number;
  readonly holdDb: number;
}

const TRACK = '#121417';
const TICK = '#3a3f46';
const LABEL = '#7d848e';
const LABEL_W = 30;
const PAD_Y = 8;
const GAP = 6;

/** Fills [fromDb, toDb] of a bar, split by colour zone. */
function fillLevel(ctx: CanvasRenderingContext2D, x: number, w: number, y0: number, h: number, toDb: number, alpha: number): void {
  ctx.globalAlpha = alpha;
  for (let i = 0; i < METER_ZONES.length; i++) {
    const zone = METER_ZONES[i];
    const next = METER_ZONES[i + 1];
    if (zone === undefined || toDb <= zone.fromDb) break;
    const lo = meterPosition(zone.fromDb);
    const hi = meterPosition(Math.min(toDb, next?.fromDb ?? Infinity));
    if (hi <= lo) continue;
    ctx.fillStyle = zone.colour;
    ctx.fillRect(x, y0 + h * (1 - hi), w, h * (hi - lo));
  }
  ctx.globalAlpha = 1;
}

/** Draws the whole meter into a canvas whose backing store is `width`×`height` device pixels. */
export function drawMeters(ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number, channels: readonly ChannelLevels[]): void {
  ctx.clearRect(0, 0, width, height);
  const labelW = LABEL_W * dpr;
  const padY = PAD_Y * dpr;
  const gap = GAP * dpr;
  const h = height - 2 * padY;
  const n = Math.max(1, channels.length);
  const barW = (width - labelW - gap * (n + 1)) / n;

  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // On a short meter, a label too close to the one above is left out (its tick stays).
  let lastLabelY = -Infinity;
  for (const db of METER_TICKS) {
    const y = Math.round(padY + h * (1 - meterPosition(db))) + 0.5;
    ctx.fillStyle = TICK;
    ctx.fillRect(labelW, y, width - labelW, dpr);
    if (y - lastLabelY < 11 * dpr) continue;
    lastLabelY = y;
    ctx.fillStyle = LABEL;
    ctx.fillText(db > 0 ? `+${db}` : `${db}`, labelW - 5 * dpr, y);
  }

  channels.forEach((c, i) => {
    const x = labelW + gap + i * (barW + gap);
    ctx.fillStyle = TRACK;
    ctx.fillRect(x, padY, barW, h);
    fillLevel(ctx, x, barW, padY, h, c.peakDb, 0.35);
    fillLevel(ctx, x, barW, padY, h, c.rmsDb, 1);
    if (Number.isFinite(c.holdDb) && c.holdDb > -70) {
      const y = padY + h * (1 - meterPosition(c.holdDb));
      ctx.fillStyle = c.holdDb >= -1 ? '#ff8a78' : '#e8eaed';
      ctx.fillRect(x, y - dpr, barW, 2 * dpr);
    }
  });
}
