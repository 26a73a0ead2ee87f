import type { FeatureConfig, AudioRnnEncoderOptions } from '@seq2seq/audio';
import type { LstmDecoderOptions } from '@seq2seq/decoder-lstm';
import type { LoopFlagOptions } from '@seq2seq/pipeline';

/** The decoder options speech2text offers, in the order its help lists them (one decoder layer). */
export const SPEECH_DECODER_KEYS = ['embeddingDim', 'decoderUnits', 'attention', 'inputFeeding', 'dropout'] as const;

/**
 * Everything that shapes a speech model; stored in checkpoints (task.options, less the decoder's
 * fields, which its config holds). The encoder fields (encoderUnits: per direction, the width is
 * twice; encoderLayers; cell; factor; convChannels) and decoder fields are the components' own
 * option types. `dropout` is the encoder's too.
 */
export interface SpeechModelOptions extends AudioRnnEncoderOptions, Pick<LstmDecoderOptions, (typeof SPEECH_DECODER_KEYS)[number]> {
  /** Output units: 'word' (digit strings: 10 words) or 'char'. Default 'word'. */
  output: 'word' | 'char';
  /** Front end (see @seq2seq/audio FeatureConfig); unset fields take these defaults. */
  features: Partial<FeatureConfig>;
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
export interface SpeechTrainOptions extends LoopFlagOptions {
  /** Padded frames per batch (utterances x longest). Default 8000. */
  batchFrames: number;
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
