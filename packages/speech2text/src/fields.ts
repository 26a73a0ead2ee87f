import type { JsonObject } from '@seq2seq/core';
import { CharTokenizer, TextField, WordTokenizer } from '@seq2seq/text';

/** The target field (tokenizer + vocabulary) learnt from the training transcripts. */
export function buildTargetField(texts: readonly string[], output: 'word' | 'char'): TextField {
  const tokenizer = output === 'word' ? new WordTokenizer({ lowercase: true }) : new CharTokenizer({ lowercase: true });
  return TextField.build(texts, tokenizer);
}

export function targetFieldFromJSON(json: unknown, where: string): TextField {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${where}: task.target is missing; not a speech-to-text checkpoint`);
  return TextField.fromJSON(json as JsonObject);
}
