import { describe, expect, it } from 'vitest';
import { bleuTokenizer } from './bleu-tokenizers.js';
import { tokenize13a } from './tokenizer-13a.js';
import { tokenizeChar } from './tokenizer-char.js';
import { tokenizeIntl } from './tokenizer-intl.js';
import { tokenizeTercom } from './tokenizer-ter.js';
import { pyRstrip, pySplit, pyStrip } from './whitespace.js';

describe('Python whitespace', () => {
  it('splits on NBSP, U+3000, U+0085 and U+001F but not on U+200B or U+FEFF', () => {
    expect(pySplit('a\u00a0b\u3000c\u0085d\u001fe')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pySplit('a\u200bb \ufeffc')).toEqual(['a\u200bb', '\ufeffc']);
    expect(pySplit('  ')).toEqual([]);
  });
  it('strips like str.strip / str.rstrip', () => {
    expect(pyStrip('\u2009 x \t')).toBe('x');
    expect(pyRstrip(' x \ufeff')).toBe(' x \ufeff');
    expect(pyRstrip(' x \n')).toBe(' x');
  });
});

describe('13a tokenizer', () => {
  it('splits punctuation but keeps decimal points and thousands commas between digits', () => {
    expect(tokenize13a('Hello, world! It costs $3.50 (or 1,000).')).toBe('Hello , world ! It costs $ 3.50 ( or 1,000 ) .');
  });
  it('unescapes XML entities, joins lines and splits a dash after a digit', () => {
    expect(tokenize13a('a &amp; b\nc 1990-2000')).toBe('a & b c 1990 - 2000');
  });
});

describe('intl tokenizer', () => {
  it('splits Unicode punctuation and symbols, not punctuation between digits', () => {
    expect(tokenizeIntl('«Bonjour»… 3,5 €')).toBe('« Bonjour » … 3,5 €');
  });
});

describe('char tokenizer', () => {
  it('yields code points, so an emoji is one token', () => {
    expect(tokenizeChar('a🐶b')).toBe('a 🐶 b');
  });
});

describe('Tercom tokenizer', () => {
  it('lower-cases by default and only splits on whitespace without normalisation', () => {
    expect(tokenizeTercom('Hello, World!')).toBe('hello, world!');
    expect(tokenizeTercom('Hello, World!', { caseSensitive: true })).toBe('Hello, World!');
  });
  it('normalises punctuation and possessives, and removes punctuation', () => {
    expect(tokenizeTercom("The dog's toy, 3.5 kg.", { normalized: true })).toBe("the dog 's toy , 3.5 kg .");
    expect(tokenizeTercom('Hi (there)!', { noPunct: true })).toBe('hi there');
  });
});

it('bleuTokenizer lists the known names on a miss', () => {
  expect(() => bleuTokenizer('zh')).toThrow(/known: 13a, char, none, intl/);
});
