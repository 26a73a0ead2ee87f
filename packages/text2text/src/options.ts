import type { JsonObject } from '@seq2seq/core';
import { type LstmDecoderOptions, lstmDecoderOptionsOf } from '@seq2seq/decoder-lstm';
import type { LoopFlagOptions } from '@seq2seq/pipeline';
import type { TextRnnEncoderOptions } from '@seq2seq/text';

/**
 * Everything that shapes a text-to-text model. Apps override the defaults for their task. The encoder
 * and decoder fields are the components' own option types (`@seq2seq/text`, `@seq2seq/decoder-lstm`).
 */
export interface TextModelOptions extends TextRnnEncoderOptions, LstmDecoderOptions {
  /** Tokenisation of source and target. Default 'bpe'. */
  tokenizer: 'char' | 'word' | 'bpe';
  /** BPE: pieces to learn per side; word/char: largest vocabulary (0 = unlimited). Default 8000. */
  vocabSize: number;
  /** One tokenizer and vocabulary for both sides (same script, e.g. summarisation). Default false. */
  sharedVocab: boolean;
  /** Lowercase both sides before tokenising. Default false. */
  lowercase: boolean;
  /** Drop pieces seen fewer times in training (word/char). Default 1. */
  minFrequency: number;
  /** Source tokens kept; longer sources are truncated (counted in the log). Default 100. */
  maxSourceLength: number;
  /** Target tokens kept in training (incl. <eos>). Default 100. */
  maxTargetLength: number;
  labelSmoothing: number;
}

/** The decoder options text2text offers, in the order its help lists them (`embeddingDim` is the source's too). */
export const TEXT_DECODER_KEYS = ['embeddingDim', 'decoderUnits', 'decoderLayers', 'attention', 'inputFeeding', 'tieEmbeddings', 'copy', 'dropout'] as const;

export const textModelDefaults: TextModelOptions = {
  tokenizer: 'bpe',
  vocabSize: 8000,
  sharedVocab: false,
  lowercase: false,
  minFrequency: 1,
  maxSourceLength: 100,
  maxTargetLength: 100,
  embeddingDim: 256,
  encoderUnits: 256,
  encoderLayers: 1,
  cell: 'lstm',
  bidirectional: true,
  decoderUnits: 512,
  decoderLayers: 1,
  attention: 'general',
  // Off: every README recipe trains with --no-input-feeding (it forces a per-step decoder loop, ~2x
  // slower on wasm/cpu). Checkpoints keep their own setting (see storedModelOptions).
  inputFeeding: false,
  tieEmbeddings: false,
  copy: false,
  dropout: 0.3,
  labelSmoothing: 0.1,
};

/**
 * A checkpoint's model options: what it stored in task.options over today's defaults, and the
 * decoder's fields from the decoder's own config (what its weights were built with; checkpoints
 * from before the decoder fields left task.options have them in both, equal), so changing a
 * default never changes an old model.
 */
export function storedModelOptions(stored: unknown, decoderConfig: JsonObject): TextModelOptions {
  return { ...textModelDefaults, ...(stored as Partial<TextModelOptions> | undefined), ...lstmDecoderOptionsOf(decoderConfig, TEXT_DECODER_KEYS) };
}

/** Training-loop settings exposed on the command line. */
export interface TextTrainOptions extends LoopFlagOptions {
  /** Padded tokens per batch: count x the longest of source and target. Default 4000. */
  batchTokens: number;
  /**
   * Largest count x longest target x target vocabulary per batch (the output layer's [B, T, V]
   * tensors, which dominate memory for large vocabularies; wasm has 4 GB at most). A copy model
   * gets half. 0 = no limit. Default 16,000,000 (64 MB per [B, T, V] float tensor; about 1.3 GB of heap per step).
   */
  batchLogits: number;
}

export const textTrainDefaults: TextTrainOptions = {
  batchTokens: 4000,
  batchLogits: 16_000_000,
  epochs: 20,
  maxMinutes: 0,
  learningRate: 0.002,
  warmupSteps: 200,
  ema: 0,
  validateEvery: 0,
  validateSize: 500,
  patience: 5,
  seed: 1,
};
