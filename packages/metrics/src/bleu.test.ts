import { describe, expect, it } from 'vitest';
import { MissingReferenceError, pyFixed } from './bleu-common.js';
import { closestRefLength } from './bleu-ngrams.js';
import { corpusBleu, sentenceBleu } from './bleu.js';

describe('corpusBleu', () => {
  it('gives 100 for hypotheses equal to their references', () => {
    const r = corpusBleu(['the cat sat on the mat', 'a dog runs'], [['the cat sat on the mat', 'a dog runs']]);
    expect(r.score).toBeCloseTo(100, 10);
    expect(r.counts).toEqual([9, 7, 5, 3]);
    expect(r.totals).toEqual([9, 7, 5, 3]);
    expect(r.formatted).toBe('BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 9 ref_len = 9)');
    expect(r.signature).toBe('nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0');
    expect(r.segmentStats[1]).toEqual([3, 3, 3, 2, 1, 0, 3, 2, 1, 0]);
  });

  it('applies the brevity penalty exp(1 - r/c)', () => {
    const r = corpusBleu(['a b c d'], [['a b c d e f g h']]);
    expect(r.bp).toBeCloseTo(Math.exp(1 - 8 / 4), 15);
    expect(r.score).toBeCloseTo(100 * r.bp, 10);
  });

  it('scores an empty hypothesis 0 with bp 0 and keeps precisions at 0', () => {
    const r = corpusBleu([''], [['a b c']]);
    expect([r.score, r.bp, r.sysLen, r.refLen]).toEqual([0, 0, 0, 3]);
    expect(r.precisions).toEqual([0, 0, 0, 0]);
  });

  it('reports add-k counts and totals with k added from order 2 on (sacreBLEU mutates them)', () => {
    const r = corpusBleu(['a b x'], [['a b c']], { smoothMethod: 'add-k' });
    expect(r.counts).toEqual([2, 2, 1, 1]);
    expect(r.totals).toEqual([3, 3, 2, 1]);
    expect(r.segmentStats[0]).toEqual([3, 3, 2, 1, 0, 0, 3, 2, 1, 0]);
    expect(r.signature).toContain('smooth:add-k[1.00]');
  });

  it('drops null references and marks a varying reference count as var', () => {
    const r = corpusBleu(['a b', 'c d'], [['a b', 'c d'], [null, 'c e']]);
    expect(r.signature.startsWith('nrefs:var|')).toBe(true);
    expect(() => corpusBleu(['a', 'b'], [['a', null]])).toThrow(MissingReferenceError);
  });

  it('rejects reference streams of the wrong length and unknown options', () => {
    expect(() => corpusBleu(['a', 'b'], [['a']])).toThrow(/stream 0 has 1 entries but there are 2/);
    expect(() => corpusBleu(['a'], [['a']], { smoothMethod: 'lin' as 'exp' })).toThrow(/known: none, floor, add-k, exp/);
  });
});

describe('sentenceBleu', () => {
  it('uses effective order by default, so a 2-word exact match scores 100', () => {
    expect(sentenceBleu('a b', ['a b']).score).toBeCloseTo(100, 10);
    expect(sentenceBleu('a b', ['a b'], { effectiveOrder: false }).score).toBeLessThan(100);
  });
});

it('closestRefLength prefers the shorter reference on ties', () => {
  expect(closestRefLength(5, [7, 3, 6])).toBe(6);
  expect(closestRefLength(5, [6, 4])).toBe(4);
});

it('pyFixed rounds exact ties half to even, like Python', () => {
  expect(pyFixed(0.125, 2)).toBe('0.12');
  expect(pyFixed(0.375, 2)).toBe('0.38');
  expect(pyFixed(2.675, 2)).toBe('2.67'); // the double is just below 2.675
  expect(pyFixed(12.25, 1)).toBe('12.2');
  expect(pyFixed(-0, 2)).toBe('-0.00');
  expect(pyFixed(100, 3)).toBe('100.000');
});
