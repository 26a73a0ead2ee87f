// kill -9 during training, again and again (often right in the middle of writing a checkpoint):
// every restart continues the run, no checkpoint is ever unreadable, and best/ never gets worse.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadCheckpoint } from '@seq2seq/core';
import { describe, expect, it } from 'vitest';
import { root, runBin, tempDir, TINY_TRANSLATE, writeTranslateCorpus } from './helpers.js';

const bin = join(root, 'apps', 'translate', 'bin', 'translate.js');

/** Starts a trainer and SIGKILLs it `delayMs` after its `killAt`-th validation line. */
function trainAndKill(args: string[], killAt: number, delayMs: number): Promise<{ killed: boolean; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!armed && (err.match(/validation at step/g) ?? []).length >= killAt) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('close', (_code, signal) => resolve({ killed: signal === 'SIGKILL', err }));
  });
}

/** Loads a checkpoint completely (digests, shapes, finite weights) and returns its training state. */
async function readable(dir: string): Promise<{ step: number; bestMetric: number | null }> {
  const ck = await loadCheckpoint(dir);
  tf.dispose([...ck.weights.values(), ...(ck.optimizerState?.tensors.values() ?? [])]);
  return { step: ck.config.training!.step, bestMetric: ck.config.training!.bestMetric };
}

describe('kill -9 loop over a tiny training run', () => {
  it('never loses the run, never leaves an unreadable checkpoint, never lowers best/', async () => {
    const dir = tempDir('kill');
    const train = writeTranslateCorpus(dir);
    const out = join(dir, 'run');
    // --patience 0: a tiny model's BLEU stays 0, and early stopping would end a round before its kill.
    const args = ['train', '--out', out, '--train', train, '--valid', train, '--epochs', '1000', '--validate-every', '2', '--validate-size', '8', '--batch-tokens', '40', '--patience', '0', ...TINY_TRANSLATE.filter((a, i, all) => a !== '--batch-tokens' && all[i - 1] !== '--batch-tokens')];
    // Seeded, so a failure can be replayed.
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let best = -Infinity;
    let lastStep = 0;
    for (let round = 0; round < 4; round++) {
      // last/, or the copy of it that a kill in the middle of its swap left (restored at start).
      const resume = existsSync(join(out, 'last', 'config.json')) || (existsSync(out) && readdirSync(out).some((e) => e.startsWith('.last.tmp-') && e.endsWith('.old')));
      const flags = round === 0 ? [] : resume ? ['--resume'] : ['--overwrite'];
      // Killed before its first last/: nothing to resume, so the run starts again (deleting best/).
      if (flags[0] === '--overwrite') best = -Infinity;
      const r = await trainAndKill([...args, ...flags], 1 + Math.floor(random() * 2), Math.floor(random() * 40));
      expect(r.killed, r.err).toBe(true);
      if (round > 0 && resume) expect(r.err).toMatch(/resumed from .*last at step/);
      if (round > 0) expect(r.err).toMatch(/taking over the stale lock/);
      // Whatever the kill interrupted, what is on disk is complete (a swap in flight is repaired by the next start).
      for (const name of ['best', 'last']) {
        if (!existsSync(join(out, name))) continue;
        const s = await readable(join(out, name));
        if (name === 'best') {
          expect(s.bestMetric!).toBeGreaterThanOrEqual(best);
          best = s.bestMetric!;
        } else {
          expect(s.step).toBeGreaterThanOrEqual(lastStep);
          lastStep = s.step;
        }
      }
    }
    // A last, clean run resumes and finishes: the directory holds just the run.
    const end = await runBin('translate', [...args.map((a) => (a === '1000' ? '1' : a)), '--resume']);
    expect(end.code, end.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['best', 'last', 'train.jsonl']);
    expect((await readable(join(out, 'best'))).bestMetric!).toBeGreaterThanOrEqual(best);
    expect(lastStep).toBeGreaterThan(0);
    const log = readFileSync(join(out, 'train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; step: number });
    const steps = log.filter((r) => r.type === 'validation').map((r) => r.step);
    // Records written after the checkpoint a kill fell back to are dropped on resume: each step once.
    expect(new Set(steps).size).toBe(steps.length);
  }, 300_000);
});
