import { audioRnnEncoderSpec, featureConfig, featureDim } from '@seq2seq/audio';
import { buildModel, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import { lstmDecoderSpec } from '@seq2seq/decoder-lstm';
import type { AudioBatch } from '@seq2seq/audio';
import type { SpeechModelOptions } from './options.js';

/** Registry config of an audio-rnn encoder + lstm decoder for this front end and vocabulary (the decoder reads the encoder's width). */
export function speechModelConfig(vocabSize: number, o: SpeechModelOptions): ModelConfig {
  return {
    encoder: audioRnnEncoderSpec(o, { inputDim: featureDim(featureConfig(o.features)), dropout: o.dropout }),
    decoder: lstmDecoderSpec(o, vocabSize),
    model: { projectWidth: false, labelSmoothing: o.labelSmoothing },
  };
}

export function createSpeechModel(vocabSize: number, o: SpeechModelOptions, seed: number): Seq2Seq<AudioBatch> {
  return buildModel<AudioBatch>(speechModelConfig(vocabSize, o), { seed });
}
