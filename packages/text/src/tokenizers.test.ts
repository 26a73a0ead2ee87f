import { describe, expect, it } from 'vitest';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { CharTokenizer } from './char-tokenizer.js';
import { tokenizerFromJSON, type Tokenizer } from './tokenizer.js';
import { WordTokenizer } from './word-tokenizer.js';
import './register.js';

const SAMPLES = [
  'Hello, world!',
  'A man (in a red hat) says: "don\'t go..."',
  'Emoji: 👍🏽 family 👨‍👩‍👧 flag 🇩🇪 keycap 1️⃣ done.',
  'Café naïve, 東京タワーに行きました。',
  'Zwei Männer stehen am Herd, 3.5 km entfernt; 10:30 Uhr?',
  'Ελληνικά και русский текст — ok!',
];

const corpus = [...SAMPLES, 'the cat sat on the mat', 'the dog sat on the log', 'Hello again, world.'];
const makers: [string, () => Tokenizer][] = [
  ['char', () => new CharTokenizer()],
  ['word', () => new WordTokenizer()],
  ['bpe', () => BpeTokenizer.learn(corpus, { vocabSize: 120 })],
];

describe.each(makers)('%s tokenizer', (_name, make) => {
  const tok = make();

  it('round-trips text exactly (already normalised input)', () => {
    for (const s of SAMPLES) expect(tok.decode(tok.encode(s))).toBe(s);
  });

  it('NFC-normalises combining accents, so both spellings give the same pieces', () => {
    const decomposed = 'Cafe\u0301 nai\u0308ve';
    const composed = 'Café naïve';
    expect(tok.encode(decomposed)).toEqual(tok.encode(composed));
    expect(tok.decode(tok.encode(decomposed))).toBe(composed);
  });

  it('collapses whitespace runs (spaces, tabs, newlines) to one space and trims', () => {
    expect(tok.decode(tok.encode('  a \t\tman\n\n runs  '))).toBe('a man runs');
  });

  it('treats U+2581 in the input as whitespace, so the marker cannot corrupt decoding', () => {
    expect(tok.decode(tok.encode('a\u2581b'))).toBe('a b');
  });

  it('lowercases when asked and survives a JSON round trip', () => {
    const json = JSON.parse(JSON.stringify(tok.toJSON()));
    const again = tokenizerFromJSON(json);
    expect(again.kind).toBe(tok.kind);
    for (const s of SAMPLES) expect(again.encode(s)).toEqual(tok.encode(s));
    const lower = tokenizerFromJSON({ ...json, lowercase: true });
    expect(lower.decode(lower.encode('Hello WORLD'))).toBe('hello world');
  });

  it('encodes empty and whitespace-only text to no pieces', () => {
    expect(tok.encode('')).toEqual([]);
    expect(tok.encode(' \t\n')).toEqual([]);
    expect(tok.decode([])).toBe('');
  });
});

describe('char tokenizer', () => {
  it('splits by code point, not UTF-16 unit', () => {
    expect(new CharTokenizer().encode('a👍b')).toEqual(['a', '👍', 'b']);
  });

  it('keeps whitespace as given when collapseWhitespace is false (NFC still applied)', () => {
    const tok = new CharTokenizer({ collapseWhitespace: false });
    const s = ' a\t\tb \n';
    expect(tok.decode(tok.encode(s))).toBe(s);
  });
});

describe('word tokenizer', () => {
  const tok = new WordTokenizer();

  it('splits punctuation off words with word-start markers', () => {
    expect(tok.encode('Hi, you!')).toEqual(['▁Hi', ',', '▁you', '!']);
    expect(tok.encode('"don\'t"')).toEqual(['▁"', 'don', "'", 't', '"']);
    expect(tok.encode('3.5 km')).toEqual(['▁3', '.', '5', '▁km']);
  });

  it('keeps emoji sequences whole and splits CJK per character', () => {
    expect(tok.encode('ok👨‍👩‍👧!')).toEqual(['▁ok', '👨‍👩‍👧', '!']);
    expect(tok.encode('🇩🇪🇫🇷')).toEqual(['▁🇩🇪', '🇫🇷']);
    expect(tok.encode('東京タワー')).toEqual(['▁東', '京', 'タ', 'ワ', 'ー']);
  });
});

describe('tokenizerFromJSON', () => {
  it('lists the known kinds on an unknown one', () => {
    expect(() => tokenizerFromJSON({ kind: 'nope' })).toThrow(/unknown tokenizer 'nope'; known: bpe, char, word/);
  });
});
