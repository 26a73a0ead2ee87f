import { describe, expect, it } from 'vitest';
import { cocoBleu } from './coco-bleu.js';

describe('COCO BLEU (pycocoevalcap BleuScorer)', () => {
  it('keeps the 1e-15/1e-9 quirk: a perfect match is just below 1', () => {
    const out = cocoBleu([['a b c d']], ['a b c d']);
    const ratio = (4 + 1e-15) / (4 + 1e-9);
    expect(out.bleu[0]).toBe(((4 + 1e-15) / (4 + 1e-9)) * Math.exp(1 - 1 / ratio));
    expect(out.bleu[3]!).toBeLessThan(1);
    expect([out.testlen, out.reflen]).toEqual([4, 4]);
  });

  it('uses the closest reference length, the shorter one on ties', () => {
    expect(cocoBleu([['a b', 'a b c d']], ['a b c']).reflen).toBe(2);
  });

  it('gives 0 for an empty hypothesis (brevity penalty underflows)', () => {
    expect(cocoBleu([['a b c']], ['']).bleu).toEqual([0, 0, 0, 0]);
  });
});
