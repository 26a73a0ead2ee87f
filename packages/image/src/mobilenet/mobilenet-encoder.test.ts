import * as tf from '@tensorflow/tfjs';
import { encoders } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { toImageBatch } from '../batch.js';
import { loadImages } from '../front-end.js';
import '../index.js';
import { EMOJI_DIR, haveMobileNet, MOBILENET_DIR } from '../shared-data.test-helper.js';
import { tempDir } from '../test-images.test-helper.js';
import { MobileNetEncoder, loadMobileNetEncoder } from './mobilenet-encoder.js';
import { MOBILENET_DIR_ENV, resolveModelDir } from './model-dir.js';

const num = (f: () => tf.Tensor): number => tf.tidy(() => f().dataSync()[0]!);

describe('MobileNetEncoder without weights', () => {
  it('is registered, rebuilds from a JSON config that holds no path, and passes cached features through', async () => {
    const enc = encoders.get('mobilenet')({ version: 1, alpha: 0.25 }, undefined as never) as MobileNetEncoder;
    expect(enc.kind).toBe('mobilenet');
    expect(enc.outputDim).toBe(256);
    expect(enc.config()).toEqual({ version: 1, alpha: 0.25, fineTuneBlocks: 0 });
    expect(JSON.stringify(enc.config())).not.toContain('/');
    expect(enc.loaded).toBe(false);
    const features = tf.randomUniform([2, 49, 256], 0, 6, 'float32', 3) as tf.Tensor3D;
    await expectNoLeaks(async () => {
      const out = enc.encode({ features });
      expect(out.states.shape).toEqual([2, 49, 256]);
      expect(await out.mask.data()).toEqual(new Float32Array(98).fill(1));
      expect(out.summary.shape).toEqual([2, 256]);
      expect(num(() => tf.max(tf.abs(tf.sub(out.states, features))))).toBe(0);
      expect(num(() => tf.max(tf.abs(tf.sub(out.summary, features.mean(1)))))).toBeLessThan(1e-5);
      tf.dispose(out);
    });
    const wrong = tf.zeros([1, 49, 255]) as tf.Tensor3D;
    expect(() => enc.encode({ features: wrong })).toThrow(/\[B, S, 256\]/);
    const px = tf.zeros([1, 224, 224, 3]) as tf.Tensor4D;
    expect(() => enc.encode({ pixels: px })).toThrow(/not loaded.*await encoder.load\(\)/);
    tf.dispose([features, wrong, px]);
  });

  it('appends palette channels: wider output, the palette in its config, cached features split and passed through', async () => {
    const enc = encoders.get('mobilenet')({ version: 1, alpha: 0.25, palette: 'skin-tones' }, undefined as never) as MobileNetEncoder;
    expect(enc.outputDim).toBe(261);
    expect(enc.config()).toEqual({ version: 1, alpha: 0.25, fineTuneBlocks: 0, palette: 'skin-tones' });
    expect(enc.featureKey()).toMatchObject({ palette: 'skin-tones' });
    const features = tf.randomUniform([2, 49, 261], 0, 1, 'float32', 4) as tf.Tensor3D;
    await expectNoLeaks(async () => {
      const out = enc.encode({ features });
      expect(out.states.shape).toEqual([2, 49, 261]);
      expect(num(() => tf.max(tf.abs(tf.sub(out.states, features))))).toBe(0);
      tf.dispose(out);
    });
    const plain = tf.zeros([1, 49, 256]) as tf.Tensor3D;
    expect(() => enc.encode({ features: plain })).toThrow(/\[B, S, 261\] \(the Conv2d_13_pointwise grid \+ 5 skin-tones palette channels\)/);
    expect(() => new MobileNetEncoder({ palette: 'sepia' })).toThrow(/unknown palette 'sepia'/);
    tf.dispose([features, plain]);
  });

  it('refuses bad fine-tuning depths and unknown variants clearly', () => {
    for (const k of [-1, 8, 1.5, Number.NaN]) expect(() => new MobileNetEncoder({ fineTuneBlocks: k })).toThrow(/fineTuneBlocks must be an integer from 0 \(frozen\) to 7/);
    expect(() => new MobileNetEncoder({ fineTuneBlocks: 2 })).toThrow(/fineTuneBlocks 2 needs a ParamStore/);
    expect(() => new MobileNetEncoder({ alpha: 0.3 as 0.25 })).toThrow(/alpha must be/);
    expect(() => new MobileNetEncoder({ version: 2 as 1 })).toThrow(/version 1 only/);
  });

  it('resolves the model dir from the option, then the environment, then the shared copy', () => {
    const empty = tempDir();
    expect(() => resolveModelDir({ modelDir: empty, version: 1, alpha: 0.25 })).toThrow(/no MobileNet model.json in/);
    const saved = process.env[MOBILENET_DIR_ENV];
    try {
      process.env[MOBILENET_DIR_ENV] = empty;
      expect(() => resolveModelDir({ version: 1, alpha: 0.25 })).toThrow(new RegExp(empty));
      delete process.env[MOBILENET_DIR_ENV];
      expect(resolveModelDir({ version: 1, alpha: 0.5 })).toBeUndefined(); // hosted weights
      if (haveMobileNet) expect(resolveModelDir({ version: 1, alpha: 0.25 })).toBe(`${MOBILENET_DIR}/graph`);
    } finally {
      if (saved === undefined) delete process.env[MOBILENET_DIR_ENV];
      else process.env[MOBILENET_DIR_ENV] = saved;
    }
  });
});

describe.skipIf(!haveMobileNet)('MobileNetEncoder on the shared weights', () => {
  it('encodes real emoji into a [B, 49, 256] grid whose mean is the network embedding', async () => {
    const enc = await loadMobileNetEncoder({}, { modelDir: MOBILENET_DIR });
    const { images } = await loadImages([`${EMOJI_DIR}1f3c0.png`, `${EMOJI_DIR}1f34c.png`], enc.frontEnd);
    const { pixels } = toImageBatch(images);
    await expectNoLeaks(async () => {
      const out = enc.encode({ pixels }, { training: true });
      expect(out.states.shape).toEqual([2, 49, 256]);
      expect(out.summary.shape).toEqual([2, 256]);
      expect(await out.mask.data()).toEqual(new Float32Array(98).fill(1));
      // Relu6 range, and real activity.
      expect(num(() => out.states.min())).toBeGreaterThanOrEqual(0);
      expect(num(() => out.states.max())).toBeLessThanOrEqual(6);
      expect(num(() => out.summary.mean())).toBeGreaterThan(0.01);
      // @tensorflow-models/mobilenet's own embedding (global pool) equals our summary.
      const diff = num(() => tf.max(tf.abs(tf.sub(enc.net.infer(tf.mul(pixels, 255), true), out.summary))));
      expect(diff).toBeLessThan(1e-4);
      tf.dispose(out);
    });
    // A trainable head over the frozen graph: gradients reach the head, the graph needs none.
    const head = tf.variable(tf.ones([256, 1]));
    await expectNoLeaks(() => {
      const { grads, value } = tf.variableGrads(() => tf.sum(tf.matMul(enc.encode({ pixels }).summary, head)) as tf.Scalar, [head]);
      expect(num(() => tf.sum(tf.abs(grads[head.name]!)))).toBeGreaterThan(0);
      tf.dispose([grads, value]);
    });
    head.dispose();
    // The basketball emoji is classified as one (ImageNet top-1).
    const ball = tf.tidy(() => tf.mul(pixels.slice([0, 0, 0, 0], [1, 224, 224, 3]).squeeze([0]), 255)) as tf.Tensor3D;
    const [top] = await enc.net.classify(ball, 1);
    expect(top?.className).toBe('basketball');
    tf.dispose([pixels, ball]);
  });

  it('with a palette, pixels and their cached features encode alike, and a toned emoji lights its tone', async () => {
    const enc = await loadMobileNetEncoder({ palette: 'skin-tones' }, { modelDir: MOBILENET_DIR });
    // thumbs up: medium-dark skin tone, and the plain (yellow) thumbs up
    const { images } = await loadImages([`${EMOJI_DIR}1f44d-1f3fe.png`, `${EMOJI_DIR}1f44d.png`], enc.frontEnd);
    const { pixels } = toImageBatch(images);
    await expectNoLeaks(async () => {
      const a = enc.encode({ pixels });
      const features = enc.extractFeatures(pixels);
      const b = enc.encode({ features });
      expect(a.states.shape).toEqual([2, 49, 261]);
      expect(num(() => tf.max(tf.abs(tf.sub(a.states, b.states))))).toBeLessThan(1e-5);
      const shares = tf.tidy(() => tf.sum(a.states.slice([0, 0, 256], [2, 49, 5]), 1).arraySync()) as number[][];
      expect(shares[0]!.indexOf(Math.max(...shares[0]!))).toBe(3); // medium-dark
      expect(Math.max(...shares[1]!)).toBeLessThan(shares[0]![3]! / 10);
      tf.dispose([a, b, features]);
    });
    pixels.dispose();
  });
});
