import { describe, expect, it } from 'vitest';
import type { RgbImage } from './decode.js';
import { normalizePixels } from './normalize.js';
import { resizeImage } from './resize.js';

function grey(width: number, height: number, v: (x: number, y: number) => number): RgbImage {
  const data = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(v(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data };
}
const row = (img: RgbImage, y: number): number[] => Array.from({ length: img.width }, (_, x) => img.data[(y * img.width + x) * 3]!);

describe('resizeImage', () => {
  it('area-downscales a checkerboard to its exact block means', () => {
    // 4x4 board of 2x2 cells (0/255) -> 2x2: each output covers one cell exactly.
    const board = grey(4, 4, (x, y) => ((Math.floor(x / 2) + Math.floor(y / 2)) % 2) * 255);
    const small = resizeImage(board, 2, 2, 'area');
    expect(row(small, 0)).toEqual([0, 255]);
    expect(row(small, 1)).toEqual([255, 0]);
    // 1-pixel checkerboard -> everything averages to grey (bilinear would alias).
    const fine = grey(8, 8, (x, y) => ((x + y) % 2) * 255);
    const g = resizeImage(fine, 2, 2, 'area');
    expect([...g.data].every((v) => Math.abs(v - 127.5) < 1e-4)).toBe(true);
  });

  it('area handles non-integer ratios with fractional coverage', () => {
    const ramp = grey(3, 1, (x) => x * 30); // 0, 30, 60
    const two = resizeImage(ramp, 1, 2, 'area');
    // Cells cover [0, 1.5) and [1.5, 3): (0 + 0.5 * 30) / 1.5 = 10, (0.5 * 30 + 60) / 1.5 = 50.
    expect(row(two, 0)[0]).toBeCloseTo(10, 5);
    expect(row(two, 0)[1]).toBeCloseTo(50, 5);
  });

  it('bilinear-upscales a ramp with half-pixel centres and clamped edges', () => {
    const ramp = grey(2, 1, (x) => x * 100); // 0, 100
    const four = resizeImage(ramp, 1, 4, 'bilinear');
    // Output centres map to source x = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    expect(row(four, 0)).toEqual([0, 25, 75, 100]);
    expect(resizeImage(ramp, 1, 4).data).toEqual(four.data); // 'auto' picks bilinear when enlarging
  });

  it('returns the same image for the same size and rejects bad sizes', () => {
    const img = grey(3, 3, () => 1);
    expect(resizeImage(img, 3, 3)).toBe(img);
    expect(() => resizeImage(img, 0, 3)).toThrow(/positive integers/);
  });
});

describe('normalizePixels', () => {
  it('maps [0, 255] to the chosen range', () => {
    const px = new Float32Array([0, 127.5, 255]);
    expect([...normalizePixels(px, 'zero-one')]).toEqual([0, 0.5, 1]);
    expect([...normalizePixels(px, 'minus-one-one')]).toEqual([-1, 0, 1]);
    const ms = normalizePixels(px, { mean: [0.5, 0.5, 0], std: [0.5, 0.25, 2] });
    [-1, 0, 0.5].forEach((v, i) => expect(ms[i]).toBeCloseTo(v, 6));
    expect(() => normalizePixels(px, { mean: [0, 0, 0], std: [1, 0, 1] })).toThrow(/std must be positive/);
  });
});
