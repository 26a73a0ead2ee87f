import { collapseWhitespace } from './whitespace.js';

// mteval-v14 international tokenization on Unicode categories (N = number, P = punctuation, S = symbol).
const RULES: [RegExp, string][] = [
  // punctuation preceded by a non-digit
  [/(\P{N})(\p{P})/gu, '$1 $2 '],
  // punctuation followed by a non-digit
  [/(\p{P})(\P{N})/gu, ' $1 $2'],
  // symbols
  [/(\p{S})/gu, ' $1 '],
];

/** sacreBLEU's `intl` tokenizer (TokenizerV14International). */
export function tokenizeIntl(line: string): string {
  let s = line;
  for (const [re, repl] of RULES) s = s.replace(re, repl);
  return collapseWhitespace(s);
}
