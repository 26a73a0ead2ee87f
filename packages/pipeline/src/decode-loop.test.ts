import * as tf from '@tensorflow/tfjs';
import { encoderOutput } from '@seq2seq/core';
import { ScriptedDecoder } from '@seq2seq/search';
import { describe, expect, it } from 'vitest';
import { decodeInBatches } from './decode-loop.js';

/** A model whose "encoder" turns a [B, 1] batch into states, and whose decoder is scripted. */
const model = { decoder: new ScriptedDecoder({ vocabSize: 4 }), encode: (b: tf.Tensor2D) => encoderOutput({ states: tf.tidy(() => b.expandDims(2).tile([1, 1, 2])) as tf.Tensor3D }) };

describe('decodeInBatches', () => {
  it('decodes shortest first in batches, skips what it is told to, returns input order and leaks nothing', async () => {
    const lengths = [5, 0, 2, 9, 1];
    const seen: number[][] = [];
    const progress: number[] = [];
    const before = tf.memory().numTensors;
    const out = await decodeInBatches({
      count: lengths.length,
      batchSize: 2,
      lengthOf: (i) => lengths[i]!,
      skip: (i) => lengths[i] === 0,
      models: [model],
      batchesOf: (idx) => [tf.tensor2d(idx.map((i) => [lengths[i]!]))],
      search: async (_decoder, _memory, idx) => {
        seen.push([...idx]);
        return idx.map((i) => [{ tokens: [i], score: -lengths[i]!, logProb: 0, tokenLogProbs: [] }]);
      },
      onProgress: (done) => progress.push(done),
    });
    expect(seen).toEqual([[4, 2], [0, 3]]);
    expect(out.map((l) => l?.[0]?.tokens[0])).toEqual([0, undefined, 2, 3, 4]);
    expect(progress).toEqual([2, 4]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps the input order without lengthOf, and disposes the batch when the search throws', async () => {
    const before = tf.memory().numTensors;
    const order: number[][] = [];
    await decodeInBatches({ count: 3, batchSize: 2, models: [model], batchesOf: (idx) => [tf.zeros([idx.length, 1]) as tf.Tensor2D], search: async (_d, _m, idx) => (order.push([...idx]), idx.map(() => [])) });
    expect(order).toEqual([[0, 1], [2]]);
    await expect(decodeInBatches({ count: 1, batchSize: 1, models: [model], batchesOf: () => [tf.zeros([1, 1]) as tf.Tensor2D], search: () => Promise.reject(new Error('boom')) })).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
  });
});
