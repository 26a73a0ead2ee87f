/** sacreBLEU's `char` tokenizer: every code point (not UTF-16 unit) becomes a token. */
export function tokenizeChar(line: string): string {
  return Array.from(line).join(' ');
}
