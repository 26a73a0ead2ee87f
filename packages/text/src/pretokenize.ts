import { WORD_START } from './normalize.js';

// One token per match, tried in order:
// - a single CJK ideograph or kana (those scripts write no spaces; sacreBLEU's zh tokeniser does the same),
// - a run of letters, marks and digits (any script),
// - a flag (pair of regional indicators),
// - an emoji with its modifiers, variation selectors and ZWJ-joined parts,
// - any other single code point (punctuation, symbols) with its combining marks.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKEN = new RegExp(
  [
    `[${CJK}]\\p{M}*`,
    `(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}])+`,
    `\\p{RI}\\p{RI}`,
    `\\p{Extended_Pictographic}(?:\\p{EMod}|\\uFE0F|\\u20E3|\\u200D\\p{Extended_Pictographic})*`,
    `[^]\\p{M}*`,
  ].join('|'),
  'gu',
);
// Most chunks are one plain word: test that with one anchored match instead of iterating.
const ASCII_WORD = /^[A-Za-z0-9]+$/;
const PLAIN_WORD = new RegExp(`^(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}])+$`, 'u');

/**
 * Splits normalised text (single spaces, trimmed) into word and punctuation tokens, Moses/13a style.
 * The first token after each space (and the first of the text) starts with WORD_START, so joining the
 * tokens and turning WORD_START back into spaces restores the text exactly.
 */
export function pretokenize(normalized: string): string[] {
  const out: string[] = [];
  if (normalized === '') return out;
  for (const chunk of normalized.split(' ')) {
    if (ASCII_WORD.test(chunk) || PLAIN_WORD.test(chunk)) {
      out.push(WORD_START + chunk);
      continue;
    }
    let first = true;
    for (const m of chunk.matchAll(TOKEN)) {
      out.push(first ? WORD_START + m[0] : m[0]);
      first = false;
    }
  }
  return out;
}

/** Inverse of `pretokenize` (and of any split of its tokens into pieces). */
export function joinPieces(pieces: readonly string[]): string {
  const s = pieces.join('').split(WORD_START).join(' ');
  return s.startsWith(' ') ? s.slice(1) : s;
}
