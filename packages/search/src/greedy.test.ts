import { describe, expect, it } from 'vitest';
import { beamSearch } from './beam.js';
import { ScriptedDecoder } from './fake-decoder.js';
import { greedy } from './greedy.js';
import { leakFree, randomFallback, referenceGreedy } from './scripts.test-helper.js';

describe('greedy', () => {
  it('equals beam size 1 and a host-side argmax loop, tokens and scores', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 9, fallback: randomFallback(3, 9) });
    const sentences = [0, 1, 2, 3, 4, 5];
    const g = await leakFree(dec, sentences, (m) => greedy(dec, m, { maxLength: 12 }));
    const b1 = await leakFree(dec, sentences, (m) => beamSearch(dec, m, { beamSize: 1, lengthPenalty: 0, maxLength: 12 }));
    sentences.forEach((s, i) => {
      const ref = referenceGreedy(dec, s, 12);
      expect(g[i]?.tokens).toEqual(ref.tokens);
      expect(g[i]?.logProb).toBeCloseTo(ref.logProb, 4);
      expect(g[i]?.score).toBeCloseTo(ref.logProb, 4);
      expect(b1[i]?.[0]).toEqual(g[i]);
    });
    // The random script produces varied lengths, so the batch really shrinks as sentences end.
    expect(new Set(g.map((h) => h.tokens.length)).size).toBeGreaterThan(1);
  });

  it('minLength, maxLength and maxLengthRatio', async () => {
    // Always 3 (0.9) or <eos> (0.1): greedy would never end without a length limit.
    const dec = new ScriptedDecoder({ vocabSize: 4, fallback: () => ({ 3: 0.9, 2: 0.1 }) });
    const [h] = await leakFree(dec, [0], (m) => greedy(dec, m, { maxLength: 4 }));
    expect(h?.tokens).toEqual([3, 3, 3, 3]);
    expect(h?.logProb).toBeCloseTo(4 * Math.log(0.9) + Math.log(0.1), 5);
    // ceil(1.5 * 2 + 1) = 4, ceil(1.5 * 5 + 1) = 9, and maxLength 6 caps the second.
    const ratio = await leakFree(dec, [0, 0], (m) => greedy(dec, m, { maxLengthRatio: 1.5, maxLengthOffset: 1, sourceLengths: [2, 5] }));
    expect(ratio.map((x) => x.tokens.length)).toEqual([4, 9]);
    const capped = await leakFree(dec, [0, 0], (m) => greedy(dec, m, { maxLength: 6, maxLengthRatio: 1.5, maxLengthOffset: 1, sourceLengths: [2, 5] }));
    expect(capped.map((x) => x.tokens.length)).toEqual([4, 6]);

    // Ends at once unless <eos> is blocked: minLength 2 then takes 3, 5, and the fallback ends it.
    const ends = new ScriptedDecoder({ vocabSize: 6, tables: [{ '': { 2: 0.7, 3: 0.3 }, '3': { 2: 0.6, 5: 0.4 } }] });
    const [short] = await leakFree(ends, [0], (m) => greedy(ends, m));
    expect(short?.tokens).toEqual([]);
    const [long] = await leakFree(ends, [0], (m) => greedy(ends, m, { minLength: 2 }));
    expect(long?.tokens).toEqual([3, 5]);
    expect(long?.logProb).toBeCloseTo(Math.log(0.3 * 0.4 * 1), 5);
  });

  it('honours custom sos/eos ids', async () => {
    // eos is token 0 here; the table is keyed on output tokens only, so sos does not matter to it.
    const dec = new ScriptedDecoder({ vocabSize: 5, eosId: 0, tables: [{ '': { 4: 0.8, 0: 0.2 }, '4': { 0: 0.9, 4: 0.1 } }] });
    const [h] = await leakFree(dec, [0], (m) => greedy(dec, m, { sosId: 3, eosId: 0, padId: 1, returnAttention: true }));
    expect(h?.tokens).toEqual([4]);
    expect(h?.attention?.map((row) => row.indexOf(1))).toEqual([3, 4]);
  });
});

describe('betweenSteps', () => {
  it('is awaited once per decoding step, and a macrotask there (a server reading requests) changes no output', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 9, fallback: randomFallback(5, 9) });
    const sentences = [0, 1, 2, 3];
    let calls = 0;
    const yielding = () => new Promise<void>((resolve) => setImmediate(() => (calls++, resolve())));
    const plain = await leakFree(dec, sentences, (m) => beamSearch(dec, m, { beamSize: 3, nBest: 2, maxLength: 10 }));
    const yielded = await leakFree(dec, sentences, (m) => beamSearch(dec, m, { beamSize: 3, nBest: 2, maxLength: 10, betweenSteps: yielding }));
    expect(yielded).toEqual(plain);
    const longest = Math.max(...plain.flat().map((h) => h.tokens.length));
    // One call per step: at least the longest output's length, at most maxLength + 1 (the <eos> step).
    expect(calls).toBeGreaterThanOrEqual(longest);
    expect(calls).toBeLessThanOrEqual(11);
  });
});
