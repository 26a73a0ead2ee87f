// No run is lost or replaced by accident: flags against what OUT holds, the lock, crash leftovers,
// and a resume that never lets a worse model replace best/.
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { copyTaskOptions, tinyModel } from './tiny-model.test-helper.js';
import { LOCK_FILE } from './run-dir.js';
import { train } from './train.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'run-dir-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const bestOf = async (out: string) => JSON.parse(await readFile(join(out, 'best', 'config.json'), 'utf8')).training.bestMetric as number;
const run = async (out: string, extra: Record<string, unknown> = {}) => {
  const m = tinyModel(2);
  try {
    return await train(m, { ...copyTaskOptions(m, out), maxEpochs: 1, ...extra });
  } finally {
    m.store.dispose();
  }
};

it('an existing run needs resume or overwrite; resume needs last/; neither touches best/', async () => {
  const before = tf.memory().numTensors;
  const out = join(root, 'run');
  await run(out);
  const bin = await readFile(join(out, 'best', 'weights.bin'));
  await expect(run(out)).rejects.toThrow(/already holds a training run \(best, last, train.jsonl\): give --resume .* or --overwrite/);
  await expect(run(out, { resume: true, overwrite: true })).rejects.toThrow(/give one of them/);
  expect((await readFile(join(out, 'best', 'weights.bin'))).equals(bin)).toBe(true);
  // A run killed before its first checkpoint: nothing to resume, and an error says so.
  await rm(join(out, 'last'), { recursive: true });
  await expect(run(out, { resume: true })).rejects.toThrow(/nothing to resume .*no last\/ checkpoint .*--overwrite/);
  expect((await readFile(join(out, 'best', 'weights.bin'))).equals(bin)).toBe(true);
  expect((await run(out, { overwrite: true })).step).toBe(8);
  expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  expect(tf.memory().numTensors).toBe(before);
});

it('a live lock refuses a second trainer; a dead trainer\'s lock is taken over', async () => {
  const out = join(root, 'run');
  await mkdir(out);
  await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: 'now' }));
  await expect(run(out)).rejects.toThrow(new RegExp(`in use by another trainer \\(pid ${process.pid} on .*train\\.lock`));
  expect(existsSync(join(out, 'last'))).toBe(false);
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await writeFile(join(out, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), started: 'then' }));
  expect((await run(out)).step).toBe(8);
  expect(existsSync(join(out, LOCK_FILE))).toBe(false);
});

it('after a crash: stale temporaries are removed and a swap killed between its renames is undone', async () => {
  const out = join(root, 'run');
  await run(out, { maxSteps: 5 });
  const lastBin = await readFile(join(out, 'last', 'weights.bin'));
  // Killed between atomicWriteDir's renames: last/ moved away, the new copy not yet in place.
  await rename(join(out, 'last'), join(out, '.last.tmp-abc123.old'));
  await mkdir(join(out, '.last.tmp-abc123'));
  await writeFile(join(out, '.last.tmp-abc123', 'weights.bin'), 'partial');
  await mkdir(join(out, '.best.tmp-def456.old'));
  const lines: string[] = [];
  const m = tinyModel(5);
  const resumed = await train(m, { ...copyTaskOptions(m, out), maxSteps: 5, maxEpochs: 1, resume: true, progress: { write: (t: string) => (lines.push(t), true), isTTY: false } });
  m.store.dispose();
  expect(resumed.step).toBe(5);
  expect(lines.join('')).toMatch(/restored .*last' from .*\.last\.tmp-abc123\.old/);
  expect((await readFile(join(out, 'last', 'weights.bin'))).equals(lastBin)).toBe(true);
  expect((await readdir(out)).sort()).toEqual(['best', 'last', 'train.jsonl']);
});

it('resume keeps a best/ newer than last/ (killed between the two saves): best/ never gets worse', async () => {
  const out = join(root, 'run');
  await run(out, { maxSteps: 12, maxEpochs: 3 });
  const best = await bestOf(out);
  // last/'s record of the best metric is older (worse) than what best/ holds.
  const cfgFile = join(out, 'last', 'config.json');
  const cfg = JSON.parse(await readFile(cfgFile, 'utf8'));
  cfg.training.bestMetric = 1e9;
  await writeFile(cfgFile, JSON.stringify(cfg));
  await run(out, { maxSteps: 14, maxEpochs: 3, resume: true, learningRate: 5 });
  expect(await bestOf(out)).toBeLessThanOrEqual(best);
});

it('last/ is written at every validation, so a kill in the first epoch loses at most one interval', async () => {
  const out = join(root, 'run');
  await expect(run(out, { saveEvery: 1000, validateEvery: 3, onStep: (s: { step: number }) => { if (s.step === 4) throw new Error('killed'); } })).rejects.toThrow('killed');
  expect(JSON.parse(await readFile(join(out, 'last', 'config.json'), 'utf8')).training.step).toBe(3);
  expect(existsSync(join(out, LOCK_FILE))).toBe(false);
});
