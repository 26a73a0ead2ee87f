import { describe, expect, it } from 'vitest';
import { ciderD } from './cider.js';
import { npPairwiseSum } from './cider-numpy.js';

describe('CIDEr-D (pycocoevalcap)', () => {
  it('scores 0 on a one-image corpus (ref_len = log 1 = 0)', () => {
    expect(ciderD([['a dog runs']], ['a dog runs'])).toEqual({ score: 0, scores: [0] });
  });

  it('ranks a matching caption above an unrelated one and averages per image', () => {
    const gts = [['a dog runs on grass', 'a brown dog running'], ['two men play chess', 'men playing a game of chess']];
    const out = ciderD(gts, ['a dog runs on the grass', 'a cat sleeps']);
    expect(out.scores[0]!).toBeGreaterThan(out.scores[1]!);
    expect(out.score).toBeCloseTo((out.scores[0]! + out.scores[1]!) / 2, 14);
  });

  it('raises like Python when every reference is empty', () => {
    expect(() => ciderD([[''], ['']], ['a', 'b'])).toThrow(/empty/);
  });

  it('sums like numpy (pairwise, 8 accumulators)', () => {
    const xs = Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    expect(npPairwiseSum(xs)).toBeCloseTo(xs.reduce((a, b) => a + b, 0), 12);
  });
});
