import type { JsonObject, TargetBatch } from '@seq2seq/core';
import { targetBatch, textBatch, type TextBatch } from './batch.js';
import type { Tokenizer } from './tokenizer.js';
import { tokenizerFromJSON } from './tokenizer.js';
import { EOS, Vocabulary, type VocabularyOptions } from './vocabulary.js';

export interface SourceOptions {
  /** Longest source row (including <eos> when appended); longer rows are truncated and counted. Default unlimited. */
  maxLength?: number;
  /** Append <eos> to each source row. Default false. */
  appendEos?: boolean;
}

export interface TargetOptions {
  /** Longest target (T, counting the <eos> step); longer targets are truncated, still end with <eos>, and are counted. Default unlimited. */
  maxLength?: number;
}

/** Running counts since construction or `resetStats()`. */
export interface FieldStats {
  texts: number;
  tokens: number;
  unknown: number;
  truncated: number;
}

/**
 * Tokenizer + vocabulary: raw texts -> id rows -> padded tensors, and ids -> text.
 * Policy: an empty source (nothing left after tokenising) is an error naming its index; an empty
 * target is allowed (the model learns to emit <eos>); overlong rows are truncated and counted.
 */
export class TextField {
  stats: FieldStats = { texts: 0, tokens: 0, unknown: 0, truncated: 0 };

  constructor(
    readonly tokenizer: Tokenizer,
    readonly vocab: Vocabulary,
  ) {}

  /** Builds the vocabulary from the texts as this tokenizer splits them. */
  static build(texts: Iterable<string>, tokenizer: Tokenizer, options: VocabularyOptions = {}): TextField {
    const tokenised = (function* () {
      for (const t of texts) yield tokenizer.encode(t);
    })();
    return new TextField(tokenizer, Vocabulary.build(tokenised, options));
  }

  static fromJSON(json: JsonObject): TextField {
    const { tokenizer, vocab } = json;
    if (!isObject(tokenizer) || !isObject(vocab)) throw new Error(`text field JSON needs 'tokenizer' and 'vocab' objects`);
    return new TextField(tokenizerFromJSON(tokenizer), Vocabulary.fromJSON(vocab));
  }

  toJSON(): JsonObject {
    return { tokenizer: this.tokenizer.toJSON(), vocab: this.vocab.toJSON() };
  }

  resetStats(): void {
    this.stats = { texts: 0, tokens: 0, unknown: 0, truncated: 0 };
  }

  /** Token ids of one text, no specials, no truncation. */
  ids(text: string): number[] {
    this.stats.texts++;
    return this.vocab.encode(this.tokenizer.encode(text), this.stats);
  }

  /** Source id rows; throws on a text that tokenises to nothing, naming its index. */
  sourceIds(texts: readonly string[], options: SourceOptions = {}): number[][] {
    const appendEos = options.appendEos ?? false;
    const room = (options.maxLength ?? Infinity) - (appendEos ? 1 : 0);
    if (room < 1) throw new Error(`maxLength ${options.maxLength} leaves no room for a source token`);
    return texts.map((text, i) => {
      const ids = this.ids(text);
      if (ids.length === 0) throw new Error(`source text #${i} is empty after tokenising (${JSON.stringify(text.slice(0, 40))})`);
      const row = this.truncate(ids, room);
      return appendEos ? [...row, EOS] : row;
    });
  }

  /** Target id rows without specials (targetBatch adds <sos>/<eos>), truncated to maxLength - 1. */
  targetIds(texts: readonly string[], options: TargetOptions = {}): number[][] {
    const room = (options.maxLength ?? Infinity) - 1;
    if (room < 0) throw new Error(`target maxLength must be at least 1 (the <eos> step), got ${options.maxLength}`);
    return texts.map((text) => this.truncate(this.ids(text), room));
  }

  prepareSource(texts: readonly string[], options: SourceOptions = {}): TextBatch {
    return textBatch(this.sourceIds(texts, options));
  }

  prepareTarget(texts: readonly string[], options: TargetOptions = {}): TargetBatch {
    return targetBatch(this.targetIds(texts, options));
  }

  /** Ids (e.g. a decoder's output, stops at <eos>) -> detokenised text. */
  decode(ids: Iterable<number>): string {
    return this.tokenizer.decode(this.vocab.decode(ids));
  }

  private truncate(ids: number[], room: number): number[] {
    if (ids.length <= room) return ids;
    this.stats.truncated++;
    return ids.slice(0, room);
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
