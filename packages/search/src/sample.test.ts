import { describe, expect, it } from 'vitest';
import { ScriptedDecoder } from './fake-decoder.js';
import { greedy } from './greedy.js';
import type { Hypothesis, SampleOptions } from './options.js';
import { sample } from './sample.js';
import { leakFree, randomFallback } from './scripts.test-helper.js';

// One token then <eos>: each sample is a single draw from this distribution.
const ONE_DRAW = { '': { 3: 0.4, 4: 0.3, 5: 0.15, 6: 0.1, 7: 0.05 } };
const N = 2000;

function frequencies(hs: readonly Hypothesis[]): Map<number, number> {
  const f = new Map<number, number>();
  for (const h of hs) f.set(h.tokens[0] as number, (f.get(h.tokens[0] as number) ?? 0) + 1 / hs.length);
  return f;
}

async function draw(options: SampleOptions): Promise<Map<number, number>> {
  const dec = new ScriptedDecoder({ vocabSize: 8, tables: [ONE_DRAW] });
  const [hs] = await leakFree(dec, [0], (m) => sample(dec, m, { numSamples: N, seed: 5, ...options }));
  expect(hs).toHaveLength(N);
  return frequencies(hs ?? []);
}

function expectFrequencies(f: Map<number, number>, want: Record<number, number>): void {
  expect([...f.keys()].sort()).toEqual(Object.keys(want).map(Number).sort());
  // 2000 draws: the standard error is at most 0.011, so 0.04 is a wide margin.
  for (const [t, p] of Object.entries(want)) expect(Math.abs((f.get(Number(t)) ?? 0) - p)).toBeLessThan(0.04);
}

describe('sample', () => {
  it('draws from the model distribution', async () => {
    expectFrequencies(await draw({}), { 3: 0.4, 4: 0.3, 5: 0.15, 6: 0.1, 7: 0.05 });
  });

  it('top-k keeps only the k most likely tokens, renormalised', async () => {
    expectFrequencies(await draw({ topK: 2 }), { 3: 0.4 / 0.7, 4: 0.3 / 0.7 });
  });

  it('top-p keeps the smallest set reaching p', async () => {
    // .4 + .3 = .7 < .8, adding .15 reaches .85: the nucleus is {3, 4, 5}.
    expectFrequencies(await draw({ topP: 0.8 }), { 3: 0.4 / 0.85, 4: 0.3 / 0.85, 5: 0.15 / 0.85 });
    // top-k 4 first ({3..6}, mass .95 renormalised), then top-p .5 of that: .4/.95 = .42 < .5, so {3, 4}.
    expectFrequencies(await draw({ topK: 4, topP: 0.5 }), { 3: 0.4 / 0.7, 4: 0.3 / 0.7 });
  });

  it('temperature sharpens or flattens', async () => {
    // T = 0.5 squares the probabilities before renormalising.
    const sq = [0.4, 0.3, 0.15, 0.1, 0.05].map((p) => p * p);
    const z = sq.reduce((a, b) => a + b, 0);
    expectFrequencies(await draw({ temperature: 0.5 }), Object.fromEntries(sq.map((p, i) => [i + 3, p / z])));
  });

  it('temperature 0 and temperature -> 0 equal greedy', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 9, fallback: randomFallback(2, 9) });
    const sentences = [0, 1, 2, 3];
    const g = await leakFree(dec, sentences, (m) => greedy(dec, m, { maxLength: 10 }));
    for (const temperature of [0, 1e-3]) {
      const s = await leakFree(dec, sentences, (m) => sample(dec, m, { temperature, numSamples: 3, maxLength: 10, seed: 9 }));
      s.forEach((hs, i) => {
        for (const h of hs) {
          expect(h.tokens).toEqual(g[i]?.tokens);
          expect(h.logProb).toBeCloseTo(g[i]?.logProb as number, 4);
          h.tokenLogProbs.forEach((x, t) => expect(x).toBeCloseTo(g[i]?.tokenLogProbs[t] as number, 4));
        }
      });
    }
  });

  it('is reproducible per seed and scores samples with the model log-prob', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 9, fallback: randomFallback(4, 9) });
    const run = (seed: number) => leakFree(dec, [0, 1], (m) => sample(dec, m, { seed, numSamples: 4, maxLength: 8, returnAttention: true }));
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
    a.forEach((hs, s) => {
      expect(hs).toHaveLength(4);
      for (const h of hs) {
        let lp = 0;
        [...h.tokens, 2].forEach((t, i) => {
          const step = Math.log(dec.probabilities(s, h.tokens.slice(0, i))[t] as number);
          expect(h.tokenLogProbs[i]).toBeCloseTo(step, 4);
          lp += step;
        });
        expect(h.tokenLogProbs).toHaveLength(h.tokens.length + 1);
        expect(h.logProb).toBeCloseTo(lp, 4);
        expect(h.score).toBe(h.logProb);
        expect(h.tokens.length).toBeLessThanOrEqual(8);
        expect(h.attention?.map((row) => row.indexOf(1))).toEqual([1, ...h.tokens]);
      }
    });
  });

  it('respects minLength, maxLength and n-gram blocking', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 5, fallback: () => ({ 3: 0.5, 4: 0.2, 2: 0.3 }) });
    const [hs] = await leakFree(dec, [0], (m) => sample(dec, m, { numSamples: 200, seed: 3, minLength: 2, maxLength: 5, noRepeatNgramSize: 2 }));
    for (const h of hs ?? []) {
      expect(h.tokens.length).toBeGreaterThanOrEqual(2);
      expect(h.tokens.length).toBeLessThanOrEqual(5);
      const bigrams = h.tokens.slice(1).map((t, i) => `${h.tokens[i]} ${t}`);
      expect(new Set(bigrams).size).toBe(bigrams.length);
    }
    expect(new Set(hs?.map((h) => h.tokens.join(' '))).size).toBeGreaterThan(3);
  });

  it('validates its options', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 5 });
    await expect(leakFree(dec, [0], (m) => sample(dec, m, { topP: 0 }))).rejects.toThrow(/topP/);
    await expect(leakFree(dec, [0], (m) => sample(dec, m, { temperature: -1 }))).rejects.toThrow(/temperature/);
    await expect(leakFree(dec, [0], (m) => sample(dec, m, { numSamples: 0 }))).rejects.toThrow(/numSamples/);
  });
});
