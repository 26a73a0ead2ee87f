import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoLeaks } from '@seq2seq/testing';
import type { LstmDecoderConfig } from './config.js';
import type { LstmDecoder } from './decoder.js';
import type { LstmDecoderMemory } from './state.js';
import { ATTENTION_TYPES, fakeEncoderOutput, greedyStepLoop, makeDecoder, maxAbsDiff, randomTokens } from './fixtures.test-helper.js';

/** logProbs [B, T, V] and attention [B, T, S] from a loop of `step` with gold inputs. */
function stepLoop(decoder: LstmDecoder, targetIn: tf.Tensor2D, memory: LstmDecoderMemory) {
  return tf.tidy(() => {
    let state = decoder.initState(memory);
    const lps: tf.Tensor2D[] = [];
    const atts: tf.Tensor2D[] = [];
    for (const prev of tf.unstack(targetIn, 1) as tf.Tensor1D[]) {
      const r = decoder.step(prev, state, memory);
      state = r.state;
      lps.push(r.logProbs);
      if (r.attention) atts.push(r.attention);
    }
    return { logProbs: tf.stack(lps, 1), attention: atts.length ? tf.stack(atts, 1) : undefined };
  });
}

const cases: Partial<LstmDecoderConfig>[] = [];
for (const attention of ATTENTION_TYPES) {
  for (const inputFeeding of [true, false]) {
    for (const layers of [1, 2]) cases.push({ attention, inputFeeding, layers });
  }
}
cases.push({ attention: 'general', feedSummary: true, bridge: 'zeros', layers: 2 });
cases.push({ attention: 'none', feedSummary: true, tieEmbeddings: true });
cases.push({ attention: 'additive', tieEmbeddings: true, embeddingDim: 6 });
// Pointer-generator: both forward paths (per-step with input feeding, all steps at once without).
cases.push({ attention: 'general', copy: true });
cases.push({ attention: 'additive', copy: true, inputFeeding: false, layers: 2 });
cases.push({ attention: 'dot', copy: true, tieEmbeddings: true, inputFeeding: false, feedSummary: true });

describe('LstmDecoder.forward equals a loop of step', () => {
  it.each(cases)('%o', async (overrides) => {
    const { decoder, store } = makeDecoder(overrides);
    const enc = fakeEncoderOutput([4, 2, 3], 4);
    const targetIn = randomTokens(3, 5, 9);
    await expectNoLeaks(() => {
      const memory = decoder.prepare(enc);
      const fwd = decoder.forward(targetIn, memory);
      const loop = stepLoop(decoder, targetIn, memory);
      expect(fwd.logits.shape).toEqual([3, 5, 11]);
      const fromForward = tf.logSoftmax(fwd.logits);
      expect(maxAbsDiff(fromForward, loop.logProbs)).toBeLessThan(1e-5);
      if (overrides.attention === 'none') {
        expect(fwd.attention).toBeUndefined();
        expect(loop.attention).toBeUndefined();
      } else {
        expect(fwd.attention!.shape).toEqual([3, 5, 4]);
        expect(maxAbsDiff(fwd.attention!, loop.attention!)).toBeLessThan(1e-5);
      }
      tf.dispose([memory, fwd, loop, fromForward]);
    });
    tf.dispose([enc, targetIn]);
    store.dispose();
  });
});

describe('scheduled sampling', () => {
  it('samplingProbability 1 feeds back the greedy prediction, 0 is teacher forcing', async () => {
    const { decoder, store } = makeDecoder({ attention: 'general', layers: 2 });
    const enc = fakeEncoderOutput([3, 3], 3);
    const targetIn = randomTokens(2, 4, 4);
    await expectNoLeaks(() => {
      const memory = decoder.prepare(enc);
      const own = decoder.forward(targetIn, memory, { training: true, samplingProbability: 1, seed: 1 });
      // The reference: a step loop whose inputs after the first are its own argmax.
      const greedy = greedyStepLoop(decoder, targetIn, memory);
      const ownLp = tf.logSoftmax(own.logits);
      expect(maxAbsDiff(ownLp, greedy)).toBeLessThan(1e-5);
      const teacher = decoder.forward(targetIn, memory);
      const zero = decoder.forward(targetIn, memory, { training: true, samplingProbability: 0 });
      expect(maxAbsDiff(teacher.logits, zero.logits)).toBe(0);
      expect(maxAbsDiff(teacher.logits, own.logits)).toBeGreaterThan(1e-3);
      tf.dispose([memory, own, greedy, ownLp, teacher, zero]);
    });
    tf.dispose([enc, targetIn]);
    store.dispose();
  });
});

describe('dropout', () => {
  it('is off at inference, on in training, and repeats exactly for the same seed', async () => {
    const { decoder, store } = makeDecoder({ dropout: 0.3, layers: 2 });
    const enc = fakeEncoderOutput([3, 2], 3);
    const targetIn = randomTokens(2, 4, 2);
    await expectNoLeaks(() => {
      const memory = decoder.prepare(enc);
      const a = decoder.forward(targetIn, memory, { training: true, seed: 11 });
      const b = decoder.forward(targetIn, memory, { training: true, seed: 11 });
      const c = decoder.forward(targetIn, memory, { training: true, seed: 12 });
      const eval1 = decoder.forward(targetIn, memory);
      const eval2 = decoder.forward(targetIn, memory);
      expect(maxAbsDiff(a.logits, b.logits)).toBe(0);
      expect(maxAbsDiff(a.logits, c.logits)).toBeGreaterThan(1e-4);
      expect(maxAbsDiff(a.logits, eval1.logits)).toBeGreaterThan(1e-4);
      expect(maxAbsDiff(eval1.logits, eval2.logits)).toBe(0);
      tf.dispose([memory, a, b, c, eval1, eval2]);
    });
    tf.dispose([enc, targetIn]);
    store.dispose();
  });
});
