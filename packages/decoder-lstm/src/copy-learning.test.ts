import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Adam, encoderOutput, maskedCrossEntropy, mulberry32, type EncoderOutput } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { makeDecoder } from './fixtures.test-helper.js';

// The task: output the source sequence. Training uses only the frequent tokens; the test sequences
// each hold rare tokens, never seen in a training target, which only copying can produce.
const V = 24;
const SOS = 1;
const EOS = 2;
const FREQUENT = [3, 4, 5, 6, 7, 8, 9, 10, 11];
const RARE = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
const S = 3;
const D = 16;

/** A fixed random "encoder": states = token vector + position vector [B, S, D]; sourceTokens = ids. */
function encode(rows: number[][], tokens: tf.Tensor2D, positions: tf.Tensor2D): EncoderOutput {
  return tf.tidy(() => {
    const ids = tf.tensor2d(rows, [rows.length, S], 'int32');
    const states = tf.add(tf.gather(tokens, ids), positions.expandDims(0)) as tf.Tensor3D;
    return encoderOutput({ states, sourceTokens: ids });
  });
}

function teacher(rows: number[][]) {
  return tf.tidy(() => ({
    targetIn: tf.tensor2d(rows.map((r) => [SOS, ...r]), undefined, 'int32'),
    targetOut: tf.tensor2d(rows.map((r) => [...r, EOS]), undefined, 'int32'),
    mask: tf.ones([rows.length, S + 1]) as tf.Tensor2D,
  }));
}

/** Trains a decoder on frequent-token copies, returns its teacher-forced accuracy on rare and frequent test positions. */
async function trainAndScore(copy: boolean, steps: number): Promise<{ rare: number; frequent: number }> {
  const { decoder, store } = makeDecoder({ vocabSize: V, inputDim: D, embeddingDim: 8, units: 16, attention: 'general', inputFeeding: false, copy }, 31);
  const tokens = tf.randomNormal([V, D], 0, 1, 'float32', 1) as tf.Tensor2D;
  const positions = tf.randomNormal([S, D], 0, 1, 'float32', 2) as tf.Tensor2D;
  const rand = mulberry32(5);
  const pick = (from: number[]) => from[Math.floor(rand() * from.length)]!;
  const adam = new Adam(store);
  const vars = store.trainable();
  await expectNoLeaks(() => {
    for (let i = 0; i < steps; i++) {
      const rows = Array.from({ length: 32 }, () => Array.from({ length: S }, () => pick(FREQUENT)));
      const enc = encode(rows, tokens, positions);
      const t = teacher(rows);
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = decoder.forward(t.targetIn, decoder.prepare(enc));
        return maskedCrossEntropy(logits, t.targetOut, t.mask);
      }, vars.map(([, v]) => v));
      adam.apply(new Map(vars.map(([name, v]) => [name, grads[v.name]!])), 0.02);
      tf.dispose([value, grads, enc, t]);
    }
  });
  // Test rows: one rare token at a random position, the others frequent.
  const rows = Array.from({ length: 60 }, (_, i) => Array.from({ length: S }, (_, j) => (j === i % S ? pick(RARE) : pick(FREQUENT))));
  const enc = encode(rows, tokens, positions);
  const t = teacher(rows);
  const predicted = tf.tidy(() => tf.argMax(decoder.forward(t.targetIn, decoder.prepare(enc)).logits, 2).arraySync() as number[][]);
  const hits = { rare: 0, frequent: 0 };
  const counts = { rare: 0, frequent: 0 };
  rows.forEach((r, b) =>
    r.forEach((id, j) => {
      const kind = RARE.includes(id) ? 'rare' : 'frequent';
      counts[kind]++;
      if (predicted[b]![j] === id) hits[kind]++;
    }),
  );
  tf.dispose([enc, t, tokens, positions]);
  adam.dispose();
  store.dispose();
  return { rare: hits.rare / counts.rare, frequent: hits.frequent / counts.frequent };
}

describe('copy mechanism learning', () => {
  it('copies tokens never seen in training targets, which the plain decoder cannot produce', async () => {
    const steps = 100;
    const plain = await trainAndScore(false, steps);
    const copying = await trainAndScore(true, steps);
    console.log(`rare/frequent accuracy: plain ${plain.rare.toFixed(2)}/${plain.frequent.toFixed(2)}, copy ${copying.rare.toFixed(2)}/${copying.frequent.toFixed(2)}`);
    // Both learned the training task; only the copy model generalises to unseen tokens.
    expect(plain.frequent).toBeGreaterThan(0.9);
    expect(copying.frequent).toBeGreaterThan(0.9);
    expect(plain.rare).toBeLessThan(0.1);
    expect(copying.rare).toBeGreaterThan(0.8);
  });
});
