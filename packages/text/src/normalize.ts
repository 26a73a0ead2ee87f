/** Unicode normal form applied before tokenising; 'none' keeps the code points as given. */
export type UnicodeForm = 'NFC' | 'NFKC' | 'none';

export interface NormalizeOptions {
  /** Lowercase (locale-independent `toLowerCase`). Default false. */
  lowercase?: boolean;
  /** Unicode normalisation. Default 'NFC' (so "e" + U+0301 and "é" are the same token). */
  unicode?: UnicodeForm;
  /** Turn every run of whitespace (spaces, tabs, newlines, NBSP, U+2581) into one space and trim. Default true. */
  collapseWhitespace?: boolean;
}

export type ResolvedNormalize = Required<NormalizeOptions>;

export function resolveNormalize(o: NormalizeOptions = {}): ResolvedNormalize {
  return { lowercase: o.lowercase ?? false, unicode: o.unicode ?? 'NFC', collapseWhitespace: o.collapseWhitespace ?? true };
}

/** The word-boundary marker of SentencePiece (U+2581); input occurrences count as whitespace. */
export const WORD_START = '\u2581';

const WHITESPACE_RUN = /[\s\u2581]+/gu;

/** The text that `decode(encode(text))` returns: the input with only these normalisations applied. */
export function normalizeText(text: string, o: ResolvedNormalize): string {
  let s = o.unicode === 'none' ? text : text.normalize(o.unicode);
  if (o.lowercase) s = s.toLowerCase();
  if (o.collapseWhitespace) s = s.replace(WHITESPACE_RUN, ' ').trim();
  return s;
}
