import { describe, expect, it } from 'vitest';
import { MissingReferenceError } from './bleu-common.js';
import { charNgrams, splitPunctuation } from './chrf-ngrams.js';
import { corpusChrf, sentenceChrf } from './chrf.js';

describe('chrF', () => {
  it('is 100 for identical text and names chrF++ with plus signs', () => {
    const r = corpusChrf(['the cat sat.'], [['the cat sat.']], { wordOrder: 2 });
    expect(r.score).toBeCloseTo(100, 10);
    expect(r.formatted).toBe('chrF2++ = 100.00');
    expect(r.signature).toBe('nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.6.0');
    expect(r.stats).toHaveLength(3 * 8);
  });

  it('counts code points and ignores whitespace unless asked', () => {
    expect([...charNgrams('a 🐶', 2, false)[1]!.keys()]).toEqual(['a🐶']);
    expect([...charNgrams('a 🐶', 2, true)[1]!.keys()]).toEqual(['a ', ' 🐶']);
  });

  it('splits one edge punctuation character per word for chrF++', () => {
    expect(splitPunctuation('(hi) there, "x')).toEqual(['(hi', ')', 'there', ',', '"', 'x']);
  });

  it('zeroes hypothesis counts against an empty reference', () => {
    expect(sentenceChrf('abc', ['']).stats.every((x) => x === 0)).toBe(true);
  });

  it('takes the reference with the best F, the first on ties', () => {
    const r = sentenceChrf('the cat', ['a dog', 'the cat', 'the cat']);
    expect(r.score).toBeCloseTo(100, 10);
    expect(r.signature.startsWith('nrefs:3|')).toBe(true);
  });

  it('throws for a segment without references', () => {
    expect(() => corpusChrf(['a', 'b'], [['a', null]])).toThrow(MissingReferenceError);
  });
});
