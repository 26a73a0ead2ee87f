import { type JsonObject, startProgress } from '@seq2seq/core';
import { BpeTokenizer, CharTokenizer, TextField, type Tokenizer, WordTokenizer } from '@seq2seq/text';
import type { TextModelOptions } from './options.js';

/** Source and target text fields (tokenizer + vocabulary); the same object twice when shared. */
export interface Fields {
  source: TextField;
  target: TextField;
}

type FieldOptions = Pick<TextModelOptions, 'tokenizer' | 'vocabSize' | 'sharedVocab' | 'lowercase' | 'minFrequency'>;

/** Learns tokenizers and vocabularies from the training texts only. */
export function buildFields(sources: readonly string[], targets: readonly string[], o: FieldOptions, log?: (line: string) => void): Fields {
  if (o.sharedVocab) {
    const all = [...sources, ...targets];
    const field = buildField(all, o, 'shared', log);
    return { source: field, target: field };
  }
  return { source: buildField(sources, o, 'source', log), target: buildField(targets, o, 'target', log) };
}

function buildField(texts: readonly string[], o: FieldOptions, side: string, log: ((line: string) => void) | undefined): TextField {
  const tokenizer = makeTokenizer(texts, o, side, log);
  const maxSize = o.tokenizer === 'bpe' || o.vocabSize === 0 ? undefined : o.vocabSize + 4;
  return TextField.build(texts, tokenizer, { minFrequency: o.minFrequency, ...(maxSize ? { maxSize } : {}) });
}

function makeTokenizer(texts: readonly string[], o: FieldOptions, side: string, log: ((line: string) => void) | undefined): Tokenizer {
  const norm = { lowercase: o.lowercase };
  switch (o.tokenizer) {
    case 'char':
      return new CharTokenizer(norm);
    case 'word':
      return new WordTokenizer(norm);
    case 'bpe': {
      // Learning 8,000 merges on a large corpus takes minutes: say how far it is.
      const bar = log ? startProgress({ label: `vocabulary (${side} BPE merges)`, total: 0, log }) : undefined;
      const tok = BpeTokenizer.learn(texts, { vocabSize: o.vocabSize, ...norm, ...(bar ? { onMerge: (done: number, total: number) => bar.update(done, total) } : {}) });
      bar?.finish();
      return tok;
    }
  }
}

export function fieldsToJSON(f: Fields): JsonObject {
  return f.source === f.target ? { shared: f.source.toJSON() } : { source: f.source.toJSON(), target: f.target.toJSON() };
}

export function fieldsFromJSON(json: JsonObject, where: string): Fields {
  const obj = (v: unknown, name: string): JsonObject => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${where}: task.fields.${name} is missing or not an object`);
    return v as JsonObject;
  };
  if (json.shared !== undefined) {
    const f = TextField.fromJSON(obj(json.shared, 'shared'));
    return { source: f, target: f };
  }
  return { source: TextField.fromJSON(obj(json.source, 'source')), target: TextField.fromJSON(obj(json.target, 'target')) };
}
