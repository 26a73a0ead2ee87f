// Shared by the PyTorch-twin tests: finding torch, running python/, and computing on the JS side
// what the twin computes (python/seq2seq_torch/parity.py) on the same batch.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { EncoderOutput, Seq2Seq } from '@seq2seq/core';
import { greedy } from '@seq2seq/search';

export const PYTHON = process.env.SEQ2SEQ_PYTHON ?? '/usr/bin/python3';
export const PYTHON_DIR = resolve(import.meta.dirname, '..', 'python');

/** Why the twin tests cannot run here, or undefined when /usr/bin/python3 imports torch. */
export function torchMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) return `${PYTHON} not runnable (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} cannot import torch (install Debian's python3-torch): ${(r.stderr || '').trim().split('\n').pop()}`;
  return undefined;
}

/** Runs python (one thread, python/ on the path, niced); throws with its stderr on failure. */
export function python(args: string[], timeoutMs = 540_000): string {
  const r = spawnSync('nice', ['-n', '15', PYTHON, ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, PYTHONPATH: PYTHON_DIR, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}

/**
 * torchrun of Debian's PyTorch 1.13 under Python 3.11 fails on its default `--redirects 0` (Python
 * 3.11 no longer iterates the zero flag its parser looks up); sending the workers' stderr to log
 * files and teeing it back is the working equivalent. PyTorch >= 2.0 needs none of this.
 */
export const TORCHRUN_REDIRECTS = ['--redirects', '2', '--tee', '2'];

export type BatchJson = { inputs: Record<string, number[][] | number[][][]>; targetIn: number[][]; maxLength: number };

/** JS logits [B, T, V] (flat) and greedy token ids for a batch, through the same calls the apps make. */
export async function jsOutputs<B>(model: Seq2Seq<B>, input: B, targetIn: tf.Tensor2D, maxLength: number): Promise<{ logits: Float32Array; shape: number[]; greedy: number[][] }> {
  const logits = model.logits(input, targetIn);
  const out = { logits: logits.dataSync() as Float32Array, shape: logits.shape as number[] };
  logits.dispose();
  const enc: EncoderOutput = model.encode(input);
  const memory = model.decoder.prepare(enc);
  const hyps = await greedy(model.decoder, memory, { maxLength, batchSize: enc.states.shape[0] });
  tf.dispose([enc as unknown as tf.TensorContainer, memory]);
  return { ...out, greedy: hyps.map((h) => [...h.tokens]) };
}

export type TorchResult = { logits: number[]; shape: number[]; greedy: number[][]; margins: number[] };

/** Runs the twin on each job's batch in one Python process (parity.py --jobs). */
export function torchOutputs(jobs: { model: string; batch: BatchJson; resave?: string }[], work: string): TorchResult[] {
  const jobsFile = join(work, 'jobs.json');
  const outFile = join(work, 'results.json');
  writeFileSync(jobsFile, JSON.stringify(jobs));
  python(['-m', 'seq2seq_torch.parity', '--jobs', jobsFile, '--out', outFile]);
  return JSON.parse(readFileSync(outFile, 'utf8')) as TorchResult[];
}

/**
 * Greedy outputs must be identical except where a step's best and second-best log-probabilities
 * are closer than float32 rounding of the two implementations (~1e-6; counted, and bounded by the
 * caller). Returns the rows that differ and their margins.
 */
export function greedyMismatches(js: number[][], py: TorchResult): { row: number; margin: number }[] {
  return js.flatMap((tokens, i) => (JSON.stringify(tokens) === JSON.stringify(py.greedy[i]) ? [] : [{ row: i, margin: py.margins[i]! }]));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function to2d(t: tf.Tensor): number[][] {
  return t.arraySync() as number[][];
}
