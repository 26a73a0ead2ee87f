/** rouge-score 0.1.2's default tokenizer: lower-case, non-[a-z0-9] runs → space, split, optional Porter. */
import { porterStem } from './porter.js';

/**
 * `tokenize.tokenize(text, stemmer)`: ä, é, CJK, emoji… all become separators (`Männer` → `m nner`).
 * With `useStemmer`, only tokens longer than 3 characters are stemmed, as rouge-score does.
 */
export function rougeTokenize(text: string, useStemmer = false): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0);
  return useStemmer ? tokens.map((t) => (t.length > 3 ? porterStem(t) : t)).filter((t) => /^[a-z0-9]+$/.test(t)) : tokens;
}
