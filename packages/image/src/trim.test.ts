import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode.js';
import { prepareImage } from './front-end.js';
import { pngBytes, type Rgba } from './test-images.test-helper.js';
import { trimTransparent } from './trim.js';

/** An 8x6 canvas with a drawn 3x2 red rectangle at x 2..4, y 1..2, the rest transparent. */
const box = (x: number, y: number): Rgba => (x >= 2 && x <= 4 && y >= 1 && y <= 2 ? [200, 0, 0, 255] : [0, 0, 0, 0]);
const rgba = (w: number, h: number, f: (x: number, y: number) => Rgba) => {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(f(x, y), (y * w + x) * 4);
  return { width: w, height: h, data };
};
const alphaRows = (img: { width: number; height: number; data: Uint8Array }) =>
  Array.from({ length: img.height }, (_, y) => Array.from({ length: img.width }, (_, x) => (img.data[(y * img.width + x) * 4 + 3]! > 0 ? '#' : '.')).join(''));

describe('trimTransparent', () => {
  it('crops to the square around the drawn pixels, centred, padding with transparency', () => {
    const out = trimTransparent(rgba(8, 6, box));
    expect([out.width, out.height]).toEqual([3, 3]);
    // 3 wide, 2 high: one transparent row is added below (floor of the half padding goes above).
    expect(alphaRows(out)).toEqual(['###', '###', '...']);
    expect([...out.data.subarray(0, 4)]).toEqual([200, 0, 0, 255]);
  });

  it('ignores faint anti-aliasing below the threshold', () => {
    const out = trimTransparent(rgba(8, 6, (x, y) => (x === 0 && y === 0 ? [9, 9, 9, 10] : box(x, y))));
    expect([out.width, out.height]).toEqual([3, 3]);
  });

  it('leaves a fully opaque image (a photo) and an empty canvas unchanged', () => {
    const photo = rgba(4, 3, () => [1, 2, 3, 255]);
    expect(trimTransparent(photo)).toBe(photo);
    const empty = rgba(4, 3, () => [0, 0, 0, 0]);
    expect(trimTransparent(empty)).toBe(empty);
  });

  it('the same drawing with different margins prepares to the same pixels', () => {
    const small = pngBytes(8, 6, box);
    const padded = pngBytes(16, 12, (x, y) => box(x - 5, y - 3));
    const a = prepareImage(small, 'a.png', { height: 6, width: 6, trim: true });
    const b = prepareImage(padded, 'b.png', { height: 6, width: 6, trim: true });
    expect([...b.data]).toEqual([...a.data]);
    const untrimmed = prepareImage(padded, 'b.png', { height: 6, width: 6 });
    expect([...untrimmed.data]).not.toEqual([...a.data]);
    expect(decodeImage(small, 'a.png', { trim: true }).width).toBe(3);
  });
});
