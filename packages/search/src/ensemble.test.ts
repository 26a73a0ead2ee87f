import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { beamSearch } from './beam.js';
import { EnsembleDecoder } from './ensemble.js';
import { ScriptedDecoder } from './fake-decoder.js';
import { greedy } from './greedy.js';

// Member a prefers 3 then 5; member b prefers 4; the mixture prefers 4 at the first step.
const a = new ScriptedDecoder({ vocabSize: 6, tables: [{ '': { 3: 0.6, 4: 0.4 }, '3': { 5: 1 }, '4': { 2: 1 } }] });
const b = new ScriptedDecoder({ vocabSize: 6, tables: [{ '': { 3: 0.1, 4: 0.9 }, '3': { 2: 0.2, 5: 0.8 }, '4': { 2: 1 } }] });

async function run<T>(f: (ens: EnsembleDecoder, memory: tf.TensorContainer[]) => Promise<T>, weights?: number[]): Promise<T> {
  const before = tf.memory().numTensors;
  const ens = new EnsembleDecoder([a, b], weights ? { weights } : {});
  const memory = [a.memory([0]), b.memory([0])];
  const out = await f(ens, memory);
  tf.dispose(memory);
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

/** The ensemble's next-token probabilities after <sos> (everything it made is disposed). */
async function firstStep(ens: EnsembleDecoder, memory: tf.TensorContainer[]): Promise<number[]> {
  const state = ens.initState(memory);
  const sos = tf.tensor1d([1], 'int32');
  const r = ens.step(sos, state, memory);
  const e = tf.exp(r.logProbs);
  const p = Array.from(e.dataSync());
  tf.dispose([sos, e, r.logProbs, r.attention ?? [], r.state, state]);
  return p;
}

describe('EnsembleDecoder', () => {
  it('steps with the weighted mixture of the members probabilities', async () => {
    const p = await run(firstStep);
    expect(p[3]).toBeCloseTo(0.35, 5);
    expect(p[4]).toBeCloseTo(0.65, 5);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect((await run(firstStep, [3, 1]))[3]).toBeCloseTo(0.75 * 0.6 + 0.25 * 0.1, 5);
  });

  it('greedy and beam search decode the mixture; one member alone decodes itself', async () => {
    const [g] = await run((ens, m) => greedy(ens, m, { maxLength: 5 }));
    expect(g?.tokens).toEqual([4]);
    expect(g?.logProb).toBeCloseTo(Math.log(0.65), 5);
    const [beams] = await run((ens, m) => beamSearch(ens, m, { beamSize: 2, nBest: 2, lengthPenalty: 0, maxLength: 5 }));
    expect(beams?.map((h) => h.tokens)).toEqual([[4], [3, 5]]);
    // [3, 5]: 0.35, then 0.5 * 1 + 0.5 * 0.8 for 5, then <eos> from both fallbacks.
    expect(beams?.[1]?.logProb).toBeCloseTo(Math.log(0.35) + Math.log(0.9), 5);
    const alone = new EnsembleDecoder([a]);
    const mem = [a.memory([0])];
    const [solo] = await greedy(alone, mem, { maxLength: 5 });
    expect(solo?.tokens).toEqual([3, 5]);
    tf.dispose(mem);
  });

  it('forward gives the mixture log-probabilities; bad members and weights are refused', async () => {
    await run(async (ens, memory) => {
      const targetIn = tf.tensor2d([[1, 4]], undefined, 'int32');
      const out = ens.forward(targetIn, memory);
      targetIn.dispose();
      expect(out.logits.shape).toEqual([1, 2, 6]);
      const p = tf.tidy(() => tf.exp(out.logits).arraySync()) as number[][][];
      expect(p[0]![0]![4]).toBeCloseTo(0.65, 5);
      expect(p[0]![1]![2]).toBeCloseTo(1, 5);
      tf.dispose(out);
    });
    expect(() => new EnsembleDecoder([])).toThrow('at least one member');
    expect(() => new EnsembleDecoder([a, new ScriptedDecoder({ vocabSize: 7 })])).toThrow('share the target vocabulary; sizes are 6, 7');
    expect(() => new EnsembleDecoder([a, b], { weights: [1] })).toThrow('2 positive numbers');
  });
});
