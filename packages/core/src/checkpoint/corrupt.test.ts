import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParamStore } from '../params.js';
import { registerTinyModel, tinyModel } from '../training/tiny-model.test-helper.js';
import { loadModel } from './build.js';
import { loadCheckpoint } from './load.js';
import { restoreInto } from './restore.js';
import { saveModel } from './save.js';

let dir: string;
let ck: string;
let before: number;
beforeEach(async () => {
  registerTinyModel();
  dir = await mkdtemp(join(tmpdir(), 'ckpt-bad-'));
  ck = join(dir, 'ck');
  const m = tinyModel(1);
  await saveModel(ck, m);
  m.store.dispose();
  before = tf.memory().numTensors;
});
afterEach(async () => {
  // Every failure path releases what it decoded.
  expect(tf.memory().numTensors).toBe(before);
  await rm(dir, { recursive: true, force: true });
});

const editJson = async (file: string, edit: (j: any) => void) => {
  const j = JSON.parse(await readFile(join(ck, file), 'utf8'));
  edit(j);
  await writeFile(join(ck, file), JSON.stringify(j));
};

describe('corrupt checkpoints fail clearly', () => {
  it('truncated weights.bin', async () => {
    await truncate(join(ck, 'weights.bin'), 100);
    await expect(loadModel(ck)).rejects.toThrow(/weights\.bin has 100 bytes but the manifest describes \d+ \(truncated/);
  });

  it('missing file and missing directory', async () => {
    await unlink(join(ck, 'weights.json'));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/corrupt checkpoint .*missing weights\.json/);
    await expect(loadCheckpoint(join(dir, 'nope'))).rejects.toThrow(/no checkpoint at .*nope.*does not exist/);
  });

  it('garbage JSON', async () => {
    await writeFile(join(ck, 'config.json'), '{"format": "seq2seq-checkp');
    await expect(loadCheckpoint(ck)).rejects.toThrow(/config\.json is not valid JSON/);
    await writeFile(join(ck, 'config.json'), '[1, 2]');
    await expect(loadCheckpoint(ck)).rejects.toThrow(/not a JSON object/);
  });

  it('wrong format version and malformed fields', async () => {
    await editJson('config.json', (j) => (j.formatVersion = 99));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/unsupported format version 99 \(this build reads version 1\)/);
    await editJson('config.json', (j) => {
      j.formatVersion = 1;
      j.encoder = { kind: 3 };
    });
    await expect(loadCheckpoint(ck)).rejects.toThrow(/'encoder' must be \{kind: string, config: object\}/);
  });

  it('manifest shape edited: byte length no longer matches', async () => {
    await editJson('weights.json', (j) => (j[0].weights[0].shape = [13, 8]));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/describes \d+/);
    await editJson('weights.json', (j) => (j[0].weights[0].dtype = 'string'));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/unsupported dtype "string"/);
  });

  it('wrong vocabulary size in config: names the first mis-shaped variable before allocating it', async () => {
    await editJson('config.json', (j) => (j.decoder.config.vocabSize = 15));
    await expect(loadModel(ck)).rejects.toThrow(/checkpoint '.*ck': variable 'decoder\/embedding' would be \[15,8\] by config\.json but weights\.json stores \[12,8\]; refusing to allocate/);
  });

  it('a huge vocabulary in config.json fails fast without allocating it', async () => {
    await editJson('config.json', (j) => (j.encoder.config.vocabSize = 5_000_000));
    const t0 = Date.now();
    await expect(loadModel(ck)).rejects.toThrow(/variable 'encoder\/embedding' would be \[5000000,8\]/);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(tf.memory().numBytes).toBeLessThan(10_000_000);
  });

  it('non-regular files are refused unread: a symlink to /dev/zero, a FIFO, a directory', async () => {
    await unlink(join(ck, 'weights.bin'));
    await symlink('/dev/zero', join(ck, 'weights.bin'));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/corrupt checkpoint '.*ck': weights\.bin is not a regular file \(a character device\)/);
    await unlink(join(ck, 'weights.bin'));
    execFileSync('mkfifo', [join(ck, 'weights.bin')]);
    await expect(loadCheckpoint(ck)).rejects.toThrow(/weights\.bin is not a regular file \(a FIFO\)/);
    await unlink(join(ck, 'config.json'));
    await mkdir(join(ck, 'config.json'));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/config\.json is not a regular file \(a directory\)/);
  });

  it('a flipped bit fails its SHA-256; a size unlike config.json\'s record fails before reading', async () => {
    const bin = await readFile(join(ck, 'weights.bin'));
    bin[20] = bin[20]! ^ 0x10;
    await writeFile(join(ck, 'weights.bin'), bin);
    await expect(loadCheckpoint(ck)).rejects.toThrow(/'.*ck': weights\.bin does not match its SHA-256 in config\.json/);
    await writeFile(join(ck, 'weights.json'), `${await readFile(join(ck, 'weights.json'), 'utf8')} `);
    await expect(loadCheckpoint(ck)).rejects.toThrow(/weights\.json has \d+ bytes but config\.json records \d+/);
  });

  it('a checkpoint written before digests existed still loads', async () => {
    await editJson('config.json', (j) => delete j.files);
    const { weights } = await loadCheckpoint(ck);
    expect(weights.size).toBeGreaterThan(0);
    tf.dispose([...weights.values()]);
  });

  it('unknown kind lists the registered ones', async () => {
    await editJson('config.json', (j) => (j.encoder.kind = 'nope'));
    await expect(loadModel(ck)).rejects.toThrow(/unknown encoder 'nope'; known: .*tiny-mean/);
  });

  it('missing and extra variables are listed, and nothing is assigned', async () => {
    const { weights } = await loadCheckpoint(ck);
    const store = ParamStore.create(5);
    const kept = store.variable('encoder/embedding', [12, 8], { kind: 'zeros' });
    store.variable('decoder/extra', [3], { kind: 'zeros' });
    expect(() => restoreInto(store, weights)).toThrow(/missing from checkpoint: decoder\/extra\. not in model: decoder\/embedding, decoder\/lstm\/kernel/);
    expect(tf.tidy(() => tf.sum(tf.abs(kept)).dataSync()[0])).toBe(0);
    store.dispose();
    tf.dispose([...weights.values()]);
  });

  it('optimizer state named in config but files missing', async () => {
    await editJson('config.json', (j) => (j.optimizer = { kind: 'adam', config: { step: 3 } }));
    await expect(loadCheckpoint(ck)).rejects.toThrow(/names optimizer state but optimizer\.json or optimizer\.bin is missing/);
    // Inference loads skip optimizer state entirely.
    const ok = await loadCheckpoint(ck, { optimizer: false });
    tf.dispose([...ok.weights.values()]);
  });
});
