import { featureConfig, featureDim } from '@seq2seq/audio';
import { buildModel, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import type { AudioBatch } from '@seq2seq/audio';
import type { SpeechModelOptions } from './options.js';

/** Registry config of an audio-rnn encoder + lstm decoder for this front end and vocabulary. */
export function speechModelConfig(vocabSize: number, o: SpeechModelOptions): ModelConfig {
  return {
    encoder: {
      kind: 'audio-rnn',
      config: { inputDim: featureDim(featureConfig(o.features)), units: o.encoderUnits, layers: o.encoderLayers, cell: o.cell, subsampling: 'conv', factor: o.factor, convChannels: o.convChannels, dropout: o.dropout },
    },
    decoder: {
      kind: 'lstm',
      config: { vocabSize, inputDim: 2 * o.encoderUnits, embeddingDim: o.embeddingDim, units: o.decoderUnits, layers: 1, attention: o.attention, inputFeeding: o.inputFeeding, dropout: o.dropout },
    },
    model: { projectWidth: false, labelSmoothing: o.labelSmoothing },
  };
}

export function createSpeechModel(vocabSize: number, o: SpeechModelOptions, seed: number): Seq2Seq<AudioBatch> {
  return buildModel<AudioBatch>(speechModelConfig(vocabSize, o), { seed });
}
