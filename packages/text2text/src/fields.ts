import type { JsonObject } from '@seq2seq/core';
import { BpeTokenizer, CharTokenizer, TextField, type Tokenizer, WordTokenizer } from '@seq2seq/text';
import type { TextModelOptions } from './options.js';

/** Source and target text fields (tokenizer + vocabulary); the same object twice when shared. */
export interface Fields {
  source: TextField;
  target: TextField;
}

type FieldOptions = Pick<TextModelOptions, 'tokenizer' | 'vocabSize' | 'sharedVocab' | 'lowercase' | 'minFrequency'>;

/** Learns tokenizers and vocabularies from the training texts only. */
export function buildFields(sources: readonly string[], targets: readonly string[], o: FieldOptions): Fields {
  if (o.sharedVocab) {
    const all = [...sources, ...targets];
    const field = buildField(all, o);
    return { source: field, target: field };
  }
  return { source: buildField(sources, o), target: buildField(targets, o) };
}

function buildField(texts: readonly string[], o: FieldOptions): TextField {
  const tokenizer = makeTokenizer(texts, o);
  const maxSize = o.tokenizer === 'bpe' || o.vocabSize === 0 ? undefined : o.vocabSize + 4;
  return TextField.build(texts, tokenizer, { minFrequency: o.minFrequency, ...(maxSize ? { maxSize } : {}) });
}

function makeTokenizer(texts: readonly string[], o: FieldOptions): Tokenizer {
  const norm = { lowercase: o.lowercase };
  switch (o.tokenizer) {
    case 'char':
      return new CharTokenizer(norm);
    case 'word':
      return new WordTokenizer(norm);
    case 'bpe':
      return BpeTokenizer.learn(texts, { vocabSize: o.vocabSize, ...norm });
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
