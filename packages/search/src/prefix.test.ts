import { describe, expect, it } from 'vitest';
import { beamSearch } from './beam.js';
import { ScriptedDecoder } from './fake-decoder.js';
import { prefixConstraint } from './prefix.js';
import { leakFree } from './scripts.test-helper.js';

describe('prefixConstraint', () => {
  it('forces the prefix, restricts the next token, then frees the rest', () => {
    const allowed = prefixConstraint([3, 4], 2, [5, 2]);
    expect(allowed([])).toEqual([3]);
    expect(allowed([3])).toEqual([4]);
    expect(allowed([3, 4])).toEqual([5, 2]);
    expect(allowed([3, 4, 5])).toBeUndefined();
    expect(allowed([4])).toEqual([2]); // left the prefix
    expect(prefixConstraint([3], 2)([3])).toBeUndefined();
    expect(() => prefixConstraint([3, 2], 2)).toThrow(/<eos>/);
  });

  it('makes beam search continue a prefix it would not choose, scoring the whole output', async () => {
    const dec = new ScriptedDecoder({
      vocabSize: 6,
      tables: [{ '': { 3: 0.9, 4: 0.1 }, '3': { 2: 1 }, '4': { 3: 0.2, 5: 0.8 }, '4 5': { 2: 1 }, '4 3': { 2: 1 } }],
    });
    const b = await leakFree(dec, [0], (m) => beamSearch(dec, m, { beamSize: 2, lengthPenalty: 0, maxLength: 4, allowedTokens: prefixConstraint([4], 2, [3]) }));
    expect(b[0]?.[0]?.tokens).toEqual([4, 3]);
    expect(b[0]?.[0]?.logProb).toBeCloseTo(Math.log(0.1 * 0.2), 5);
    // Per token: the forced 4, the chosen 3, then <eos>.
    const steps = b[0]?.[0]?.tokenLogProbs ?? [];
    [0.1, 0.2, 1].forEach((p, i) => expect(steps[i]).toBeCloseTo(Math.log(p), 5));
    expect(steps).toHaveLength(3);
  });
});
