import { tokenize13a } from './tokenizer-13a.js';
import { tokenizeChar } from './tokenizer-char.js';
import { tokenizeIntl } from './tokenizer-intl.js';

/** Tokenizers that BLEU supports; the name is also the `tok:` field of the signature. */
export const BLEU_TOKENIZERS = {
  '13a': tokenize13a,
  char: tokenizeChar,
  none: (line: string): string => line,
  intl: tokenizeIntl,
} as const satisfies Record<string, (line: string) => string>;

export type BleuTokenizerName = keyof typeof BLEU_TOKENIZERS;

/** Looks a tokenizer up by name; an unknown name throws and lists the known ones. */
export function bleuTokenizer(name: string): (line: string) => string {
  if (!Object.hasOwn(BLEU_TOKENIZERS, name)) {
    throw new Error(`unknown BLEU tokenizer '${name}'; known: ${Object.keys(BLEU_TOKENIZERS).join(', ')}`);
  }
  return BLEU_TOKENIZERS[name as BleuTokenizerName];
}
