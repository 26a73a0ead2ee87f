import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerTinyModel, tinyModel } from '../training/tiny-model.test-helper.js';
import { fetchCheckpoint, type FetchLike } from './fetch.js';
import { loadCheckpoint } from './load.js';
import { modelFromCheckpoint } from './model-from-checkpoint.js';
import { saveModel } from './save.js';

// fetchCheckpoint is what the web page loads models with; here its "server" is a fetch that reads
// the checkpoint directory, so the same files are compared with loadCheckpoint's result.
let dir: string;
let ck: string;
let before: number;
const served: string[] = [];
const fromDisk: FetchLike = async (url) => {
  served.push(url);
  const file = join(ck, url.replace('http://test/ck/', ''));
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { 'content-length': String(body.byteLength) } });
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
};

beforeEach(async () => {
  registerTinyModel();
  dir = await mkdtemp(join(tmpdir(), 'ckpt-fetch-'));
  ck = join(dir, 'ck');
  const m = tinyModel(3);
  await saveModel(ck, m, { weightsDtype: 'float16' });
  m.store.dispose();
  served.length = 0;
  before = tf.memory().numTensors;
});
afterEach(async () => {
  expect(tf.memory().numTensors).toBe(before);
  await rm(dir, { recursive: true, force: true });
});

describe('fetchCheckpoint', () => {
  it('gives the weights loadCheckpoint reads, verified, with progress, and rebuilds the model', async () => {
    const progress: number[] = [];
    const got = await fetchCheckpoint('http://test/ck', { fetch: fromDisk, onProgress: (n) => progress.push(n) });
    const disk = await loadCheckpoint(ck, { optimizer: false });
    expect(got.verified).toBe(true);
    expect(served).toEqual(['http://test/ck/config.json', 'http://test/ck/weights.json', 'http://test/ck/weights.bin']);
    expect(progress.at(-1)).toBe((await readFile(join(ck, 'weights.bin'))).byteLength);
    expect([...got.weights.keys()]).toEqual([...disk.weights.keys()]);
    for (const [name, t] of disk.weights) expect(await got.weights.get(name)!.data()).toEqual(await t.data());
    const { model } = await modelFromCheckpoint(got, 'fetched');
    const vars = model.store.entries();
    expect(vars.map(([name]) => name).sort()).toEqual([...disk.weights.keys()].sort());
    for (const [name, v] of vars) expect(await v.data()).toEqual(await disk.weights.get(name)!.data());
    tf.dispose([...disk.weights.values()]);
    model.store.dispose();
  });

  it('names the missing file and the HTTP status', async () => {
    await rm(join(ck, 'weights.json'));
    await expect(fetchCheckpoint('http://test/ck/', { fetch: fromDisk })).rejects.toThrow("cannot fetch checkpoint 'http://test/ck/': weights.json: HTTP 404 Not Found");
  });

  it('refuses a flipped bit by its SHA-256 and a truncated weights.bin by its size', async () => {
    const bin = await readFile(join(ck, 'weights.bin'));
    bin[7] = bin[7]! ^ 1;
    await writeFile(join(ck, 'weights.bin'), bin);
    await expect(fetchCheckpoint('http://test/ck', { fetch: fromDisk })).rejects.toThrow(/weights\.bin does not match its SHA-256/);
    await writeFile(join(ck, 'weights.bin'), bin.subarray(0, 10));
    await expect(fetchCheckpoint('http://test/ck', { fetch: fromDisk })).rejects.toThrow(/weights\.bin has 10 bytes but the manifest describes/);
  });
});
