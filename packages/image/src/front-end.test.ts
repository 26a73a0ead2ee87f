import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toImageBatch } from './batch.js';
import { loadImage, loadImages, prepareImage } from './front-end.js';
import { jpegBytes, pngBytes, tempDir, writeFile } from './test-images.test-helper.js';

function badFiles(dir: string): { truncated: string; text: string; empty: string; huge: string; missing: string } {
  const png = pngBytes(8, 8, () => [10, 20, 30, 255]);
  const huge = Buffer.from(png);
  huge.writeUInt32BE(50_000, 16);
  huge.writeUInt32BE(50_000, 20);
  return {
    truncated: writeFile(dir, 'truncated.png', png.subarray(0, png.length - 30)),
    text: writeFile(dir, 'notes.jpg', 'this is a text file, not a JPEG\n'),
    empty: writeFile(dir, 'empty.png', new Uint8Array(0)),
    huge: writeFile(dir, 'huge.png', huge),
    missing: join(dir, 'missing.png'),
  };
}

describe('image front end', () => {
  it('decodes, resizes and normalises to the requested size and range', () => {
    const bytes = pngBytes(8, 4, (x) => (x < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const img = prepareImage(bytes, 'two.png', { height: 2, width: 4, normalization: 'minus-one-one' });
    expect([img.height, img.width, img.data.length]).toEqual([2, 4, 24]);
    expect([...img.data.subarray(0, 3)]).toEqual([1, -1, -1]); // left half red
    expect([...img.data.subarray(9, 12)]).toEqual([-1, -1, 1]); // right half blue
  });

  it('batches same-sized images into [B, H, W, 3] without leaking', async () => {
    const dir = tempDir();
    const a = writeFile(dir, 'a.png', pngBytes(6, 6, () => [255, 255, 255, 255]));
    const b = writeFile(dir, 'b.jpeg.png', jpegBytes(6, 6, () => [0, 0, 0, 255])); // a JPEG despite its name
    const { images, skipped } = await loadImages([a, b], { height: 3, width: 3 });
    expect(skipped).toEqual([]);
    await expectNoLeaks(async () => {
      const { pixels } = toImageBatch(images);
      expect(pixels.shape).toEqual([2, 3, 3, 3]);
      const means = tf.tidy(() => pixels.mean([1, 2, 3]).dataSync());
      expect(means[0]).toBeCloseTo(1, 5);
      expect(means[1]!).toBeLessThan(0.03);
      pixels.dispose();
    });
    const small = prepareImage(pngBytes(2, 2, () => [0, 0, 0, 255]), 'x.png', { height: 2, width: 2 });
    expect(() => toImageBatch([images[0]!, small])).toThrow(/image 1 is 2x2, image 0 is 3x3/);
  });

  it('names the file in every error', async () => {
    const bad = badFiles(tempDir());
    await expect(loadImage(bad.truncated)).rejects.toThrow(/truncated\.png'.*truncated PNG/);
    await expect(loadImage(bad.text)).rejects.toThrow(/notes\.jpg'.*not a PNG or JPEG/);
    await expect(loadImage(bad.empty)).rejects.toThrow(/empty\.png'.*0 bytes/);
    await expect(loadImage(bad.huge)).rejects.toThrow(/huge\.png'.*exceeds maxPixels/);
    await expect(loadImage(bad.missing)).rejects.toThrow(/missing\.png'.*no such file/);
  });

  it('skips bad files in batch jobs and reports them, or throws without skipBad', async () => {
    const dir = tempDir();
    const good1 = writeFile(dir, 'good1.png', pngBytes(4, 4, () => [1, 2, 3, 255]));
    const good2 = writeFile(dir, 'good2.jpg', jpegBytes(4, 4, () => [4, 5, 6, 255]));
    const bad = badFiles(dir);
    const paths = [bad.truncated, good1, bad.text, bad.empty, good2, bad.huge, bad.missing];
    const { images, skipped } = await loadImages(paths, { skipBad: true, height: 4, width: 4 });
    expect(images.map((i) => i.source)).toEqual([good1, good2]);
    expect(skipped.map((s) => s.path)).toEqual([bad.truncated, bad.text, bad.empty, bad.huge, bad.missing]);
    for (const s of skipped) expect(s.error).toContain(s.path);
    await expect(loadImages(paths)).rejects.toThrow(/truncated\.png/);
  });
});
