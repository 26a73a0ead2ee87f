import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@seq2seq/testing';
import { fakeEncoderOutput, makeDecoder, maxAbsDiff } from './fixtures.test-helper.js';

describe('state and memory', () => {
  it('reorderState/reorderMemory gather rows, and stepping reordered inputs gives reordered outputs', async () => {
    const { decoder, store } = makeDecoder({ attention: 'additive', layers: 2, feedSummary: true });
    const enc = fakeEncoderOutput([4, 2, 3], 4);
    const prev = tf.tensor1d([3, 7, 1], 'int32');
    const index = tf.tensor1d([2, 0, 0, 1], 'int32');
    await expectNoLeaks(() => {
      const memory = decoder.prepare(enc);
      const init = decoder.initState(memory);
      const first = decoder.step(prev, init, memory);
      const state = first.state;
      const moved = decoder.reorderState(state, index);
      expect(moved.h).toHaveLength(2);
      const rowsOf = (t: tf.Tensor) => t.arraySync() as number[][];
      const order = [2, 0, 0, 1];
      for (const key of ['h', 'c'] as const) {
        state[key].forEach((x, l) => expect(rowsOf(moved[key][l]!)).toEqual(order.map((i) => rowsOf(x)[i])));
      }
      expect(rowsOf(moved.feed!)).toEqual(order.map((i) => rowsOf(state.feed!)[i]));

      const movedMemory = decoder.reorderMemory(memory, index);
      expect(movedMemory.states.shape).toEqual([4, 4, 6]);
      expect(Object.keys(movedMemory).sort()).toEqual(Object.keys(memory).sort());
      const movedPrev = tf.gather(prev, index);
      const a = decoder.step(movedPrev, moved, movedMemory);
      const b = decoder.step(prev, state, memory);
      const expectedLp = tf.gather(b.logProbs, index);
      const expectedAtt = tf.gather(b.attention!, index);
      expect(maxAbsDiff(a.logProbs, expectedLp)).toBeLessThan(1e-6);
      expect(maxAbsDiff(a.attention!, expectedAtt)).toBeLessThan(1e-6);
      tf.dispose([memory, init, first, moved, movedMemory, movedPrev, a, b, expectedLp, expectedAtt]);
    });
    tf.dispose([enc, prev, index]);
    store.dispose();
  });

  it('prepare owns its tensors: disposing the memory leaves the encoder output intact', async () => {
    const { decoder, store } = makeDecoder({ attention: 'general' });
    const enc = fakeEncoderOutput([2, 1], 2);
    const memory = await expectNoLeaks(() => decoder.prepare(enc), 4);
    tf.dispose(memory);
    expect(enc.states.isDisposed || enc.mask.isDisposed || enc.summary.isDisposed).toBe(false);
    expect(enc.states.shape).toEqual([2, 2, 6]);
    tf.dispose(enc);
    store.dispose();
  });

  it('bridge zeros starts from zero states; dense from summary', async () => {
    for (const bridge of ['zeros', 'dense'] as const) {
      const { decoder, store } = makeDecoder({ bridge, layers: 2 });
      const enc = fakeEncoderOutput([2, 2], 2);
      await expectNoLeaks(() => {
        const memory = decoder.prepare(enc);
        const s = decoder.initState(memory);
        const total = tf.tidy(() => tf.addN([...s.h, ...s.c].map((x) => tf.sum(tf.abs(x)))).dataSync()[0]!);
        if (bridge === 'zeros') expect(total).toBe(0);
        else expect(total).toBeGreaterThan(0.1);
        tf.dispose([memory, s]);
      });
      tf.dispose(enc);
      store.dispose();
    }
  });
});
