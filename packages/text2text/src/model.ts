import { buildModel, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import { lstmDecoderSpec } from '@seq2seq/decoder-lstm';
import { type TextBatch, textRnnEncoderSpec } from '@seq2seq/text';
import type { Fields } from './fields.js';
import type { TextModelOptions } from './options.js';

/** The registry config of a text-rnn encoder + lstm decoder sized for these fields (the decoder reads the encoder's width). */
export function textModelConfig(fields: Fields, o: TextModelOptions): ModelConfig {
  return {
    // One embedding width and dropout for both sides.
    encoder: textRnnEncoderSpec(o, { vocabSize: fields.source.vocab.size, embeddingDim: o.embeddingDim, dropout: o.dropout }),
    decoder: lstmDecoderSpec(o, fields.target.vocab.size),
    model: { projectWidth: false, labelSmoothing: o.labelSmoothing },
  };
}

export function createTextModel(fields: Fields, o: TextModelOptions, seed: number): Seq2Seq<TextBatch> {
  return buildModel<TextBatch>(textModelConfig(fields, o), { seed });
}
