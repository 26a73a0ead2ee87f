import { describe, expect, it } from 'vitest';
import { nltkModifiedPrecision, nltkCorpusBleu, nltkSentenceBleu } from './nltk-bleu.js';
import { pyFsum } from './nltk-bleu-fsum.js';

const t = (s: string): string[] => s.split(' ');
// The examples of NLTK's bleu_score docstrings.
const hyp1 = t('It is a guide to action which ensures that the military always obeys the commands of the party');
const ref1a = t('It is a guide to action that ensures that the military will forever heed Party commands');
const ref1b = t('It is the guiding principle which guarantees the military forces always being under the command of the Party');
const ref1c = t('It is the practical guide for the army always to heed the directions of the party');
const hyp2 = t('he read the book because he was interested in world history');
const ref2a = t('he was interested in world history because he read the book');

describe('NLTK 3.8 BLEU', () => {
  it('reproduces the docstring examples', () => {
    expect(nltkSentenceBleu([ref1a, ref1b, ref1c], hyp1)).toBeCloseTo(0.50457, 5);
    expect(nltkCorpusBleu([[ref1a, ref1b, ref1c], [ref2a]], [hyp1, hyp2])).toBeCloseTo(0.592, 3);
    const p = nltkModifiedPrecision([t('the cat is on the mat'), t('there is a cat on the mat')], t('the the the the the the the'), 1);
    expect(p.numerator / p.denominator).toBeCloseTo(0.2857, 4);
  });

  it('returns exactly 0 without unigram matches, and a tiny number with no higher-order match', () => {
    expect(nltkSentenceBleu([t('a b c d')], t('x y z w'))).toBe(0);
    const tiny = nltkSentenceBleu([t('a b c d')], t('a x b y'));
    expect(tiny).toBeGreaterThan(0);
    expect(tiny).toBeLessThan(1e-70);
    expect(nltkSentenceBleu([t('a b c d')], t('a x b y'), { smoothing: 'method1' })).toBeGreaterThan(0.01);
  });

  it('sums exactly like math.fsum', () => {
    expect(pyFsum(new Array<number>(10).fill(0.1))).toBe(1);
    expect(pyFsum([1e-16, 1, 1e16])).toBe(10000000000000002);
  });
});
