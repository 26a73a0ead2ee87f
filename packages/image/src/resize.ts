import type { RgbImage } from './decode.js';

/**
 * 'bilinear': half-pixel-centre bilinear interpolation (as PIL and tf `halfPixelCenters`).
 * 'area': each output pixel is the coverage-weighted mean of the input pixels under it; the right
 * filter for downscaling (bilinear aliases when shrinking by more than 2x).
 * 'auto' (default): area when the image shrinks in both directions, else bilinear.
 */
export type ResizeMethod = 'auto' | 'bilinear' | 'area';

export function resizeImage(img: RgbImage, height: number, width: number, method: ResizeMethod = 'auto'): RgbImage {
  if (!(height > 0 && width > 0 && Number.isInteger(height) && Number.isInteger(width))) {
    throw new Error(`resize target must be positive integers, got ${height}x${width}`);
  }
  if (img.height === height && img.width === width) return img;
  const m = method === 'auto' ? (height <= img.height && width <= img.width ? 'area' : 'bilinear') : method;
  return m === 'area' ? resizeArea(img, height, width) : resizeBilinear(img, height, width);
}

function resizeBilinear(img: RgbImage, height: number, width: number): RgbImage {
  const out = new Float32Array(height * width * 3);
  const xs = taps(img.width, width);
  const ys = taps(img.height, height);
  for (let y = 0; y < height; y++) {
    const { i0: y0, i1: y1, f: fy } = ys[y]!;
    for (let x = 0; x < width; x++) {
      const { i0: x0, i1: x1, f: fx } = xs[x]!;
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number): number => img.data[(yy * img.width + xx) * 3 + c]!;
        const top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
        const bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
        out[(y * width + x) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { width, height, data: out };
}

/** Source neighbours and weight for each output coordinate (half-pixel centres, edges clamped). */
function taps(inSize: number, outSize: number): { i0: number; i1: number; f: number }[] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const src = Math.min(Math.max((o + 0.5) * scale - 0.5, 0), inSize - 1);
    const i0 = Math.floor(src);
    return { i0, i1: Math.min(i0 + 1, inSize - 1), f: src - i0 };
  });
}

function resizeArea(img: RgbImage, height: number, width: number): RgbImage {
  const out = new Float32Array(height * width * 3);
  const xs = boxes(img.width, width);
  const ys = boxes(img.height, height);
  const acc = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      acc.fill(0);
      let total = 0;
      for (const [yy, wy] of ys[y]!) {
        for (const [xx, wx] of xs[x]!) {
          const w = wy * wx;
          const p = (yy * img.width + xx) * 3;
          acc[0]! += img.data[p]! * w;
          acc[1]! += img.data[p + 1]! * w;
          acc[2]! += img.data[p + 2]! * w;
          total += w;
        }
      }
      for (let c = 0; c < 3; c++) out[(y * width + x) * 3 + c] = acc[c]! / total;
    }
  }
  return { width, height, data: out };
}

/** For each output cell, the input indices it covers with their coverage (partial at the edges). */
function boxes(inSize: number, outSize: number): [number, number][][] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const start = o * scale;
    const end = (o + 1) * scale;
    const cells: [number, number][] = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), inSize); i++) {
      cells.push([i, Math.min(end, i + 1) - Math.max(start, i)]);
    }
    return cells;
  });
}
