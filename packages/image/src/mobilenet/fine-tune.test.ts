import * as tf from '@tensorflow/tfjs';
import { encoders, loadCheckpoint, ParamStore, restoreInto, saveCheckpoint } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { toImageBatch } from '../batch.js';
import { loadImages } from '../front-end.js';
import '../index.js';
import { EMOJI_DIR, haveMobileNet, MOBILENET_DIR } from '../shared-data.test-helper.js';
import { tempDir } from '../test-images.test-helper.js';
import { MobileNetEncoder } from './mobilenet-encoder.js';

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** A MobileNetEncoder built the way buildModel/loadModel build it: the registry, the 'encoder' scope of a store. */
function viaRegistry(fineTuneBlocks: number, seed = 1): { enc: MobileNetEncoder; store: ParamStore } {
  const store = ParamStore.create(seed);
  const enc = encoders.get('mobilenet')({ version: 1, alpha: 0.25, fineTuneBlocks }, store.scope('encoder')) as MobileNetEncoder;
  return { enc, store };
}

/** The same with the shared weights' directory named, for tests that load the graph. */
function withWeights(fineTuneBlocks: number, seed = 1, palette?: string): { enc: MobileNetEncoder; store: ParamStore } {
  const store = ParamStore.create(seed);
  return { enc: new MobileNetEncoder({ fineTuneBlocks, ...(palette ? { palette } : {}) }, { store: store.scope('encoder'), modelDir: MOBILENET_DIR }), store };
}

describe('MobileNetEncoder fineTuneBlocks (no weights needed)', () => {
  it('creates the top blocks as variables, reads the frozen node grid and sends gradients to every variable', async () => {
    const { enc, store } = viaRegistry(2);
    expect(enc.config()).toEqual({ version: 1, alpha: 0.25, fineTuneBlocks: 2 });
    expect(enc.gridNode).toBe('module_apply_default/MobilenetV1/MobilenetV1/Conv2d_11_pointwise/Relu6');
    expect(enc.featureKey()).toMatchObject({ fineTuneBlocks: 2, node: enc.gridNode });
    expect(enc.featureShape).toEqual([196, 128]);
    const shapes = Object.fromEntries(store.trainable().map(([k, v]) => [k, v.shape]));
    expect(shapes).toEqual({
      'encoder/block12/depthwise': [3, 3, 128, 1],
      'encoder/block12/depthwise_scale': [128],
      'encoder/block12/depthwise_offset': [128],
      'encoder/block12/pointwise': [128, 256],
      'encoder/block12/pointwise_offset': [256],
      'encoder/block13/depthwise': [3, 3, 256, 1],
      'encoder/block13/depthwise_scale': [256],
      'encoder/block13/depthwise_offset': [256],
      'encoder/block13/pointwise': [256, 256],
      'encoder/block13/pointwise_offset': [256],
    });
    const features = tf.randomUniform([2, 196, 128], 0, 6, 'float32', 4) as tf.Tensor3D;
    const w = tf.randomNormal([2, 49, 256], 0, 1, 'float32', 5);
    await expectNoLeaks(() => {
      const out = enc.encode({ features });
      expect(out.states.shape).toEqual([2, 49, 256]);
      expect(out.summary.shape).toEqual([2, 256]);
      expect(tf.tidy(() => maxDiff(out.summary, out.states.mean(1)))).toBeLessThan(1e-5);
      tf.dispose(out);
      const vars = store.trainable().map(([, v]) => v);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(enc.encode({ features }).states, w)) as tf.Scalar, vars);
      for (const v of vars) expect(tf.tidy(() => tf.sum(tf.abs(grads[v.name]!)).dataSync()[0]!), v.name).toBeGreaterThan(0);
      tf.dispose([value, grads]);
    });
    const wrong = tf.zeros([1, 49, 256]) as tf.Tensor3D;
    expect(() => enc.encode({ features: wrong })).toThrow(/features must be \[B, 196, 128\] \(the Conv2d_11_pointwise grid\), got \[1,49,256\]/);
    tf.dispose([features, w, wrong]);
    store.dispose();
  });

  it('k = 1 caches the same [49, 256] grid as k = 0 (Conv2d_12 instead of Conv2d_13)', () => {
    const { enc, store } = viaRegistry(1);
    expect(enc.featureShape).toEqual([49, 256]);
    expect(enc.gridNode).toMatch(/Conv2d_12_pointwise\/Relu6$/);
    expect(store.trainable().map(([k]) => k)).toEqual(['depthwise', 'depthwise_scale', 'depthwise_offset', 'pointwise', 'pointwise_offset'].map((n) => `encoder/block13/${n}`));
    store.dispose();
  });

  it('round-trips through a checkpoint into a fresh encoder built by the registry', async () => {
    const { enc, store } = viaRegistry(2, 7);
    const dir = `${tempDir()}/ckpt`;
    await saveCheckpoint(dir, { store, encoder: enc, decoder: { kind: 'none', config: {} } });
    const { config, weights } = await loadCheckpoint(dir);
    const fresh = ParamStore.create(99); // other seed: other random values until restored
    const again = encoders.get(config.encoder.kind)(config.encoder.config, fresh.scope('encoder')) as MobileNetEncoder;
    expect(again.config()).toEqual(enc.config());
    const features = tf.randomUniform([2, 196, 128], 0, 6, 'float32', 8) as tf.Tensor3D;
    await expectNoLeaks(() => {
      const before = again.encode({ features });
      const a = enc.encode({ features });
      expect(maxDiff(a.states, before.states)).toBeGreaterThan(1e-3);
      restoreInto(fresh, weights);
      const b = again.encode({ features });
      expect(maxDiff(a.states, b.states)).toBe(0);
      tf.dispose([a, b, before]);
    });
    tf.dispose([features, ...weights.values()]);
    store.dispose();
    fresh.dispose();
  });
});

describe.skipIf(!haveMobileNet)('MobileNetEncoder fineTuneBlocks on the shared weights', () => {
  it('before training, k = 1 and k = 2 give the states of k = 0 (pixels and cached features)', async () => {
    const { enc: frozen } = withWeights(0);
    await frozen.load();
    const { images } = await loadImages([`${EMOJI_DIR}1f3c0.png`], frozen.frontEnd);
    const real = toImageBatch(images).pixels;
    const noise = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
    const pixels = tf.concat([real, noise]) as tf.Tensor4D;
    real.dispose();
    const ref = frozen.encode({ pixels });
    for (const k of [1, 2]) {
      const { enc, store } = withWeights(k);
      await enc.load();
      await expectNoLeaks(() => {
        // Random variables: not yet the network.
        const untrained = enc.encode({ pixels });
        expect(maxDiff(untrained.states, ref.states)).toBeGreaterThan(0.1);
        enc.initFromPretrained();
        const out = enc.encode({ pixels });
        expect(maxDiff(out.states, ref.states)).toBeLessThan(1e-4);
        expect(maxDiff(out.summary, ref.summary)).toBeLessThan(1e-4);
        // The cache path: extractFeatures gives the frozen node, encode runs the top blocks on it.
        const features = enc.extractFeatures(pixels);
        expect(features.shape).toEqual([2, ...enc.featureShape]);
        const fromCache = enc.encode({ features });
        expect(maxDiff(fromCache.states, ref.states)).toBeLessThan(1e-4);
        tf.dispose([untrained, out, features, fromCache]);
      });
      store.dispose();
    }
    expect(tf.tidy(() => ref.states.max().dataSync()[0]!)).toBeGreaterThan(0.5);
    tf.dispose([ref, pixels, noise]);
  });

  it('with a palette, k = 2 caches the shares on the 14x14 grid and encodes them averaged onto the 7x7 output, as k = 0 does', async () => {
    const { enc: frozen } = withWeights(0, 1, 'skin-tones');
    await frozen.load();
    const { images } = await loadImages([`${EMOJI_DIR}1f44d-1f3fc.png`, `${EMOJI_DIR}1f9d1-1f3ff.png`], frozen.frontEnd);
    const { pixels } = toImageBatch(images);
    const ref = frozen.encode({ pixels });
    const { enc, store } = withWeights(2, 1, 'skin-tones');
    await enc.load();
    enc.initFromPretrained();
    await expectNoLeaks(() => {
      const features = enc.extractFeatures(pixels);
      expect(features.shape).toEqual([2, 196, 133]);
      const fromCache = enc.encode({ features });
      const fromPixels = enc.encode({ pixels });
      expect(fromCache.states.shape).toEqual([2, 49, 261]);
      expect(maxDiff(fromCache.states, ref.states)).toBeLessThan(1e-4);
      expect(maxDiff(fromPixels.states, ref.states)).toBeLessThan(1e-4);
      tf.dispose([features, fromCache, fromPixels]);
    });
    store.dispose();
    tf.dispose([ref, pixels]);
  });

  it('a restored checkpoint keeps its trained top blocks through load() (load never re-initialises)', async () => {
    const { enc, store } = withWeights(1, 3);
    await enc.load();
    enc.initFromPretrained();
    // Stand-in for training: move every variable away from the pretrained values.
    for (const [, v] of store.trainable()) tf.tidy(() => v.assign(tf.add(v, tf.randomNormal(v.shape, 0, 0.05, 'float32', 10))));
    const dir = `${tempDir()}/ckpt`;
    await saveCheckpoint(dir, { store, encoder: enc, decoder: { kind: 'none', config: {} } });
    const { config, weights } = await loadCheckpoint(dir);
    const fresh = ParamStore.create(2);
    const again = encoders.get(config.encoder.kind)(config.encoder.config, fresh.scope('encoder')) as MobileNetEncoder;
    restoreInto(fresh, weights); // what core loadModel does: restore, then load
    await again.load();
    const { enc: pretrained, store: pStore } = withWeights(1, 4);
    await pretrained.load();
    pretrained.initFromPretrained();
    const pixels = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    await expectNoLeaks(() => {
      const [a, b, p] = [enc, again, pretrained].map((e) => e.encode({ pixels }));
      expect(maxDiff(a!.states, b!.states)).toBe(0);
      expect(maxDiff(b!.states, p!.states)).toBeGreaterThan(1e-3);
      tf.dispose([a, b, p]);
    });
    tf.dispose([pixels, ...weights.values()]);
    [store, fresh, pStore].forEach((s) => s.dispose());
  });
});
