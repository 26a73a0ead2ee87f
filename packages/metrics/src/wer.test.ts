import { describe, expect, it } from 'vitest';
import { cer, processCharacters } from './cer.js';
import { processWords, wer } from './wer.js';
import { pySplit, pyStrip, werDefault } from './wer-transforms.js';

describe('jiwer-compatible WER', () => {
  it('counts substitutions, deletions and insertions over the corpus', () => {
    const out = processWords(['hello world', 'a b c'], ['hello duck', 'a b d e']);
    expect([out.hits, out.substitutions, out.deletions, out.insertions]).toEqual([3, 2, 0, 1]);
    // Corpus rate (S+D+I)/N, not the mean of sentence rates.
    expect(out.wer).toBeCloseTo(3 / 5, 15);
    expect(out.wip).toBeCloseTo((3 / 5) * (3 / 6), 15);
    expect(out.wil).toBeCloseTo(1 - out.wip, 15);
  });

  it('allows an empty reference: wer is the number of insertions', () => {
    expect(wer('', 'one two')).toBe(2);
    const both = processWords('', '');
    expect([both.wer, both.mer, both.wip]).toEqual([0, 0, 1]);
  });

  it('uses Python whitespace: NBSP and U+3000 collapse in pairs, U+FEFF is not whitespace', () => {
    expect(werDefault(['a\u00a0\u00a0b'])).toEqual([['a', 'b']]);
    expect(werDefault(['a\u00a0b'])).toEqual([['a\u00a0b']]);
    expect(pyStrip('\ufeffx\u3000')).toBe('\ufeffx');
    expect(pySplit('a\x1cb\x85c')).toEqual(['a', 'b', 'c']);
  });
});

describe('jiwer-compatible CER', () => {
  it('counts code points, so an emoji is one character', () => {
    const out = processCharacters('a🐶', 'a🐱');
    expect([out.hits, out.substitutions]).toEqual([1, 1]);
    expect(cer('a🐶', 'a🐱')).toBe(0.5);
  });

  it('strips the ends but keeps inner spaces as characters', () => {
    expect(processCharacters('  ab ', 'a b').insertions).toBe(1);
  });
});
