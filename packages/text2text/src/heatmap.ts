import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Writes an attention matrix (rows = output tokens, columns = source tokens, values in [0, 1]) as a
 * grayscale PNG heat map, `cell` pixels per entry, white = 1. Labels are not drawn; the caller
 * prints the token lists alongside.
 */
export function writeHeatmapPng(path: string, matrix: readonly (readonly number[])[], cell = 16): void {
  const rows = matrix.length;
  const cols = Math.max(1, ...matrix.map((r) => r.length));
  const png = new PNG({ width: cols * cell, height: Math.max(1, rows) * cell });
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, matrix[r]![c] ?? 0)));
      for (let y = r * cell; y < (r + 1) * cell; y++) {
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const i = (y * png.width + x) * 4;
          png.data[i] = v;
          png.data[i + 1] = v;
          png.data[i + 2] = v;
          png.data[i + 3] = 255;
        }
      }
    }
  }
  writeFileSync(path, PNG.sync.write(png));
}
