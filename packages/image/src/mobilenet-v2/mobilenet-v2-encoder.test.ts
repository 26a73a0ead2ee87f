import * as tf from '@tensorflow/tfjs';
import { encoders } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toImageBatch } from '../batch.js';
import { loadImages } from '../front-end.js';
import '../index.js';
import { EMOJI_DIR } from '../shared-data.test-helper.js';
import { tempDir } from '../test-images.test-helper.js';
import { MobileNetV2Encoder } from './mobilenet-v2-encoder.js';
import { DEFAULT_V2_DIR, loadMobileNetV2, MOBILENET_V2_DIR_ENV, resolveV2Dir } from './weights.js';

const haveV2 = existsSync(join(DEFAULT_V2_DIR, 'model.json')) && existsSync(EMOJI_DIR);
const SHARED_SHA = '2df28fdc94b9f6f2c2950a8cd908e7a4afb987946c72a0ff5644c9fbab1fd0fd';
const maxAbs = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('MobileNetV2Encoder without weights', () => {
  it('is registered, has no path in its config, passes cached features (+ palette channels) through, leaks nothing', async () => {
    const enc = encoders.get('mobilenet-v2')({ palette: 'skin-tones' }, undefined as never) as MobileNetV2Encoder;
    expect([enc.kind, enc.outputDim, enc.loaded]).toEqual(['mobilenet-v2', 1285, false]);
    expect(enc.config()).toEqual({ palette: 'skin-tones' });
    expect(() => enc.featureKey()).toThrow(/load\(\)` first/);
    const features = tf.randomUniform([2, 49, 1285], 0, 6, 'float32', 5) as tf.Tensor3D;
    await expectNoLeaks(async () => {
      const out = enc.encode({ features });
      expect(out.states.shape).toEqual([2, 49, 1285]);
      expect(maxAbs(out.states, features)).toBe(0);
      expect(tf.tidy(() => maxAbs(out.summary, tf.mean(features, 1)))).toBeLessThan(1e-5);
      tf.dispose(out);
    });
    const wrong = tf.zeros([1, 49, 1280]) as tf.Tensor3D;
    expect(() => enc.encode({ features: wrong })).toThrow(/\[B, S, 1285\] \(the Conv_1 grid \+ 5 skin-tones palette channels\)/);
    const px = tf.zeros([1, 224, 224, 3]) as tf.Tensor4D;
    expect(() => enc.encode({ pixels: px })).toThrow(/not loaded/);
    tf.dispose([features, wrong, px]);
    expect(() => new MobileNetV2Encoder({ weights: { id: 'x', sha256: 'abc' } })).toThrow(/64 hex digits/);
  });

  it('names the folder and the cause for a missing, unreadable, truncated or foreign model folder', async () => {
    const none = tempDir();
    expect(() => resolveV2Dir(none)).toThrow(/no MobileNet v2 model.json in .*never downloaded/);
    const saved = process.env[MOBILENET_V2_DIR_ENV];
    process.env[MOBILENET_V2_DIR_ENV] = none;
    try {
      expect(() => resolveV2Dir()).toThrow(new RegExp(`\\$${MOBILENET_V2_DIR_ENV}`));
    } finally {
      if (saved === undefined) delete process.env[MOBILENET_V2_DIR_ENV];
      else process.env[MOBILENET_V2_DIR_ENV] = saved;
    }
    const notJson = tempDir();
    writeFileSync(join(notJson, 'model.json'), '{ not json');
    await expect(loadMobileNetV2(notJson)).rejects.toThrow(/damaged or not a LayersModel: model.json is unreadable/);
    const manifest = { modelTopology: {}, format: 'layers-model', weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'k', shape: [4, 4], dtype: 'float32' }] }] };
    const missing = tempDir();
    writeFileSync(join(missing, 'model.json'), JSON.stringify(manifest));
    await expect(loadMobileNetV2(missing)).rejects.toThrow(/shard 'w.bin' listed in model.json is missing/);
    const truncated = tempDir();
    writeFileSync(join(truncated, 'model.json'), JSON.stringify(manifest));
    writeFileSync(join(truncated, 'w.bin'), new Uint8Array(60));
    await expect(loadMobileNetV2(truncated)).rejects.toThrow(/hold 60 bytes, model.json's manifest needs 64/);
    const graph = tempDir();
    writeFileSync(join(graph, 'model.json'), JSON.stringify({ ...manifest, format: 'graph-model' }));
    await expect(loadMobileNetV2(graph)).rejects.toThrow(/format is 'graph-model'/);
  });
});

describe.skipIf(!haveV2)('MobileNetV2Encoder on the shared weights', () => {
  it('loads, names the weights by hash, encodes real emoji to the 7x7x1280 Conv_1 grid without leaks', async () => {
    const enc = await new MobileNetV2Encoder({ palette: 'skin-tones' }).load();
    expect(enc.config()).toEqual({ weights: { id: 'mobilenet_v2_1.0_224_quant', sha256: SHARED_SHA }, palette: 'skin-tones' });
    expect(JSON.stringify(enc.featureKey())).not.toContain('/work');
    const { images } = await loadImages([`${EMOJI_DIR}1f600.png`, `${EMOJI_DIR}1f44d.png`], enc.frontEnd);
    const { pixels } = toImageBatch(images);
    await expectNoLeaks(async () => {
      const f = enc.extractFeatures(pixels);
      expect(f.shape).toEqual([2, 49, 1285]);
      const grid = f.slice([0, 0, 0], [-1, -1, 1280]);
      // ReLU6 map; two different emoji give different features.
      expect(tf.tidy(() => [tf.min(grid).dataSync()[0]!, tf.max(grid).dataSync()[0]!])).toSatisfy(([lo, hi]: number[]) => lo! >= 0 && hi! <= 6 && hi! > 0.5);
      expect(tf.tidy(() => maxAbs(grid.slice([0, 0, 0], [1, -1, -1]), grid.slice([1, 0, 0], [1, -1, -1])))).toBeGreaterThan(0.1);
      const out = enc.encode({ pixels });
      expect(maxAbs(out.states, f)).toBeLessThan(1e-5);
      tf.dispose([f, grid, out]);
    });
    pixels.dispose();
  });

  it('a config naming other weights (a checkpoint from elsewhere) refuses this folder', async () => {
    const other = new MobileNetV2Encoder({ weights: { id: 'other', sha256: '0'.repeat(64) } });
    await expect(other.load()).rejects.toThrow(/are not the ones this model was built on \(other, sha256 000000000000/);
    // A copied folder is the same weights: the id is path-independent, the hash equal.
    const copy = tempDir();
    for (const f of ['model.json', 'group1-shard1of1.bin']) copyFileSync(join(DEFAULT_V2_DIR, f), join(copy, f));
    const same = await new MobileNetV2Encoder({ weights: { id: 'mobilenet_v2_1.0_224_quant', sha256: SHARED_SHA } }, { modelDir: copy }).load();
    expect(same.weights?.sha256).toBe(SHARED_SHA);
    expect(JSON.parse(readFileSync(join(copy, 'model.json'), 'utf8')).format).toBe('layers-model');
  });
});
