import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { toImageBatch } from './batch.js';
import { defaultFeatureCacheDir, defaultFeatureCacheMaxBytes, trimFeatureCache } from './cache-dir.js';
import { type FeatureExtractor, featureBatch, precomputeFeatures } from './feature-cache.js';
import { loadImages } from './front-end.js';
import { loadMobileNetEncoder } from './mobilenet/mobilenet-encoder.js';
import { EMOJI_DIR, haveMobileNet, MOBILENET_DIR } from './shared-data.test-helper.js';
import { pngBytes, tempDir, writeFile } from './test-images.test-helper.js';

/** A small real frozen extractor: 2x2 average pooling of an 8x8 image -> a 4x4 grid of RGB. */
function poolExtractor(): FeatureExtractor & { calls: number } {
  const ex = {
    calls: 0,
    frontEnd: { height: 8, width: 8 },
    featureKey: () => ({ kind: 'avg-pool', size: 2 }),
    extractFeatures(pixels: tf.Tensor4D): tf.Tensor3D {
      ex.calls++;
      return tf.tidy(() => tf.reshape(tf.avgPool(pixels, 2, 2, 'valid'), [pixels.shape[0], 16, 3]));
    },
  };
  return ex;
}

describe('precomputeFeatures', () => {
  it('computes once, then serves from disk without re-running the network', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const a = writeFile(dir, 'a.png', pngBytes(8, 8, (x) => [x * 30, 0, 0, 255]));
    const b = writeFile(dir, 'b.png', pngBytes(8, 8, (_x, y) => [0, y * 30, 0, 255]));
    const ex = poolExtractor();
    const first = await expectNoLeaks(() => precomputeFeatures(ex, [a, b, a], { cacheDir }));
    expect([first.computed, first.hits, ex.calls]).toEqual([2, 0, 1]);
    expect(readdirSync(cacheDir).sort().filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const second = await expectNoLeaks(() => precomputeFeatures(ex, [a, b], { cacheDir }));
    expect([second.computed, second.hits, ex.calls]).toEqual([0, 2, 1]);
    expect(second.features.get(a)).toEqual(first.features.get(a));
    // Values: pooled red ramp of image a, cell (0, 1) covers x = 2, 3 -> (60 + 90) / 2 / 255.
    expect(second.features.get(a)?.shape).toEqual([16, 3]);
    expect(second.features.get(a)?.data[3]).toBeCloseTo(75 / 255, 6);
    await expectNoLeaks(() => {
      const { features } = featureBatch(second.features, [b, a]);
      expect(features.shape).toEqual([2, 16, 3]);
      expect(features.arraySync()[1]![1]![0]).toBeCloseTo(75 / 255, 6);
      features.dispose();
    });
  });

  it('misses when the image, the network or the entry changes', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const a = writeFile(dir, 'a.png', pngBytes(8, 8, () => [10, 10, 10, 255]));
    const ex = poolExtractor();
    await precomputeFeatures(ex, [a], { cacheDir });
    writeFileSync(a, pngBytes(8, 8, () => [200, 10, 10, 255]));
    utimesSync(a, new Date(), new Date(Date.now() + 5000));
    const edited = await precomputeFeatures(ex, [a], { cacheDir });
    expect(edited.computed).toBe(1);
    expect(edited.features.get(a)?.data[0]).toBeCloseTo(200 / 255, 6);
    const other = { ...poolExtractor(), featureKey: () => ({ kind: 'avg-pool', size: 3 }) };
    expect((await precomputeFeatures(other, [a], { cacheDir })).computed).toBe(1);
    // A truncated binary is a miss (recomputed), never wrong data.
    for (const f of readdirSync(cacheDir).filter((n) => n.endsWith('.bin'))) writeFileSync(join(cacheDir, f), new Uint8Array(5));
    expect((await precomputeFeatures(ex, [a], { cacheDir })).computed).toBe(1);
  });

  it('skips bad files when asked, naming them', async () => {
    const dir = tempDir();
    const good = writeFile(dir, 'good.png', pngBytes(8, 8, () => [1, 1, 1, 255]));
    const text = writeFile(dir, 'text.jpg', 'hello');
    const missing = join(dir, 'gone.png');
    const ex = poolExtractor();
    const r = await precomputeFeatures(ex, [good, text, missing], { cacheDir: join(dir, 'c'), skipBad: true });
    expect([...r.features.keys()]).toEqual([good]);
    expect(r.skipped.map((s) => s.path).sort()).toEqual([missing, text].sort());
    await expect(precomputeFeatures(ex, [text], { cacheDir: join(dir, 'c') })).rejects.toThrow(/text\.jpg'.*not a PNG or JPEG/);
  });

  it.skipIf(!haveMobileNet)('caches MobileNet grids that encode exactly like the pixels', async () => {
    const enc = await loadMobileNetEncoder({}, { modelDir: MOBILENET_DIR });
    const paths = [`${EMOJI_DIR}1f600.png`, `${EMOJI_DIR}1f431.png`];
    const cacheDir = join(tempDir(), 'cache');
    const spy = vi.spyOn(enc, 'extractFeatures');
    const first = await precomputeFeatures(enc, paths, { cacheDir });
    expect(spy).toHaveBeenCalledTimes(1);
    const second = await precomputeFeatures(enc, paths, { cacheDir });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(second.hits).toBe(2);
    expect(first.features.get(paths[1]!)?.shape).toEqual([49, 256]);
    const { images } = await loadImages(paths, enc.frontEnd);
    const { pixels } = toImageBatch(images);
    const { features } = featureBatch(second.features, paths);
    await expectNoLeaks(() => {
      const [fromPixels, fromCache] = [enc.encode({ pixels }), enc.encode({ features })];
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(fromPixels.states, fromCache.states))).dataSync()[0])).toBeLessThan(1e-5);
      tf.dispose([fromPixels, fromCache]);
    });
    tf.dispose([pixels, features]);
  });
});

describe('feature cache folder and size limit', () => {
  it('defaults to a documented folder: $SEQ2SEQ_CACHE_DIR, else XDG, else ~/.cache', () => {
    expect(defaultFeatureCacheDir({ SEQ2SEQ_CACHE_DIR: '/c' })).toBe('/c/image-features');
    expect(defaultFeatureCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/seq2seq/image-features');
    expect(defaultFeatureCacheDir({})).toMatch(/\.cache\/seq2seq\/image-features$/);
    expect(defaultFeatureCacheMaxBytes({ SEQ2SEQ_FEATURE_CACHE_MAX_MB: '0' })).toBe(Number.POSITIVE_INFINITY);
    expect(defaultFeatureCacheMaxBytes({ SEQ2SEQ_FEATURE_CACHE_MAX_MB: '2' })).toBe(2 * 1024 ** 2);
    expect(() => defaultFeatureCacheMaxBytes({ SEQ2SEQ_FEATURE_CACHE_MAX_MB: 'lots' })).toThrow(/must be a number of MB/);
  });

  it('deletes the oldest entries this call did not use until the folder fits, and reports progress', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const paths = [0, 1, 2].map((i) => writeFile(dir, `${i}.png`, pngBytes(8, 8, () => [i * 50, 0, 0, 255])));
    const ex = poolExtractor();
    await precomputeFeatures(ex, [paths[0]!], { cacheDir });
    const first = readdirSync(cacheDir);
    await precomputeFeatures(ex, [paths[1]!], { cacheDir });
    const entryBytes = readdirSync(cacheDir).reduce((a, f) => a + statSync(join(cacheDir, f)).size, 0) / 2;
    // Entry 0 is the older one; backdate it so the test does not hang on timestamp resolution.
    for (const f of first) utimesSync(join(cacheDir, f), new Date(0), new Date(0));
    const progress: [number, number][] = [];
    const r = await precomputeFeatures(ex, [paths[2]!, paths[1]!], { cacheDir, maxBytes: entryBytes * 2.5, batchSize: 1, onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([[1, 1]]);
    expect(r.evicted).toBe(1);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    // Entries in use are kept even when they alone exceed the limit.
    const tight = await precomputeFeatures(ex, paths, { cacheDir, maxBytes: 1 });
    expect(tight.computed).toBe(1);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect((await trimFeatureCache(cacheDir, 1)).removed).toBe(3);
  });
});
