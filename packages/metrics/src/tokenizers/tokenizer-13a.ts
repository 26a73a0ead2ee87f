import { collapseWhitespace } from './whitespace.js';

// mteval-v13a's language-dependent rules (Western languages), applied in this order.
const RULES: [RegExp, string][] = [
  // ASCII punctuation and symbols: { | } ~ [ \ ] ^ _ ` space ! " # $ % & ( ) * + : ; < = > ? @ /
  [/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
  // period and comma unless preceded by a digit
  [/([^0-9])([.,])/gu, '$1 $2 '],
  // period and comma unless followed by a digit
  [/([.,])([^0-9])/gu, ' $1 $2'],
  // dash when preceded by a digit
  [/([0-9])(-)/gu, '$1 $2 '],
];

/** sacreBLEU's `13a` tokenizer (mteval-v13a.pl), the BLEU default. */
export function tokenize13a(line: string): string {
  let s = line
    .replaceAll('<skipped>', '')
    .replaceAll('-\n', '')
    .replaceAll('\n', ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  s = ` ${s} `;
  for (const [re, repl] of RULES) s = s.replace(re, repl);
  return collapseWhitespace(s);
}
