import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { attentionOverlayPng } from './overlay.js';

describe('attentionOverlayPng', () => {
  it('writes one tile per word after the image, tinted where that word attended', () => {
    const size = 20;
    const image = { height: size, width: size, data: new Float32Array(size * size * 3).fill(0.5) };
    // 2x2 grid: word 0 looks at the top-left cell, word 1 at the bottom-right
    const png = PNG.sync.read(attentionOverlayPng(image, [[1, 0, 0, 0], [0, 0, 0, 1]]));
    expect([png.width, png.height]).toEqual([3 * size, size]);
    const red = (tile: number, x: number, y: number) => png.data[(y * png.width + tile * size + x) * 4]!;
    expect(red(0, 2, 2)).toBe(128);
    expect(red(1, 2, 2)).toBeGreaterThan(200);
    expect(red(1, 17, 17)).toBeLessThan(60);
    expect(red(2, 17, 17)).toBeGreaterThan(200);
    expect(red(2, 2, 2)).toBeLessThan(60);
  });

  it('rejects attention rows that are not a square grid', () => {
    const image = { height: 4, width: 4, data: new Float32Array(48) };
    expect(() => attentionOverlayPng(image, [[0.5, 0.5, 0]])).toThrow('attention row 0 has 3 cells, not a square grid');
  });
});
