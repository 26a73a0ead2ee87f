import type { LoopSettings } from '@seq2seq/core';
import type { FeatureConfig } from '@seq2seq/audio';
import type { AttentionType } from '@seq2seq/decoder-lstm';

/** Everything that shapes a speech model; stored in checkpoints (task.options). */
export interface SpeechModelOptions {
  /** Output units: 'word' (digit strings: 10 words) or 'char'. Default 'word'. */
  output: 'word' | 'char';
  /** Front end (see @seq2seq/audio FeatureConfig); unset fields take these defaults. */
  features: Partial<FeatureConfig>;
  /** Encoder units per direction (encoder width = 2x). Default 64. */
  encoderUnits: number;
  /** BiLSTM layers after subsampling. Default 2. */
  encoderLayers: number;
  cell: 'lstm' | 'gru';
  /** Time reduction by strided convolutions (power of two). Default 4. */
  factor: number;
  convChannels: number;
  embeddingDim: number;
  decoderUnits: number;
  attention: AttentionType;
  inputFeeding: boolean;
  dropout: number;
  labelSmoothing: number;
}

/**
 * 8 kHz (FSDD's rate, no resampling cost) MFCC with 23 mel bands (Kaldi's 8 kHz default) + deltas,
 * per-utterance CMVN (removes channel and speaker level differences).
 */
export const speechFeatureDefaults: Partial<FeatureConfig> = { kind: 'mfcc', sampleRate: 8000, melBands: 23, numCoefficients: 13, deltaOrder: 2, normalize: 'utterance' };

export const speechModelDefaults: SpeechModelOptions = {
  output: 'word',
  features: speechFeatureDefaults,
  encoderUnits: 64,
  encoderLayers: 2,
  cell: 'lstm',
  factor: 4,
  convChannels: 64,
  embeddingDim: 32,
  decoderUnits: 128,
  attention: 'general',
  inputFeeding: false,
  dropout: 0.2,
  labelSmoothing: 0.1,
};

/** Training-loop and augmentation settings. */
export interface SpeechTrainOptions extends LoopSettings {
  /** Padded frames per batch (utterances x longest). Default 8000. */
  batchFrames: number;
  /** Validation utterances decoded greedily for model selection (0 = all). Default 300. */
  validateSize: number;
  /** SpecAugment masks on training features (new masks every epoch). Default true. */
  specAugment: boolean;
  /** Epochs at the start that train only on short targets (0 = no curriculum). Default 0. */
  curriculumEpochs: number;
  /** Most words of a curriculum example's transcript. Default 3. */
  curriculumMaxWords: number;
}

export const speechTrainDefaults: SpeechTrainOptions = {
  batchFrames: 8000,
  epochs: 40,
  maxMinutes: 0,
  learningRate: 0.003,
  warmupSteps: 100,
  ema: 0,
  validateEvery: 0,
  validateSize: 300,
  patience: 8,
  seed: 1,
  specAugment: true,
  curriculumEpochs: 0,
  curriculumMaxWords: 3,
};
