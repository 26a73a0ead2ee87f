import { buildModel, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/text';
import type { TextBatch } from '@seq2seq/text';
import type { Fields } from './fields.js';
import type { TextModelOptions } from './options.js';

/** The registry config of a text-rnn encoder + lstm decoder sized for these fields. */
export function textModelConfig(fields: Fields, o: TextModelOptions): ModelConfig {
  const encoderWidth = o.bidirectional ? 2 * o.encoderUnits : o.encoderUnits;
  return {
    encoder: {
      kind: 'text-rnn',
      config: {
        vocabSize: fields.source.vocab.size,
        embeddingDim: o.embeddingDim,
        units: o.encoderUnits,
        layers: o.encoderLayers,
        cell: o.cell,
        bidirectional: o.bidirectional,
        dropout: o.dropout,
      },
    },
    decoder: {
      kind: 'lstm',
      config: {
        vocabSize: fields.target.vocab.size,
        inputDim: encoderWidth,
        embeddingDim: o.embeddingDim,
        units: o.decoderUnits,
        layers: o.decoderLayers,
        attention: o.attention,
        inputFeeding: o.inputFeeding,
        tieEmbeddings: o.tieEmbeddings,
        // `?? false`: options stored by checkpoints from before the copy option lack it.
        copy: o.copy ?? false,
        dropout: o.dropout,
      },
    },
    model: { projectWidth: false, labelSmoothing: o.labelSmoothing },
  };
}

export function createTextModel(fields: Fields, o: TextModelOptions, seed: number): Seq2Seq<TextBatch> {
  return buildModel<TextBatch>(textModelConfig(fields, o), { seed });
}
