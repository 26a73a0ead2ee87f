import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { DEFAULT_MAX_PIXELS, decodeImage, jpegMemoryLimitMB } from './decode.js';
import { headerSize, sniffFormat } from './header.js';
import { jpegBytes, pngBytes } from './test-images.test-helper.js';

const at = (img: { width: number; data: Float32Array }, x: number, y: number): number[] => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

describe('decodeImage', () => {
  it('decodes a PNG exactly, pixel by pixel', () => {
    const bytes = pngBytes(3, 2, (x, y) => [x * 100, y * 200, 7, 255]);
    const img = decodeImage(bytes, 'a.png');
    expect([img.width, img.height]).toEqual([3, 2]);
    expect(at(img, 2, 1)).toEqual([200, 200, 7]);
    expect(at(img, 1, 0)).toEqual([100, 0, 7]);
  });

  it('decodes a JPEG close to its source colours (lossy)', () => {
    const bytes = jpegBytes(16, 8, (x) => (x < 8 ? [220, 30, 30, 255] : [30, 30, 220, 255]));
    const img = decodeImage(bytes, 'a.jpg');
    expect([img.width, img.height]).toEqual([16, 8]);
    const left = at(img, 2, 4);
    const right = at(img, 13, 4);
    for (const [got, want] of [[left, [220, 30, 30]], [right, [30, 30, 220]]] as const) {
      for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThan(12);
    }
  });

  it('composites alpha onto white by default and onto a chosen background', () => {
    const bytes = pngBytes(2, 1, (x) => (x === 0 ? [0, 0, 0, 0] : [200, 100, 0, 128]));
    const white = decodeImage(bytes, 't.png');
    expect(at(white, 0, 0)).toEqual([255, 255, 255]);
    const a = 128 / 255;
    const mixed = at(white, 1, 0);
    [200, 100, 0].forEach((v, c) => expect(mixed[c]).toBeCloseTo(v * a + 255 * (1 - a), 3));
    const black = decodeImage(bytes, 't.png', { background: [0, 0, 0] });
    expect(at(black, 0, 0)).toEqual([0, 0, 0]);
    expect(at(black, 1, 0)[0]).toBeCloseTo(200 * a, 3);
  });

  it('recognises formats by magic bytes, not names, and reads sizes from headers', () => {
    const png = pngBytes(5, 3, () => [0, 0, 0, 255]);
    const jpg = jpegBytes(9, 4, () => [0, 0, 0, 255]);
    expect(sniffFormat(png)).toBe('png');
    expect(sniffFormat(jpg)).toBe('jpeg');
    expect(sniffFormat(Buffer.from('hello world'))).toBeUndefined();
    expect(headerSize(png, 'png')).toEqual({ width: 5, height: 3 });
    expect(headerSize(jpg, 'jpeg')).toEqual({ width: 9, height: 4 });
    // A PNG named .jpg still decodes.
    expect(decodeImage(png, 'really-a-png.jpg').width).toBe(5);
  });

  it('gives clear errors naming the input', () => {
    const png = pngBytes(8, 8, () => [1, 2, 3, 255]);
    expect(() => decodeImage(new Uint8Array(0), 'empty.png')).toThrow(/'empty.png'.*empty \(0 bytes\)/);
    expect(() => decodeImage(Buffer.from('not an image at all'), 'notes.jpg')).toThrow(/'notes.jpg'.*not a PNG or JPEG/);
    expect(() => decodeImage(png.subarray(0, png.length - 20), 'cut.png')).toThrow(/'cut.png'.*truncated PNG/);
    expect(() => decodeImage(png.subarray(0, 12), 'stub.png')).toThrow(/'stub.png'.*truncated PNG header/);
    const jpg = jpegBytes(16, 16, () => [9, 9, 9, 255]);
    expect(() => decodeImage(jpg.subarray(0, Math.floor(jpg.length / 2)), 'cut.jpg')).toThrow(/'cut.jpg'.*corrupt or truncated JPEG/);
  });

  it('refuses a huge image from its header, before decoding', () => {
    const png = pngBytes(4, 4, () => [0, 0, 0, 255]);
    // Claim 100000 x 100000 in the IHDR: decoding would need 40 GB, the header check stops it first.
    const huge = Buffer.from(png);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(() => decodeImage(huge, 'huge.png')).toThrow(/'huge.png'.*100000x100000 = 10000000000 pixels exceeds maxPixels 40000000/);
    expect(() => decodeImage(png, 'small.png', { maxPixels: 15 })).toThrow(/'small.png'.*4x4 = 16 pixels exceeds maxPixels 15/);
    expect(decodeImage(png, 'small.png', { maxPixels: 16 }).width).toBe(4);
  });

  it('decodes a valid 5000x5000 JPEG (25 MP, under the 40 MP limit)', () => {
    // A flat grey picture: encoding stays quick, decoding still allocates the full 25 MP.
    const big = jpeg.encode({ width: 5000, height: 5000, data: Buffer.alloc(5000 * 5000 * 4, 128) }, 50).data;
    const img = decodeImage(big, 'big.jpg');
    expect([img.width, img.height]).toEqual([5000, 5000]);
    expect(Math.abs(img.data[3 * 12_345_678]! - 128)).toBeLessThan(3);
    expect(jpegMemoryLimitMB(DEFAULT_MAX_PIXELS)).toBe(916);
  });
});
