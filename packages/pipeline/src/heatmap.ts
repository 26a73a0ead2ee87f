import { writeFileSync } from 'node:fs';
import { drawHeatmap, encodePng } from '@seq2seq/plot';

export interface AttentionPicture {
  /** Output steps x source positions, each row a distribution (the last row is `<eos>`). */
  attention: readonly (readonly number[])[];
  /** Output tokens (without `<eos>`, which is added). */
  targetPieces: readonly string[];
  /** Source tokens, one per column; omit for audio and give `secondsPerColumn`. */
  sourcePieces?: readonly string[];
  /** Audio: seconds per encoder frame, for time ticks along the columns. */
  secondsPerColumn?: number;
  title?: string;
}

/**
 * Writes an attention matrix as a labelled PNG heat map: output tokens down the side, source tokens
 * (or time in seconds) along the top, the weights as they are (0-1) in viridis colours with a
 * colour bar.
 */
export function writeAttentionPng(path: string, p: AttentionPicture): void {
  const cols = Math.max(1, ...p.attention.map((r) => r.length));
  const columnLabels = p.sourcePieces
    ? p.sourcePieces
    : { ticks: timeTicks(cols, p.secondsPerColumn ?? 0) };
  const canvas = drawHeatmap({
    matrix: p.attention,
    rowLabels: [...p.targetPieces, '<eos>'],
    columnLabels,
    columnTitle: p.sourcePieces ? 'source' : p.secondsPerColumn ? 'time (s)' : 'encoder frames',
    rowTitle: 'output',
    title: p.title ?? 'attention',
  });
  writeFileSync(path, encodePng(canvas));
}

/** A tick every 0.25 / 0.5 / 1 s..., about 8 along the axis; frame numbers when no rate is known. */
function timeTicks(cols: number, secondsPerColumn: number): { index: number; label: string }[] {
  if (!(secondsPerColumn > 0)) {
    const step = Math.max(1, Math.ceil(cols / 8));
    return Array.from({ length: Math.ceil(cols / step) }, (_, k) => ({ index: k * step, label: String(k * step) }));
  }
  const total = cols * secondsPerColumn;
  const step = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60].find((s) => total / s <= 8) ?? 120;
  const out: { index: number; label: string }[] = [];
  for (let t = 0; t < total; t += step) out.push({ index: Math.round(t / secondsPerColumn), label: String(Math.round(t * 100) / 100) });
  return out;
}
