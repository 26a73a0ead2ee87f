import { type JsonObject, Registry } from '@seq2seq/core';

/**
 * Text <-> pieces. `decode(encode(s))` equals `s` after the tokenizer's documented normalisation
 * (Unicode form, optional lowercasing, whitespace runs collapsed to one space and trimmed).
 */
export interface Tokenizer {
  /** Registry key, stored in checkpoints. */
  readonly kind: string;
  encode(text: string): string[];
  decode(pieces: readonly string[]): string;
  /** `{ kind, ... }`; `tokenizerFromJSON` rebuilds an identical tokenizer. */
  toJSON(): JsonObject;
}

export type TokenizerLoader = (json: JsonObject) => Tokenizer;

/** Tokenizer kinds by name ('char', 'word', 'bpe' are registered by this package). */
export const tokenizers = new Registry<TokenizerLoader>('tokenizer');

export function tokenizerFromJSON(json: JsonObject): Tokenizer {
  const kind = json.kind;
  if (typeof kind !== 'string') throw new Error(`tokenizer JSON needs a string 'kind', got ${JSON.stringify(kind)}`);
  return tokenizers.get(kind)(json);
}
