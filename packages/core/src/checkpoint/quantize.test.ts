import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyPairs, makeBatch, maxWeightDiff, registerTinyModel, tinyModel, type TinyBatch } from '../training/tiny-model.test-helper.js';
import { loadModel } from './build.js';
import { packCheckpoint } from './pack.js';
import { float32ToFloat16, quantizeUint8 } from './quantize.js';
import { saveModel } from './save.js';
import { manifestWeightsDtype } from './weights-io.js';

const halfToFloat = (h: Uint16Array) =>
  (tf.io.decodeWeights(h.slice().buffer, [{ name: 'x', shape: [h.length], dtype: 'float32', quantization: { dtype: 'float16' } }]).x as tf.Tensor).dataSync() as Float32Array;

describe('float16 encoding', () => {
  it('round-trips within half precision and keeps special values', () => {
    const values = new Float32Array([0, -0, 1, -1, 0.1, 65504, 1e5, -1e5, 6e-8, 1e-9, 3.14159, Infinity, -Infinity, 2049, 2051]);
    const back = halfToFloat(float32ToFloat16(values));
    expect(back[2]).toBe(1);
    expect(Math.abs(back[4]! - 0.1)).toBeLessThan(0.1 * 2 ** -11);
    expect(back[5]).toBe(65504);
    expect(back[6]).toBe(Infinity); // overflow
    expect(back[7]).toBe(-Infinity);
    expect(back[8]).toBeCloseTo(5.96e-8, 9); // smallest subnormal
    expect(back[9]).toBe(0);
    expect(back[11]).toBe(Infinity);
    expect(back[12]).toBe(-Infinity);
    expect(back[13]).toBe(2048); // ties round to even
    expect(back[14]).toBe(2052);
    const nan = halfToFloat(float32ToFloat16(new Float32Array([NaN])));
    expect(Number.isNaN(nan[0])).toBe(true);
  });

  it('has relative error below 2^-11 on random normal weights', () => {
    const values = tf.tidy(() => tf.randomNormal([5000], 0, 0.3, 'float32', 7).dataSync() as Float32Array);
    const back = halfToFloat(float32ToFloat16(values));
    let worst = 0;
    values.forEach((v, i) => {
      if (Math.abs(v) > 1e-4) worst = Math.max(worst, Math.abs(back[i]! - v) / Math.abs(v));
    });
    expect(worst).toBeLessThanOrEqual(2 ** -11);
    expect(worst).toBeGreaterThan(0);
  });
});

describe('uint8 encoding', () => {
  it('is within half a step everywhere and keeps zero exact', () => {
    const values = new Float32Array([-0.7, -0.2, 0, 0.05, 0.31, 1.3]);
    const { data, min, scale } = quantizeUint8(values);
    expect(scale).toBeCloseTo(2 / 255, 6);
    values.forEach((v, i) => {
      const back = data[i]! * scale + min;
      expect(Math.abs(back - v)).toBeLessThanOrEqual(scale / 2 + 1e-6);
    });
    expect(Math.abs(data[2]! * scale + min)).toBeLessThan(1e-7);
    expect(quantizeUint8(new Float32Array([0, 0])).scale).toBe(1);
  });
});

describe('packed checkpoints', () => {
  let dir: string;
  beforeEach(async () => {
    registerTinyModel();
    dir = await mkdtemp(join(tmpdir(), 'pack-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const dtype of ['float16', 'uint8'] as const) {
    it(`${dtype}: half or a quarter of the bytes, no training state, loads as float32 with close outputs`, async () => {
      const before = tf.memory().numTensors;
      const a = tinyModel(3);
      await saveModel(join(dir, 'full'), a, { training: undefined });
      const { bytes, config } = await packCheckpoint(join(dir, 'full'), join(dir, dtype), dtype);
      expect(config.training).toBeNull();
      expect(config.optimizer).toBeNull();
      const full = (await stat(join(dir, 'full', 'weights.bin'))).size;
      expect((await stat(join(dir, dtype, 'weights.bin'))).size).toBe(bytes);
      expect(bytes).toBe(dtype === 'float16' ? full / 2 : full / 4);
      const manifest = JSON.parse(await readFile(join(dir, dtype, 'weights.json'), 'utf8'));
      expect(manifestWeightsDtype(manifest)).toBe(dtype);
      const { model: b } = await loadModel<TinyBatch>(join(dir, dtype));
      const diff = maxWeightDiff(a, b);
      expect(diff).toBeGreaterThan(0);
      expect(diff).toBeLessThan(dtype === 'float16' ? 2e-3 : 2e-2);
      const batch = makeBatch(copyPairs(3, 1));
      const la = a.loss(batch.input, batch.target);
      const lb = b.loss(batch.input, batch.target);
      expect(Math.abs(la.dataSync()[0]! - lb.dataSync()[0]!)).toBeLessThan(dtype === 'float16' ? 1e-3 : 2e-2);
      tf.dispose([la, lb]);
      batch.dispose();
      a.store.dispose();
      b.store.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses a lying quantization entry and non-finite weights, naming the weight', async () => {
    const before = tf.memory().numTensors;
    const a = tinyModel(3);
    await saveModel(join(dir, 'full'), a);
    a.store.dispose();
    await packCheckpoint(join(dir, 'full'), join(dir, 'q'), 'uint8');
    const file = join(dir, 'q', 'weights.json');
    const good = await readFile(file, 'utf8');
    const edit = async (f: (w: any) => void) => {
      const m = JSON.parse(good);
      f(m[0].weights[0]);
      await writeFile(file, JSON.stringify(m));
    };
    await edit((w) => (w.quantization.scale = -1));
    await expect(loadModel(join(dir, 'q'))).rejects.toThrow(/weight 'encoder\/embedding' is uint8-quantized without a finite min and a positive scale/);
    await edit((w) => (w.quantization = { dtype: 'int4' }));
    await expect(loadModel(join(dir, 'q'))).rejects.toThrow(/unsupported quantization "int4"/);
    await edit((w) => (w.quantization = { dtype: 'float16' })); // 2 bytes a value: the file no longer matches
    await expect(loadModel(join(dir, 'q'))).rejects.toThrow(/weights\.bin has \d+ bytes but the manifest describes/);
    // A NaN in a float32 checkpoint without digests (written before them; with them the SHA-256 fails first).
    const cfgFile = join(dir, 'full', 'config.json');
    const { files: _digests, ...cfg } = JSON.parse(await readFile(cfgFile, 'utf8'));
    await writeFile(cfgFile, JSON.stringify(cfg));
    const bin = await readFile(join(dir, 'full', 'weights.bin'));
    new DataView(bin.buffer, bin.byteOffset).setFloat32(8, NaN, true);
    await writeFile(join(dir, 'full', 'weights.bin'), bin);
    await expect(loadModel(join(dir, 'full'))).rejects.toThrow(/weight 'encoder\/embedding' holds a non-finite value \(NaN\) at index 2/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
