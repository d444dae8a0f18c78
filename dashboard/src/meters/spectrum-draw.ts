/**
 * Paints the spectrum canvas: a dark plot with a dB grid (every 10 dB, labelled on the left) and
 * octave lines (labelled below), the bands' peak hold as one light line through the band centres,
 * and over it one bar per 1/6-octave band on the log-frequency axis, coloured by height. Canvas only:
 * nothing here touches layout. Sizes are CSS pixels times `dpr`; coordinates are device pixels.
 */
import { BAND_COUNT, bandCentre, bandSpan, FREQUENCY_LABELS, levelPosition, SPECTRUM_BOTTOM_DB, SPECTRUM_DB_TICKS, SPECTRUM_TOP_DB } from './spectrum-scale.js';

export interface SpectrumModel {
  /** Band levels, dB, in SPECTRUM_CENTRES_HZ order; empty before the first frame (grid only). */
  readonly levels: readonly number[];
  /** Peak hold per band, dB, same order; values at or below the plot's bottom draw no line. */
  readonly holds: readonly number[];
}

/** The plot inside the canvas, device pixels. */
export interface PlotRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const TRACK = '#121417';
const GRID = '#22262b';
const GRID_LABELLED = '#30353c';
const LABEL = '#7d848e';
const CAP = '#a8dcd2';
const HOLD = '#e8eaed';
/** CSS px: dB labels on the left, frequency labels below, a little air above and right. */
const LABEL_W = 30;
const AXIS_H = 16;
const PAD_TOP = 8;
const PAD_RIGHT = 4;

/** Where the plot sits in a `width`×`height` canvas (device pixels), at `dpr` device px per CSS px. */
export function spectrumPlot(width: number, height: number, dpr: number): PlotRect {
  const x = LABEL_W * dpr;
  const y = PAD_TOP * dpr;
  return { x, y, w: Math.max(1, width - x - PAD_RIGHT * dpr), h: Math.max(1, height - y - AXIS_H * dpr) };
}

/** Device-pixel columns of band `i`: [left, right) with a one-CSS-pixel gap when bands are wide enough. */
export function bandColumns(plot: PlotRect, i: number, dpr: number): readonly [number, number] {
  const [a, b] = bandSpan(i);
  const left = Math.round(plot.x + plot.w * a);
  const right = Math.round(plot.x + plot.w * b);
  const gap = right - left >= 3 * dpr ? Math.round(dpr) : 0;
  return [left, Math.max(left + 1, right - gap)];
}

function drawGrid(ctx: CanvasRenderingContext2D, p: PlotRect, dpr: number): void {
  ctx.fillStyle = TRACK;
  ctx.fillRect(p.x, p.y, p.w, p.h);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  // Every line is drawn; labels every 10 dB when they have room, else every 20 dB (brighter lines).
  const every = (p.h * 10) / (SPECTRUM_TOP_DB - SPECTRUM_BOTTOM_DB) >= 18 * dpr ? 10 : 20;
  for (const db of SPECTRUM_DB_TICKS) {
    const y = Math.min(Math.round(p.y + p.h * (1 - levelPosition(db))), p.y + p.h - dpr);
    const labelled = db % every === 0;
    ctx.fillStyle = labelled ? GRID_LABELLED : GRID;
    ctx.fillRect(p.x, y, p.w, dpr);
    if (!labelled) continue;
    ctx.fillStyle = LABEL;
    ctx.fillText(String(db), p.x - 5 * dpr, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // Labels that would touch their neighbour are left out (narrow canvas); their lines stay.
  let lastRight = -Infinity;
  for (const l of FREQUENCY_LABELS) {
    const x = Math.round(p.x + p.w * bandCentre(l.band));
    ctx.fillStyle = GRID;
    ctx.fillRect(x, p.y, dpr, p.h);
    const half = ctx.measureText(l.text).width / 2;
    if (x - half < lastRight + 4 * dpr) continue;
    lastRight = x + half;
    ctx.fillStyle = LABEL;
    ctx.fillText(l.text, x, p.y + p.h + 4 * dpr);
  }
}

function drawBars(ctx: CanvasRenderingContext2D, p: PlotRect, dpr: number, levels: readonly number[]): void {
  const fill = ctx.createLinearGradient(0, p.y, 0, p.y + p.h);
  fill.addColorStop(0, '#b8e6dc');
  fill.addColorStop(0.3, '#6fb6aa');
  fill.addColorStop(0.7, '#3d7d73');
  fill.addColorStop(1, '#1f4a43');
  const bottom = p.y + p.h;
  for (let i = 0; i < BAND_COUNT; i++) {
    const pos = levelPosition(levels[i] ?? Number.NaN);
    if (pos <= 0) continue;
    const [left, right] = bandColumns(p, i, dpr);
    const top = Math.round(bottom - p.h * pos);
    ctx.fillStyle = fill;
    ctx.fillRect(left, top, right - left, bottom - top);
    ctx.fillStyle = CAP;
    ctx.fillRect(left, top, right - left, Math.min(dpr, bottom - top));
  }
}

function drawHolds(ctx: CanvasRenderingContext2D, p: PlotRect, dpr: number, holds: readonly number[]): void {
  ctx.beginPath();
  let drawing = false;
  for (let i = 0; i < BAND_COUNT; i++) {
    const db = holds[i] ?? Number.NaN;
    if (!(db > SPECTRUM_BOTTOM_DB)) {
      drawing = false;
      continue;
    }
    const x = p.x + p.w * bandCentre(i);
    const y = p.y + p.h * (1 - levelPosition(db));
    if (drawing) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    drawing = true;
  }
  ctx.strokeStyle = HOLD;
  ctx.globalAlpha = 0.75;
  ctx.lineWidth = 1.25 * dpr;
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** Draws the whole spectrum into a canvas whose backing store is `width`×`height` device pixels. */
export function drawSpectrum(ctx: CanvasRenderingContext2D, width: number, height: number, dpr: number, m: SpectrumModel): void {
  ctx.clearRect(0, 0, width, height);
  const plot = spectrumPlot(width, height, dpr);
  ctx.font = `${10 * dpr}px system-ui, sans-serif`;
  drawGrid(ctx, plot, dpr);
  // The peak line goes under the bars: it shows where a band's peak stands above its level, and
  // never eats into a bar's top (which stays exact, to the pixel, for the eye and for tests).
  drawHolds(ctx, plot, dpr, m.holds);
  drawBars(ctx, plot, dpr, m.levels);
}
