import { Canvas, GLYPH_HEIGHT, GLYPH_WIDTH, textWidth } from './canvas.js';
import { viridis } from './colormap.js';

export interface HeatmapInput {
  /** rows x columns, values in [0, 1] (e.g. attention weights: output steps x source positions). */
  matrix: readonly (readonly number[])[];
  /** One label per row (drawn left of it). */
  rowLabels: readonly string[];
  /** One label per column (drawn above it, vertically), or sparse ticks for long axes (audio frames). */
  columnLabels: readonly string[] | { ticks: readonly { index: number; label: string }[] };
  /** Axis titles, e.g. 'source' / 'output'. */
  columnTitle?: string;
  rowTitle?: string;
  title?: string;
}

const LABEL_MAX = 24;
const clip = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s);

/**
 * A labelled heat map: cells sized to the text (one label per row and column), a title, axis
 * titles and a colour bar from 0 to 1. Long axes with tick labels get thin cells.
 */
export function drawHeatmap(h: HeatmapInput): Canvas {
  const rows = h.matrix.length;
  const cols = Math.max(1, ...h.matrix.map((r) => r.length));
  const ticks = 'ticks' in h.columnLabels ? h.columnLabels.ticks : undefined;
  const colLabels = ticks ? [] : (h.columnLabels as readonly string[]).map(clip);
  const rowLabels = h.rowLabels.map(clip);
  const cellH = GLYPH_HEIGHT + 3;
  const cellW = ticks ? Math.max(1, Math.min(cellH, Math.floor(900 / cols))) : cellH;
  const pad = 8;
  const left = pad + (h.rowTitle ? GLYPH_HEIGHT + 4 : 0) + Math.max(0, ...rowLabels.map(textWidth)) + 6;
  const topLabels = ticks ? GLYPH_HEIGHT + 4 : Math.max(0, ...colLabels.map(textWidth)) + 6;
  const top = pad + (h.title ? GLYPH_HEIGHT + 6 : 0) + (h.columnTitle ? GLYPH_HEIGHT + 4 : 0) + topLabels;
  const gridW = cols * cellW;
  const gridH = Math.max(1, rows) * cellH;
  const barX = left + gridW + 16;
  const width = Math.max(barX + 14 + 6 + textWidth('1.0') + pad, left + textWidth(h.title ?? '') + pad);
  const height = top + Math.max(gridH, 3 * GLYPH_HEIGHT) + pad;
  const c = new Canvas(width, height);

  let y = pad;
  if (h.title) {
    c.text(pad, y, h.title);
    y += GLYPH_HEIGHT + 6;
  }
  if (h.columnTitle) c.text(left, y, h.columnTitle, [90, 90, 90]);
  if (h.rowTitle) c.text(pad, top + Math.min(gridH, textWidth(h.rowTitle)), h.rowTitle, [90, 90, 90], true);
  // Column labels run upwards from just above the grid; row labels are right-aligned to it.
  if (ticks) {
    for (const t of ticks) c.text(left + t.index * cellW, top - GLYPH_HEIGHT - 2, t.label, [60, 60, 60]);
  } else {
    colLabels.forEach((l, j) => c.text(left + j * cellW + 1, top - 4, l, [0, 0, 0], true));
  }
  rowLabels.forEach((l, i) => c.text(left - 6 - textWidth(l), top + i * cellH + 1, l));
  h.matrix.forEach((row, i) => {
    for (let j = 0; j < cols; j++) c.fillRect(left + j * cellW, top + i * cellH, cellW, cellH, viridis(row[j] ?? 0));
  });
  // Colour bar: 1 at the top, 0 at the bottom.
  const barH = Math.max(gridH, 3 * GLYPH_HEIGHT);
  for (let k = 0; k < barH; k++) c.fillRect(barX, top + k, 14, 1, viridis(1 - k / Math.max(1, barH - 1)));
  c.text(barX + 18, top, '1.0', [60, 60, 60]);
  c.text(barX + 18, top + barH - GLYPH_HEIGHT, '0.0', [60, 60, 60]);
  return c;
}

export { GLYPH_WIDTH };
