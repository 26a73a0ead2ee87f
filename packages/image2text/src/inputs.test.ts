import * as tf from '@tensorflow/tfjs';
import { ConvEncoder, MobileNetEncoder } from '@seq2seq/image';
import { ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { existsSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochBatches } from './batches.js';
import { prepareInputs } from './inputs.js';
import { tempDir, writeShapeSet } from './test-data.test-helper.js';

const haveMobileNet = existsSync(new URL('../../../../shared/models/mobilenet-v1-0.25-224/graph/model.json', import.meta.url));

describe('prepareInputs', () => {
  it('conv: keeps pixels, resizes from the load size, augments on the fly with a seed, skips bad files by name', async () => {
    const { images, dir } = writeShapeSet();
    const bad = join(dir, 'bad.png');
    writeFileSync(bad, 'garbage');
    const store = ParamStore.create(1);
    const enc = new ConvEncoder({ channels: [4], inputSize: 24 }, store);
    const { inputs, skipped } = await prepareInputs(enc, [...images, bad], { loadSize: 16, skipBad: true });
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.error).toMatch(/cannot decode image '.*bad.png'/);
    expect(inputs.has(images[0]!)).toBe(true);
    expect(inputs.has(bad)).toBe(false);
    await expectNoLeaks(() => {
      const plain = inputs.batch(images.slice(0, 3));
      const aug = inputs.batch(images.slice(0, 3), 7);
      if (!('pixels' in plain) || !('pixels' in aug)) throw new Error('expected pixel batches');
      expect(plain.pixels.shape).toEqual([3, 24, 24, 3]);
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(plain.pixels, aug.pixels))).dataSync()[0])).toBeGreaterThan(0.05);
      tf.dispose([plain.pixels, aug.pixels]);
    });
    await expect(prepareInputs(enc, [bad])).rejects.toThrow(/bad.png/);
    store.dispose();
  });

  it('trim: the same drawing with wide and narrow margins gives the same pixels; the feature cache tells them apart', async () => {
    const dir = tempDir();
    const draw = (side: number, margin: number) => {
      const png = new PNG({ width: side, height: side });
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const inside = x >= margin && y >= margin && x < side - margin && y < side - margin;
          png.data.set(inside ? [240, Math.round((255 * (x - margin)) / (side - 2 * margin)), 0, 255] : [0, 0, 0, 0], (y * side + x) * 4);
        }
      }
      return PNG.sync.write(png);
    };
    const [narrow, wide] = [join(dir, 'narrow.png'), join(dir, 'wide.png')];
    writeFileSync(narrow, draw(16, 0));
    writeFileSync(wide, draw(32, 8));
    const store = ParamStore.create(1);
    const enc = new ConvEncoder({ channels: [4], inputSize: 16 }, store);
    const pixels = async (trim: boolean) => {
      const { inputs } = await prepareInputs(enc, [narrow, wide], { loadSize: 16, trim });
      const b = inputs.batch([narrow, wide]);
      if (!('pixels' in b)) throw new Error('expected pixels');
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(b.pixels.slice(0, 1), b.pixels.slice(1, 1)))).dataSync()[0]!);
      b.pixels.dispose();
      return gap;
    };
    await expectNoLeaks(async () => {
      expect(await pixels(true)).toBeLessThan(1e-6);
      expect(await pixels(false)).toBeGreaterThan(0.5);
    });
    store.dispose();
    if (!haveMobileNet) return;
    const cacheDir = tempDir();
    const mn = new MobileNetEncoder();
    // Progress lines come first; the summary line says whether the entry was computed or cached.
    const logged: string[] = [];
    const plain = await prepareInputs(mn, [wide], { loadSize: 16, cacheDir, log: (l) => logged.push(l) });
    expect(logged.at(-1)).toMatch(/0 cached, 1 computed/);
    const trimmed = await prepareInputs(mn, [wide], { loadSize: 16, trim: true, cacheDir, log: (l) => logged.push(l) });
    expect(logged.at(-1)).toMatch(/0 cached, 1 computed/);
    expect(plain.inputs.has(wide) && trimmed.inputs.has(wide)).toBe(true);
  });

  it('epoch batches cover every example once, in a seeded order, and dispose cleanly', async () => {
    const { images } = writeShapeSet();
    const store = ParamStore.create(1);
    const { inputs } = await prepareInputs(new ConvEncoder({ channels: [4], inputSize: 16 }, store), images);
    const examples = images.map((image, i) => ({ image, target: [4 + i] }));
    const firstTargets = (seed: number) => epochBatches(examples, inputs, 4, seed, false).map((b) => {
      const batch = typeof b === 'function' ? b() : b;
      const ids = Array.from(batch.target.targetOut.dataSync());
      batch.dispose();
      return ids;
    });
    await expectNoLeaks(() => {
      const a = firstTargets(3);
      expect(a.map((ids) => ids.length)).toEqual([8, 4]);
      expect(a.flat().filter((id) => id >= 4).sort()).toEqual([4, 5, 6, 7, 8, 9]);
      expect(firstTargets(3)).toEqual(a);
    });
    store.dispose();
  });

  it.skipIf(!haveMobileNet)('mobilenet: caches features and augmented views, which differ from the original', async () => {
    const { images } = writeShapeSet();
    const enc = new MobileNetEncoder();
    const cacheDir = tempDir();
    const first = await prepareInputs(enc, images.slice(0, 2), { loadSize: 16, augmentViews: 2, cacheDir });
    const again = await prepareInputs(enc, images.slice(0, 2), { loadSize: 16, augmentViews: 2, cacheDir, log: (l) => expect(l).toMatch(/: 2 cached, 0 computed/) });
    const views = first.inputs.views(images[0]!);
    expect(views).toHaveLength(2);
    await expectNoLeaks(() => {
      const b = first.inputs.batch([images[0]!, ...views]);
      const c = again.inputs.batch([images[0]!, ...views]);
      if (!('features' in b) || !('features' in c)) throw new Error('expected feature batches');
      expect(b.features.shape).toEqual([3, 49, 256]);
      tf.tidy(() => {
        const [orig, v1] = tf.unstack(b.features);
        expect(tf.max(tf.abs(tf.sub(orig!, v1!))).dataSync()[0]).toBeGreaterThan(0.1);
        expect(tf.max(tf.abs(tf.sub(b.features, c.features))).dataSync()[0]).toBe(0);
      });
      tf.dispose([b.features, c.features]);
    });
  });

  it.skipIf(!haveMobileNet)('mobilenet with a palette: augmented views perturb the CNN grid but read the palette from the unperturbed pixels', async () => {
    const dir = tempDir();
    const png = new PNG({ width: 16, height: 16 });
    for (let i = 0; i < 256; i++) png.data.set((i % 16) > 3 && (i % 16) < 12 ? [0xa0, 0x68, 0x40, 255] : [0, 0, 0, 0], i * 4);
    const file = join(dir, 'hand.png');
    writeFileSync(file, PNG.sync.write(png));
    const enc = new MobileNetEncoder({ palette: 'skin-tones' });
    const { inputs } = await prepareInputs(enc, [file], { loadSize: 16, augmentViews: 2, cacheDir: tempDir() });
    await expectNoLeaks(() => {
      const b = inputs.batch([file, ...inputs.views(file)]);
      if (!('features' in b)) throw new Error('expected a feature batch');
      expect(b.features.shape).toEqual([3, 49, 261]);
      tf.tidy(() => {
        const grid = b.features.slice([0, 0, 0], [3, 49, 256]);
        const shares = b.features.slice([0, 0, 256], [3, 49, 5]);
        const [o, v1, v2] = tf.unstack(grid);
        expect(tf.max(tf.abs(tf.sub(o!, v1!))).dataSync()[0]).toBeGreaterThan(0.1);
        expect(tf.max(tf.abs(tf.sub(o!, v2!))).dataSync()[0]).toBeGreaterThan(0.1);
        // every view: the drawing is medium-dark (lighter shares only where the upscaling blends its edges into white)
        const perTone = tf.sum(shares, [1]).arraySync() as number[][];
        for (const t of perTone) {
          expect(t[3]).toBeGreaterThan(10);
          expect(t[0]! + t[1]! + t[2]! + t[4]!).toBeLessThan(t[3]! / 4);
        }
        expect(tf.max(tf.abs(tf.sub(shares.slice([0, 0, 0], [1, 49, 5]), shares.slice([1, 0, 0], [1, 49, 5])))).dataSync()[0]).toBe(0);
      });
      tf.dispose(b.features);
    });
  });

  it.skipIf(!haveMobileNet)('mobilenet with 2 fine-tuned blocks: caches the Conv2d_11 grid [196, 128] per view, which the encoder turns into [49, 256]', async () => {
    const { images } = writeShapeSet();
    const store = ParamStore.create(1);
    const enc = new MobileNetEncoder({ fineTuneBlocks: 2 }, { store });
    const { inputs } = await prepareInputs(enc, images.slice(0, 1), { loadSize: 16, augmentViews: 1, cacheDir: tempDir() });
    const views = inputs.views(images[0]!);
    expect(views).toHaveLength(1);
    await expectNoLeaks(() => {
      const b = inputs.batch([images[0]!, ...views]);
      if (!('features' in b)) throw new Error('expected a feature batch');
      expect(b.features.shape).toEqual([2, 196, 128]);
      const out = enc.encode(b);
      expect(out.states.shape).toEqual([2, 49, 256]);
      tf.dispose([b.features, out]);
    });
    store.dispose();
  });
});
