import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** A square RGB image with values in [0, 1] (e.g. `loadImage(path, { height: 160, width: 160 })`). */
export interface OverlayImage {
  readonly height: number;
  readonly width: number;
  /** [H * W * 3] */
  readonly data: Float32Array;
}

/**
 * Paints attention over an image, one tile per output word: tile 0 is the image, tile k the image
 * dimmed where word k did not look and tinted red where it did. `attention[k]` has one weight per
 * grid cell (S = side * side, row-major like the encoders' reshape), upsampled bilinearly and
 * scaled so each word's largest weight is full strength. Words are not drawn: print them alongside.
 */
export function attentionOverlayPng(image: OverlayImage, attention: readonly (readonly number[])[]): Buffer {
  const { height: h, width: w } = image;
  const png = new PNG({ width: w * (attention.length + 1), height: h });
  const put = (tile: number, x: number, y: number, rgb: [number, number, number]) => {
    const i = (y * png.width + tile * w + x) * 4;
    png.data[i] = clamp255(rgb[0]);
    png.data[i + 1] = clamp255(rgb[1]);
    png.data[i + 2] = clamp255(rgb[2]);
    png.data[i + 3] = 255;
  };
  const px = (x: number, y: number): [number, number, number] => {
    const i = (y * w + x) * 3;
    return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
  };
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) put(0, x, y, px(x, y));
  attention.forEach((row, k) => {
    const side = Math.round(Math.sqrt(row.length));
    if (side * side !== row.length) throw new Error(`attention row ${k} has ${row.length} cells, not a square grid`);
    const max = Math.max(1e-9, ...row);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const a = bilinear(row, side, ((x + 0.5) / w) * side - 0.5, ((y + 0.5) / h) * side - 0.5) / max;
        const [r, g, b] = px(x, y);
        const keep = 0.25 + 0.75 * a;
        put(k + 1, x, y, [r * keep + 0.6 * a, g * keep, b * keep]);
      }
    }
  });
  return PNG.sync.write(png);
}

export function writeAttentionOverlay(path: string, image: OverlayImage, attention: readonly (readonly number[])[]): void {
  writeFileSync(path, attentionOverlayPng(image, attention));
}

function bilinear(grid: readonly number[], side: number, gx: number, gy: number): number {
  const cx = Math.min(side - 1, Math.max(0, gx));
  const cy = Math.min(side - 1, Math.max(0, gy));
  const [x0, y0] = [Math.floor(cx), Math.floor(cy)];
  const [x1, y1] = [Math.min(side - 1, x0 + 1), Math.min(side - 1, y0 + 1)];
  const [fx, fy] = [cx - x0, cy - y0];
  const at = (x: number, y: number) => grid[y * side + x] ?? 0;
  return (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
}

const clamp255 = (v: number): number => Math.round(255 * Math.min(1, Math.max(0, v)));
