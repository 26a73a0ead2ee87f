import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type Decoder, type Encoder, encoderOutput, gatherEncoderOutput } from './contract.js';
import { ParamStore } from './params.js';
import { Seq2Seq } from './seq2seq.js';

const ids = (rows: number[][]) => tf.tensor2d(rows, undefined, 'int32');

// Core's tests count tensors themselves (@seq2seq/testing depends on core).
async function expectNoLeaks(fn: () => void): Promise<void> {
  const before = tf.memory().numTensors;
  fn();
  expect(tf.memory().numTensors - before).toBe(0);
}

describe('EncoderOutput.sourceTokens', () => {
  it('encoderOutput passes it through, and checks its shape and dtype', async () => {
    const states = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const good = ids([[4, -1, 5], [6, 7, -1]]);
    const wrongShape = ids([[4, 5], [6, 7]]);
    const wrongType = tf.zeros([2, 3]) as tf.Tensor2D;
    await expectNoLeaks(() => {
      const enc = encoderOutput({ states, sourceTokens: good });
      expect(enc.sourceTokens).toBe(good);
      const plain = encoderOutput({ states });
      expect('sourceTokens' in plain).toBe(false);
      tf.dispose([enc.mask, enc.summary, plain.mask, plain.summary]);
      expect(() => encoderOutput({ states, sourceTokens: wrongShape })).toThrow(/sourceTokens must be \[2, 3\] int32, got \[2,2\] int32/);
      expect(() => encoderOutput({ states, sourceTokens: wrongType })).toThrow(/sourceTokens must be \[2, 3\] int32, got \[2,3\] float32/);
    });
    tf.dispose([states, good, wrongShape, wrongType]);
  });

  it('gatherEncoderOutput gathers it with the other rows', async () => {
    const enc = tf.tidy(() => encoderOutput({ states: tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1) as tf.Tensor3D, sourceTokens: ids([[4, -1, 5], [6, 7, -1]]) }));
    await expectNoLeaks(() => {
      const g = tf.tidy(() => gatherEncoderOutput(enc, tf.tensor1d([1, 1, 0], 'int32')));
      expect(g.sourceTokens!.arraySync()).toEqual([[6, 7, -1], [6, 7, -1], [4, -1, 5]]);
      tf.dispose(g);
      const bare = tf.tidy(() => gatherEncoderOutput({ states: enc.states, mask: enc.mask, summary: enc.summary }, tf.tensor1d([0], 'int32')));
      expect(bare.sourceTokens).toBeUndefined();
      tf.dispose(bare);
    });
    tf.dispose(enc);
  });

  it("Seq2Seq's width projection keeps it", async () => {
    const store = ParamStore.create(1);
    const encoder: Encoder<number[][]> = {
      kind: 'test-tokens',
      outputDim: 3,
      encode: (rows) => tf.tidy(() => encoderOutput({ states: tf.ones([rows.length, rows[0]!.length, 3]) as tf.Tensor3D, sourceTokens: ids(rows) })),
      config: () => ({}),
    };
    const decoder = { kind: 'test', inputDim: 5, vocabSize: 9 } as unknown as Decoder;
    const model = new Seq2Seq({ encoder, decoder, store, projectWidth: true });
    await expectNoLeaks(() => {
      // Inside tidy, as callers do: encode leaves the unprojected output to the enclosing scope.
      const enc = tf.tidy(() => model.encode([[4, 5], [-1, 6]]));
      expect(enc.states.shape).toEqual([2, 2, 5]);
      expect(enc.sourceTokens!.arraySync()).toEqual([[4, 5], [-1, 6]]);
      tf.dispose(enc);
    });
    store.dispose();
  });
});
