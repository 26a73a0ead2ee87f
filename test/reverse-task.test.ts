// End to end: the text pipeline learns to reverse short digit sequences, exactly, on held-out inputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@seq2seq/core';
import { generate, loadTextModel, textModelDefaults, textTrainDefaults, trainTextModel } from '@seq2seq/text2text';
import { describe, expect, it } from 'vitest';

function reversePairs(n: number, seed: number): { source: string; target: string }[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const len = 2 + Math.floor(rand() * 4);
    const xs = Array.from({ length: len }, () => String(Math.floor(rand() * 10)));
    return { source: xs.join(' '), target: [...xs].reverse().join(' ') };
  });
}

describe('reverse task', () => {
  it('learns to reverse digit sequences to 100% exact match on held-out inputs', async () => {
    const train = reversePairs(1500, 1);
    const seen = new Set(train.map((p) => p.source));
    const heldOut = reversePairs(400, 2).filter((p) => !seen.has(p.source)).slice(0, 100);
    expect(heldOut.length).toBe(100);
    const out = join(mkdtempSync(join(tmpdir(), 'reverse-')), 'run');
    const before = tf.memory().numTensors;
    const logs: string[] = [];
    // Input feeding (no longer the default) is what this small model needs to reach 100% in 8 epochs.
    const model = { ...textModelDefaults, inputFeeding: true, tokenizer: 'word' as const, vocabSize: 0, embeddingDim: 16, encoderUnits: 32, decoderUnits: 64, dropout: 0, labelSmoothing: 0 };
    const training = { ...textTrainDefaults, epochs: 8, batchTokens: 400, learningRate: 0.01, warmupSteps: 20, validateSize: 100, patience: 0 };
    const exact = (hyps: string[], refs: string[]) => (100 * hyps.filter((h, i) => h === refs[i]).length) / hyps.length;
    await trainTextModel({ outDir: out, train, valid: heldOut.slice(0, 50), model, training, metric: { name: 'exact', higherIsBetter: true, compute: exact }, task: { app: 'test' }, log: (l) => logs.push(l) });
    process.stderr.write(`${logs.slice(-3).join('\n')}\n`);
    expect(tf.memory().numTensors).toBe(before);
    const loaded = await loadTextModel(join(out, 'best'), 'test');
    const hyps = (await generate(loaded.model, loaded.fields, heldOut.map((p) => p.source), { beam: 1 })).map((n) => n[0]!.text);
    expect(exact(hyps, heldOut.map((p) => p.target))).toBe(100);
    const beam = (await generate(loaded.model, loaded.fields, heldOut.map((p) => p.source), { beam: 3 })).map((n) => n[0]!.text);
    expect(exact(beam, heldOut.map((p) => p.target))).toBe(100);
    loaded.model.store.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 400_000);
});
