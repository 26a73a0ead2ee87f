import * as tf from '@tensorflow/tfjs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { tinyModel } from '../training/tiny-model.test-helper.js';
import { atomicWriteDir, recoverAtomicDir } from './atomic.js';
import { loadCheckpoint } from './load.js';
import { saveModel } from './save.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ckpt-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a failure during save leaves the old checkpoint intact and no temporary directory', async () => {
  const before = tf.memory().numTensors;
  const ck = join(dir, 'last');
  const a = tinyModel(1);
  await saveModel(ck, a, { task: { version: 'old' } });
  const oldBin = await readFile(join(ck, 'weights.bin'));
  const b = tinyModel(2);
  // A BigInt cannot be serialised: config.json fails after weights.bin was already written.
  const bad = { version: 'new', count: 1n } as unknown as JsonObject;
  await expect(saveModel(ck, b, { task: bad })).rejects.toThrow(/BigInt/);
  expect(await readdir(dir)).toEqual(['last']);
  expect((await readFile(join(ck, 'weights.bin'))).equals(oldBin)).toBe(true);
  const loaded = await loadCheckpoint(ck);
  expect(loaded.config.task).toEqual({ version: 'old' });
  tf.dispose([...loaded.weights.values()]);

  // A successful save replaces it completely.
  await saveModel(ck, b, { task: { version: 'new' } });
  expect(await readdir(dir)).toEqual(['last']);
  expect((await readFile(join(ck, 'weights.bin'))).equals(oldBin)).toBe(false);
  const again = await loadCheckpoint(ck);
  expect(again.config.task).toEqual({ version: 'new' });
  tf.dispose([...again.weights.values()]);
  a.store.dispose();
  b.store.dispose();
  expect(tf.memory().numTensors).toBe(before);
});

it('replaces stale files: the new directory has exactly what was written', async () => {
  const target = join(dir, 'x');
  await atomicWriteDir(target, async (write) => {
    await write('a.txt', 'A');
    await write('b.txt', 'B');
  });
  await atomicWriteDir(target, async (write) => write('c.txt', 'C'));
  expect(await readdir(target)).toEqual(['c.txt']);
  expect(await readdir(dir)).toEqual(['x']);
});

it('recoverAtomicDir undoes a swap killed between its renames and removes other leftovers', async () => {
  const ck = join(dir, 'best');
  const m = tinyModel(1);
  await saveModel(ck, m);
  m.store.dispose();
  const bin = await readFile(join(ck, 'weights.bin'));
  await rename(ck, join(dir, '.best.tmp-0a.old'));
  await mkdir(join(dir, '.best.tmp-0a'));
  await mkdir(join(dir, '.best.tmp-0b'));
  const done = await recoverAtomicDir(ck);
  expect(done[0]).toMatch(/restored .*best' from .*\.best\.tmp-0a\.old/);
  expect(await readdir(dir)).toEqual(['best']);
  expect((await readFile(join(ck, 'weights.bin'))).equals(bin)).toBe(true);
  expect(await recoverAtomicDir(ck)).toEqual([]);
});

it('checkpoint directories get the umask like any other directory (not mkdtemp\'s 0700)', async () => {
  const m = tinyModel(1);
  await saveModel(join(dir, 'ck'), m);
  m.store.dispose();
  await mkdir(join(dir, 'plain'));
  expect((await stat(join(dir, 'ck'))).mode & 0o777).toBe((await stat(join(dir, 'plain'))).mode & 0o777);
});
