import { describe, expect, it } from 'vitest';
import { beamSearch } from './beam.js';
import { closedSetConstraint } from './closed-set.js';
import { ScriptedDecoder } from './fake-decoder.js';
import { greedy } from './greedy.js';
import { sample } from './sample.js';
import { leakFree, randomFallback } from './scripts.test-helper.js';

describe('closedSetConstraint', () => {
  it('allows the continuations of a prefix, <eos> where a sequence ends, only <eos> off the trie', () => {
    const allowed = closedSetConstraint([[3, 4], [3, 5, 6], [7], [3]], 2);
    expect([...allowed([])].sort()).toEqual([3, 7]);
    expect([...allowed([3])].sort()).toEqual([2, 4, 5]);
    expect(allowed([3, 5])).toEqual([6]);
    expect(allowed([3, 5, 6])).toEqual([2]);
    expect(allowed([9])).toEqual([2]);
    expect(() => closedSetConstraint([], 2)).toThrow(/no sequences/);
    expect(() => closedSetConstraint([[3, 2]], 2)).toThrow(/<eos>/);
  });

  it('greedy, beam and sampling only produce listed sequences; the best listed one wins', async () => {
    // Unconstrained, greedy says 3 3 (0.6 then 0.6); the listed outputs are [4] and [3, 5].
    const dec = new ScriptedDecoder({
      vocabSize: 6,
      tables: [{ '': { 3: 0.6, 4: 0.3, 2: 0.1 }, '3': { 3: 0.6, 5: 0.3, 2: 0.1 }, '4': { 2: 0.9, 3: 0.1 }, '3 5': { 2: 1 } }],
    });
    const free = await leakFree(dec, [0], (m) => greedy(dec, m, { maxLength: 2 }));
    expect(free[0]?.tokens).toEqual([3, 3]);
    const allowedTokens = closedSetConstraint([[4], [3, 5]], 2);
    const g = await leakFree(dec, [0], (m) => greedy(dec, m, { maxLength: 5, allowedTokens }));
    // Greedy commits to 3 (0.6 > 0.3), then must take 5.
    expect(g[0]?.tokens).toEqual([3, 5]);
    expect(g[0]?.logProb).toBeCloseTo(Math.log(0.6 * 0.3), 5);
    // Beam keeps both: [4] scores 0.3·0.9 = 0.27 against 0.18 for [3, 5].
    const b = await leakFree(dec, [0], (m) => beamSearch(dec, m, { beamSize: 2, nBest: 2, lengthPenalty: 0, maxLength: 5, allowedTokens }));
    expect(b[0]?.map((h) => h.tokens)).toEqual([[4], [3, 5]]);
    const s = await leakFree(dec, [0, 0, 0], (m) => sample(dec, m, { maxLength: 5, allowedTokens, numSamples: 4, seed: 3 }));
    for (const h of s.flat()) expect([[4], [3, 5]]).toContainEqual(h.tokens);
  });

  it('a hypothesis at its length limit still ends when the list would go on', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 6, fallback: () => ({ 3: 0.5, 4: 0.4, 2: 0.1 }) });
    const allowedTokens = closedSetConstraint([[3, 3, 3, 3]], 2);
    const g = await leakFree(dec, [0], (m) => greedy(dec, m, { maxLength: 2, allowedTokens }));
    expect(g[0]?.tokens).toEqual([3, 3]);
  });

  it('can differ per sentence and leaves unrestricted sentences alone', async () => {
    const dec = new ScriptedDecoder({ vocabSize: 9, fallback: randomFallback(5, 9) });
    const sets = [closedSetConstraint([[4, 4, 4]], 2), closedSetConstraint([[5], [6, 7]], 2)];
    const allowedTokens = (history: readonly number[], sentence: number) => sets[sentence]?.(history);
    const out = await leakFree(dec, [0, 1, 2], (m) => beamSearch(dec, m, { beamSize: 3, maxLength: 8, allowedTokens }));
    const free = await leakFree(dec, [0, 1, 2], (m) => beamSearch(dec, m, { beamSize: 3, maxLength: 8 }));
    expect(out[0]?.[0]?.tokens).toEqual([4, 4, 4]);
    expect([[5], [6, 7]]).toContainEqual(out[1]?.[0]?.tokens);
    expect(out[2]).toEqual(free[2]);
  });
});
