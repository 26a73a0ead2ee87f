import type { JsonObject } from '@seq2seq/core';
import { readNormalize } from './json-fields.js';
import { normalizeText, type NormalizeOptions, type ResolvedNormalize, resolveNormalize } from './normalize.js';
import { joinPieces, pretokenize } from './pretokenize.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * Words, numbers, single punctuation marks, single CJK characters and whole emoji, split like
 * sacreBLEU's 13a tokeniser. A piece that follows a space starts with '▁' (U+2581), so
 * "Hi, you!" -> ['▁Hi', ',', '▁you', '!'] and decode restores the spacing exactly.
 * Whitespace is always collapsed (runs -> one space, trimmed).
 */
export class WordTokenizer implements Tokenizer {
  readonly kind = 'word';
  private readonly norm: ResolvedNormalize;

  constructor(options: Omit<NormalizeOptions, 'collapseWhitespace'> = {}) {
    this.norm = { ...resolveNormalize(options), collapseWhitespace: true };
  }

  static fromJSON(json: JsonObject): WordTokenizer {
    return new WordTokenizer(readNormalize(json));
  }

  encode(text: string): string[] {
    return pretokenize(normalizeText(text, this.norm));
  }

  decode(pieces: readonly string[]): string {
    return joinPieces(pieces);
  }

  toJSON(): JsonObject {
    return { kind: this.kind, lowercase: this.norm.lowercase, unicode: this.norm.unicode };
  }
}
