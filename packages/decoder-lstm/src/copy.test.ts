import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { encoderOutput } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { copyIds, scatterToVocab } from './copy.js';
import type { LstmDecoder } from './decoder.js';
import { fakeEncoderOutput, greedyStepLoop, makeDecoder, maxAbsDiff, randomTokens, V } from './fixtures.test-helper.js';

// Row 0 repeats id 5 and has a -1 (not in the target vocabulary) at a real position; row 1 has one
// padded position.
const SOURCE = [
  [5, -1, 5, 9],
  [-1, 2, 7, -1],
];
const LENGTHS = [4, 3];

/** Sets the copy gate to w = 0, b = bias, i.e. p_gen = sigmoid(bias) at every step. */
function forceGate(decoder: LstmDecoder, bias: number): void {
  const gate = decoder.params.copyGate!;
  tf.tidy(() => {
    gate.kernel.assign(tf.zerosLike(gate.kernel));
    gate.bias!.assign(tf.fill([1], bias));
  });
}

/** Step log-probabilities [B, T, V] and attention [B, T, S] under teacher forcing. */
function stepLoop(decoder: LstmDecoder, enc: ReturnType<typeof fakeEncoderOutput>, targetIn: tf.Tensor2D) {
  return tf.tidy(() => {
    const memory = decoder.prepare(enc);
    let state = decoder.initState(memory);
    const lps: tf.Tensor2D[] = [];
    const atts: tf.Tensor2D[] = [];
    for (const prev of tf.unstack(targetIn, 1) as tf.Tensor1D[]) {
      const r = decoder.step(prev, state, memory);
      state = r.state;
      lps.push(r.logProbs);
      atts.push(r.attention!);
    }
    return { logProbs: tf.stack(lps, 1) as tf.Tensor3D, attention: tf.stack(atts, 1) as tf.Tensor3D };
  });
}

describe('copy (pointer-generator)', () => {
  it('scatterToVocab equals the one-hot matMul it replaces, in values and gradients', async () => {
    const vocab = 11;
    const weights = tf.randomUniform([2, 3, 4], 0, 1, 'float32', 3) as tf.Tensor3D;
    const source = tf.tensor2d(SOURCE, [2, 4], 'int32');
    const upstream = tf.randomNormal([2, 3, vocab], 0, 1, 'float32', 4) as tf.Tensor3D;
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const enc = encoderOutput({ states: tf.zeros([2, 4, 1]) as tf.Tensor3D, mask: tf.ones([2, 4]) as tf.Tensor2D, summary: tf.zeros([2, 1]) as tf.Tensor2D, sourceTokens: source });
        const ids = copyIds(enc, vocab);
        expect(Array.from(ids.dataSync())).toEqual([5, 11, 5, 9, 11, 2, 7, 11]);
        const valid = tf.cast(tf.greaterEqual(source, 0), 'float32').expandDims(2);
        const oneHot = tf.mul(tf.oneHot(tf.maximum(source, tf.scalar(0, 'int32')) as tf.Tensor2D, vocab), valid) as tf.Tensor3D;
        const viaScatter = (w: tf.Tensor) => tf.sum(tf.mul(scatterToVocab(w as tf.Tensor3D, ids, vocab), upstream));
        const viaMatMul = (w: tf.Tensor) => tf.sum(tf.mul(tf.matMul(w as tf.Tensor3D, oneHot), upstream));
        expect(maxAbsDiff(scatterToVocab(weights, ids, vocab), tf.matMul(weights, oneHot))).toBeLessThan(1e-6);
        // Row 0 position 0 and 2 share id 5: their weights add.
        const out = scatterToVocab(weights, ids, vocab).arraySync();
        const w = weights.arraySync();
        expect(out[0]![1]![5]).toBeCloseTo(w[0]![1]![0]! + w[0]![1]![2]!, 6);
        expect(maxAbsDiff(tf.grad(viaScatter)(weights), tf.grad(viaMatMul)(weights))).toBeLessThan(1e-6);
      });
    });
    tf.dispose([weights, source, upstream]);
  });

  it('forward returns normalised log-probabilities, equal to the step loop and unchanged by logSoftmax', async () => {
    for (const inputFeeding of [true, false]) {
      const { decoder, store } = makeDecoder({ attention: 'general', copy: true, inputFeeding });
      const enc = fakeEncoderOutput(LENGTHS, 4, 3, undefined, SOURCE);
      const targetIn = randomTokens(2, 5, 4);
      await expectNoLeaks(() => {
        tf.tidy(() => {
          const fwd = decoder.forward(targetIn, decoder.prepare(enc));
          const loop = stepLoop(decoder, enc, targetIn);
          expect(maxAbsDiff(fwd.logits, loop.logProbs)).toBeLessThan(1e-5);
          // The claim that lets the loss and search work unmodified:
          expect(maxAbsDiff(tf.logSoftmax(fwd.logits), fwd.logits)).toBeLessThan(1e-5);
          expect(maxAbsDiff(tf.sum(tf.exp(fwd.logits), 2), tf.onesLike(fwd.logits.sum(2)))).toBeLessThan(1e-5);
        });
      });
      tf.dispose([enc, targetIn]);
      store.dispose();
    }
  });

  it('with p_gen forced to ~0 all mass sits on the attended source ids, and -1 positions contribute nothing', async () => {
    const { decoder, store } = makeDecoder({ attention: 'additive', copy: true });
    forceGate(decoder, -30);
    const enc = fakeEncoderOutput(LENGTHS, 4, 3, undefined, SOURCE);
    const targetIn = randomTokens(2, 3, 8);
    await expectNoLeaks(() => {
      const loop = stepLoop(decoder, enc, targetIn);
      const exp = tf.exp(loop.logProbs);
      const probs = exp.arraySync() as number[][][];
      const att = loop.attention.arraySync() as number[][][];
      probs.forEach((row, b) =>
        row.forEach((p, t) => {
          const w = att[b]![t]!;
          // The -1 position of row 0 is attended, so dropping its mass is visible.
          if (b === 0) expect(w[1]).toBeGreaterThan(0.01);
          const expected = new Array<number>(V).fill(0);
          let kept = 0;
          SOURCE[b]!.forEach((id, s) => {
            if (id < 0) return;
            expected[id]! += w[s]!;
            kept += w[s]!;
          });
          const want = expected.map((x) => x / kept);
          const diff = Math.max(...p.map((x, v) => Math.abs(x - want[v]!)));
          expect(diff).toBeLessThan(1e-5);
        }),
      );
      tf.dispose([loop, exp]);
    });
    tf.dispose([enc, targetIn]);
    store.dispose();
  });

  it('with p_gen forced to ~1 equals the plain decoder with the same weights', async () => {
    const { decoder: copying, store: a } = makeDecoder({ attention: 'general', copy: true }, 7);
    const { decoder: plain, store: b } = makeDecoder({ attention: 'general' }, 8);
    const bv = new Map(b.entries());
    for (const [name, v] of a.entries()) bv.get(name)?.assign(v);
    forceGate(copying, 30);
    const enc = fakeEncoderOutput(LENGTHS, 4, 5, undefined, SOURCE);
    const targetIn = randomTokens(2, 4, 9);
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const c = copying.forward(targetIn, copying.prepare(enc)).logits;
        const p = tf.logSoftmax(plain.forward(targetIn, plain.prepare(enc)).logits);
        expect(maxAbsDiff(c, p)).toBeLessThan(1e-4);
      });
    });
    tf.dispose([enc, targetIn]);
    a.dispose();
    b.dispose();
  });

  it('reorderMemory gathers the copy table along with the rest (beam expansion)', async () => {
    const { decoder, store } = makeDecoder({ attention: 'general', copy: true });
    const enc = fakeEncoderOutput(LENGTHS, 4, 3, undefined, SOURCE);
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const memory = decoder.prepare(enc);
        const index = tf.tensor1d([1, 1, 0], 'int32');
        const swapped = decoder.reorderMemory(memory, index);
        expect(swapped.copyIds!.shape).toEqual([3, 4]);
        const prev = tf.tensor1d([1, 1], 'int32');
        const r = decoder.step(prev, decoder.initState(memory), memory);
        const rs = decoder.step(tf.gather(prev, index), decoder.initState(swapped), swapped);
        expect(maxAbsDiff(rs.logProbs, tf.gather(r.logProbs, index))).toBeLessThan(1e-6);
      });
    });
    tf.dispose(enc);
    store.dispose();
  });

  it("scheduled sampling feeds back the copying model's own greedy choice", async () => {
    const { decoder, store } = makeDecoder({ attention: 'general', copy: true });
    const enc = fakeEncoderOutput(LENGTHS, 4, 3, undefined, SOURCE);
    const targetIn = randomTokens(2, 4, 4);
    await expectNoLeaks(() => {
      tf.tidy(() => {
        const own = decoder.forward(targetIn, decoder.prepare(enc), { training: true, samplingProbability: 1, seed: 1 });
        expect(maxAbsDiff(own.logits, greedyStepLoop(decoder, targetIn, decoder.prepare(enc)))).toBeLessThan(1e-5);
      });
    });
    tf.dispose([enc, targetIn]);
    store.dispose();
  });

  it('refuses attention none at construction and a missing sourceTokens at prepare, naming the option', async () => {
    expect(() => makeDecoder({ attention: 'none', copy: true })).toThrow(/copy needs attention/);
    const { decoder, store } = makeDecoder({ attention: 'general', copy: true });
    const enc = fakeEncoderOutput([2], 2);
    const bare = encoderOutput({ states: enc.states, mask: enc.mask, summary: enc.summary });
    await expectNoLeaks(() => {
      expect(() => decoder.prepare(bare)).toThrow(/copy is on but the encoder output has no sourceTokens/);
    });
    tf.dispose(enc);
    store.dispose();
  });
});
