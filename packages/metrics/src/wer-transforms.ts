/**
 * Python `str` whitespace semantics and jiwer 4.0's default transforms.
 *
 * Python's `str.split()`, `str.strip()` and `re`'s `\s` use `str.isspace()`, which differs from
 * JavaScript's `\s`/`trim()`: it includes U+001C..U+001F and U+0085 but not U+FEFF. Ports of Python
 * metrics must use these helpers instead of the JS built-ins to count tokens the same way.
 */

/** Code points for which Python's `str.isspace()` is true. */
const PY_SPACE_CLASS = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE_CLASS}]+`, 'g');
const PY_MULTI_SPACE = new RegExp(`[${PY_SPACE_CLASS}][${PY_SPACE_CLASS}]+`, 'g');
const PY_LEADING = new RegExp(`^[${PY_SPACE_CLASS}]+`);
const PY_TRAILING = new RegExp(`[${PY_SPACE_CLASS}]+$`);
const PY_ONE_SPACE = new RegExp(`^[${PY_SPACE_CLASS}]$`);

/** Python `ch.isspace()` for a single character. */
export function pyIsSpace(ch: string): boolean {
  return PY_ONE_SPACE.test(ch);
}

/** Python `s.split()` (no separator): split on runs of Python whitespace, no empty strings. */
export function pySplit(s: string): string[] {
  return s.split(PY_SPACE_RUN).filter((t) => t.length > 0);
}

/** Python `s.strip()` (no argument). */
export function pyStrip(s: string): string {
  return s.replace(PY_LEADING, '').replace(PY_TRAILING, '');
}

/** Python code points of `s` (`list(s)`), so astral characters count once. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** A jiwer-style transform: sentences in, one token list per sentence out. */
export type SentenceTransform = (sentences: readonly string[]) => string[][];

/** jiwer `RemoveMultipleSpaces`: regex `\s\s+` (Python whitespace) becomes one space. */
export function removeMultipleSpaces(s: string): string {
  return s.replace(PY_MULTI_SPACE, ' ');
}

/** jiwer `ReduceToListOfListOfWords(" ")`: split on the space character only, drop empty strings. */
export function reduceToWords(s: string, delimiter = ' '): string[] {
  return s.split(delimiter).filter((w) => w.length >= 1);
}

/**
 * jiwer's `wer_default`: RemoveMultipleSpaces, Strip, ReduceToListOfListOfWords.
 * An empty sentence list becomes `[[]]`, as in jiwer.
 */
export const werDefault: SentenceTransform = (sentences) => {
  if (sentences.length === 0) return [[]];
  return sentences.map((s) => reduceToWords(pyStrip(removeMultipleSpaces(s))));
};

/** jiwer's `cer_default`: Strip, ReduceToListOfListOfChars (code points, spaces included). */
export const cerDefault: SentenceTransform = (sentences) => {
  if (sentences.length === 0) return [[]];
  return sentences.map((s) => codePoints(pyStrip(s)));
};
