/**
 * Python's whitespace set (`str.isspace`, `str.split()`, `str.strip()`, `re` `\s`). It differs from
 * JavaScript's `\s`/`trim()`: Python includes U+001C..U+001F and U+0085 and excludes U+FEFF.
 */
export const PY_WHITESPACE_CLASS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

const runs = new RegExp(`${PY_WHITESPACE_CLASS}+`, 'gu');
const leading = new RegExp(`^${PY_WHITESPACE_CLASS}+`, 'u');
const trailing = new RegExp(`${PY_WHITESPACE_CLASS}+$`, 'u');

/** Python `s.split()`: splits on whitespace runs and drops empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(runs).filter((t) => t.length > 0);
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(leading, '').replace(trailing, '');
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(trailing, '');
}

/** Python `' '.join(s.split())`: collapses whitespace runs to one space and trims. */
export function collapseWhitespace(s: string): string {
  return pySplit(s).join(' ');
}
