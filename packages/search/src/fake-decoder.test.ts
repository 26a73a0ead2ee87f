import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { ScriptedDecoder } from './fake-decoder.js';
import { GREEDY_TRAP, randomFallback } from './scripts.test-helper.js';

describe('ScriptedDecoder', () => {
  it('fills sparse distributions: unlisted tokens share the rest', () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [{ '': { 3: 0.5, 4: 0.2 }, '3': { 2: 0.7, 3: 0.2, 4: 0.1 } }] });
    dec.probabilities(0, []).forEach((p, i) => expect(p).toBeCloseTo([0.075, 0.075, 0.075, 0.5, 0.2, 0.075][i] as number, 12));
    // Rounding leaves 1e-16: unlisted tokens stay impossible.
    expect(dec.probabilities(0, [3])).toEqual([0, 0, 0.7, 0.2, 0.1, 0]);
    expect(dec.probabilities(0, [4])).toEqual([0, 0, 1, 0, 0, 0]);
    expect(() => new ScriptedDecoder({ vocabSize: 3, fallback: () => ({ 0: 0.8, 1: 0.8 }) }).probabilities(0, [])).toThrow(/sums to 1.6/);
  });

  it('steps by prefix, follows reorders, and forward equals a loop of step', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [GREEDY_TRAP], fallback: randomFallback(1, 6) });
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const memory = dec.memory([0, 1]);
        const s0 = dec.initState(memory);
        const a = dec.step(tf.tensor1d([1, 1], 'int32'), s0, memory);
        const b = dec.step(tf.tensor1d([4, 3], 'int32'), a.state, memory);
        const lp = b.logProbs.arraySync();
        expect(lp[0]?.map(Math.exp)[2]).toBeCloseTo(0.9, 6); // sentence 0 after [4]
        expect(lp[1]?.map(Math.exp)[4]).toBeCloseTo(dec.probabilities(1, [3])[4] as number, 6);
        // Swapping rows swaps the prefixes the next step sees.
        const swapped = dec.reorderState(b.state, tf.tensor1d([1, 0], 'int32'));
        const mSwapped = dec.reorderMemory(memory, tf.tensor1d([1, 0], 'int32'));
        const c = dec.step(tf.tensor1d([5, 5], 'int32'), swapped, mSwapped);
        expect(c.logProbs.arraySync()[0]?.map(Math.exp)[3]).toBeCloseTo(dec.probabilities(1, [3, 5])[3] as number, 6);
        const f = dec.forward(tf.tensor2d([[1, 4, 5], [1, 3, 5]], [2, 3], 'int32'), memory);
        const stepped = tf.stack([a.logProbs, b.logProbs, dec.step(tf.tensor1d([5, 5], 'int32'), b.state, memory).logProbs], 1);
        expect(tf.max(tf.abs(tf.sub(tf.exp(f.logits), tf.exp(stepped)))).dataSync()[0]).toBe(0);
        expect(() => dec.step(tf.tensor1d([1], 'int32'), s0, memory)).toThrow(/batch mismatch/);
      });
    });
  });
});
