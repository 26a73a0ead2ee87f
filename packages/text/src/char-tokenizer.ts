import type { JsonObject } from '@seq2seq/core';
import { readNormalize } from './json-fields.js';
import { normalizeText, type NormalizeOptions, type ResolvedNormalize, resolveNormalize } from './normalize.js';
import type { Tokenizer } from './tokenizer.js';

/**
 * One piece per Unicode code point (so an emoji outside the BMP is one piece, not two UTF-16
 * halves). Spaces are pieces too; `collapseWhitespace` (default true) first reduces runs to one.
 */
export class CharTokenizer implements Tokenizer {
  readonly kind = 'char';
  private readonly norm: ResolvedNormalize;

  constructor(options: NormalizeOptions = {}) {
    this.norm = resolveNormalize(options);
  }

  static fromJSON(json: JsonObject): CharTokenizer {
    return new CharTokenizer(readNormalize(json));
  }

  encode(text: string): string[] {
    return Array.from(normalizeText(text, this.norm));
  }

  decode(pieces: readonly string[]): string {
    return pieces.join('');
  }

  toJSON(): JsonObject {
    return { kind: this.kind, ...this.norm };
  }
}
