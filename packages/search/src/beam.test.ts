import { describe, expect, it } from 'vitest';
import { beamSearch } from './beam.js';
import { ScriptedDecoder } from './fake-decoder.js';
import { greedy } from './greedy.js';
import type { BeamSearchOptions, Hypothesis } from './options.js';
import { EARLY_END, EARLY_END_REST, GREEDY_TRAP, LENGTH_TRADE, leakFree } from './scripts.test-helper.js';

const ln = Math.log;
const close = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 5);

/** Beam search on sentence 0, leak-checked; returns its hypotheses. */
async function beam(dec: ScriptedDecoder, options: BeamSearchOptions): Promise<Hypothesis[]> {
  const out = await leakFree(dec, [0], (m) => beamSearch(dec, m, options));
  return out[0] ?? [];
}

describe('beamSearch golden tests', () => {
  it('finds the sequence greedy misses', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [GREEDY_TRAP] });
    const [g] = await leakFree(dec, [0], (m) => greedy(dec, m));
    expect(g?.tokens).toEqual([3]);
    close(g?.logProb, ln(0.5 * 0.4));
    const hs = await beam(dec, { beamSize: 2, lengthPenalty: 0 });
    expect(hs.map((h) => h.tokens)).toEqual([[4]]);
    close(hs[0]?.logProb, ln(0.4 * 0.9));
    close(hs[0]?.score, ln(0.4 * 0.9));
  });

  it('the length penalty changes the winner as computed', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [LENGTH_TRADE] });
    const [raw] = await beam(dec, { beamSize: 2, lengthPenalty: 0, maxLength: 2 });
    expect(raw?.tokens).toEqual([3]);
    close(raw?.score, ln(0.6 * 0.55));
    for (const alpha of [1, 0.6]) {
      const [h] = await beam(dec, { beamSize: 2, lengthPenalty: alpha, maxLength: 2 });
      expect(h?.tokens).toEqual([4, 5]);
      close(h?.logProb, ln(0.4 * 0.8));
      close(h?.score, ln(0.4 * 0.8) / Math.pow((5 + 3) / 6, alpha)); // length 3 counts <eos>
    }
    // The default alpha 0.6 picks [4 5] too: ln .32 / (8/6)^.6 = -0.978 beats ln .33 / (7/6)^.6 = -1.011.
    expect((await beam(dec, { beamSize: 2, maxLength: 2 }))[0]?.tokens).toEqual([4, 5]);
  });

  it('returns nBest hypotheses best first with their scores', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [LENGTH_TRADE] });
    const hs = await beam(dec, { beamSize: 3, nBest: 3, lengthPenalty: 0, maxLength: 2 });
    expect(hs.map((h) => h.tokens)).toEqual([[3], [4, 5], [3, 5]]);
    const want = [0.6 * 0.55, 0.4 * 0.8, 0.6 * 0.45 * 0.05];
    hs.forEach((h, i) => close(h.score, ln(want[i] as number)));
    const two = await beam(dec, { beamSize: 3, nBest: 2, lengthPenalty: 1, maxLength: 2 });
    expect(two.map((h) => h.tokens)).toEqual([[4, 5], [3]]);
    close(two[1]?.score, ln(0.6 * 0.55) / (7 / 6));
  });

  it('honours minLength and maxLength', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [LENGTH_TRADE] });
    expect((await beam(dec, { beamSize: 3, lengthPenalty: 0, minLength: 2, maxLength: 2 }))[0]?.tokens).toEqual([4, 5]);
    expect((await beam(dec, { beamSize: 3, lengthPenalty: 0, minLength: 1, maxLength: 2 }))[0]?.tokens).toEqual([3]);
    // maxLength 1: [4] would have to end, but '4' gives <eos> probability 0, so only [3] survives.
    const only = await beam(dec, { beamSize: 3, nBest: 3, lengthPenalty: 0, maxLength: 1 });
    expect(only.map((x) => x.tokens)).toEqual([[3]]);
    await expect(beam(dec, { minLength: 3, maxLength: 2 })).rejects.toThrow(/below minLength/);
  });

  it('stops a sentence once its best finished hypothesis cannot be beaten', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 5, tables: [EARLY_END], fallback: () => EARLY_END_REST });
    const run = async (o: BeamSearchOptions) => {
      dec.stepCalls = 0;
      const [h] = await beam(dec, { beamSize: 2, maxLength: 10, ...o });
      return { tokens: h?.tokens, steps: dec.stepCalls };
    };
    // alpha 0: ln .6 (finished) >= ln .4 (best live), so one step decides.
    expect(await run({ lengthPenalty: 0 })).toEqual({ tokens: [], steps: 1 });
    // alpha 1, exact, maxLength 10 (lp(11) = 16/6): step 0 bound ln .4 / (16/6) = -0.344 > ln .6 = -0.511 goes on;
    // step 1 bound ln(.4 * .45) / (16/6) = -0.643 stops.
    expect(await run({ lengthPenalty: 1 })).toEqual({ tokens: [], steps: 2 });
    // maxLength 50 (lp(51) = 56/6): step 4 bound ln(.4 * .45^4) / (56/6) = -0.440 goes on, step 5 -0.526 stops.
    expect(await run({ lengthPenalty: 1, maxLength: 50 })).toEqual({ tokens: [], steps: 6 });
    // heuristic: judges the live beam as if it ended next step: ln .4 / lp(2) = -0.785 < ln .6.
    expect(await run({ lengthPenalty: 1, earlyStopping: 'heuristic' })).toEqual({ tokens: [], steps: 1 });
  });

  it('blocks repeated n-grams', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 5, fallback: () => ({ 3: 0.6, 4: 0.3, 2: 0.1 }) });
    const run = async (noRepeatNgramSize: number) => (await beam(dec, { beamSize: 2, lengthPenalty: 0, maxLength: 4, noRepeatNgramSize }))[0];
    // Without blocking the best is [3 3 3 3] (maxLength forces the end).
    expect((await run(0))?.tokens).toEqual([3, 3, 3, 3]);
    // Bigrams: after [3 3] the bigram (3 3) is used, so 3 is banned; after [3 3 4 3] both 3 and 4 are.
    const h2 = await run(2);
    expect(h2?.tokens).toEqual([3, 3, 4, 3]);
    close(h2?.logProb, ln(0.6 * 0.6 * 0.3 * 0.6 * 0.1));
    // Unigrams: each token once, so [3 4] then <eos>.
    const h1 = await run(1);
    expect(h1?.tokens).toEqual([3, 4]);
    close(h1?.logProb, ln(0.6 * 0.3 * 0.1));
  });

  it('returns the attention rows of the returned hypotheses', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, tables: [LENGTH_TRADE] });
    const hs = await beam(dec, { beamSize: 3, nBest: 3, maxLength: 2, returnAttention: true });
    expect(hs).toHaveLength(3);
    for (const h of hs) {
      // The fake attends one-hot to the token fed at each step: <sos>, then the hypothesis tokens.
      expect(h.attention?.map((row) => row.indexOf(1))).toEqual([1, ...h.tokens]);
      expect(h.attention?.every((row) => row.reduce((a, b) => a + b, 0) === 1)).toBe(true);
    }
    expect((await beam(dec, { beamSize: 2, maxLength: 2 }))[0]?.attention).toBeUndefined();
  });

  it('validates its options', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6 });
    await expect(beam(dec, { beamSize: 2, nBest: 3 })).rejects.toThrow(/nBest 3 exceeds beamSize 2/);
    await expect(beam(dec, { maxLengthRatio: 1.5 })).rejects.toThrow(/needs sourceLengths/);
    await expect(beam(dec, { lengthPenalty: -1 })).rejects.toThrow(/lengthPenalty/);
    await expect(beam(dec, { sourceLengths: [3, 4], batchSize: 1 })).rejects.toThrow(/sourceLengths has 2/);
  });
});
