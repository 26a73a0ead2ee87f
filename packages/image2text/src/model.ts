import { buildModel, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import { lstmDecoderSpec } from '@seq2seq/decoder-lstm';
import { type ImageBatch, imageEncoderSpec } from '@seq2seq/image';
import type { TextField } from '@seq2seq/text';
import type { CaptionModelOptions } from './options.js';

/** The registry config of an image encoder + lstm decoder sized for this caption field (the decoder reads the encoder's width). */
export function captionModelConfig(field: TextField, o: CaptionModelOptions): ModelConfig {
  return {
    encoder: imageEncoderSpec(o),
    decoder: lstmDecoderSpec(o, field.vocab.size),
    model: { projectWidth: false, labelSmoothing: o.labelSmoothing },
  };
}

/** A fresh captioning model. A MobileNet encoder still needs `await model.encoder.load()` before it sees pixels. */
export function createCaptionModel(field: TextField, o: CaptionModelOptions, seed: number): Seq2Seq<ImageBatch> {
  return buildModel<ImageBatch>(captionModelConfig(field, o), { seed });
}

/**
 * For a fresh model only: loads the encoder's pretrained weights and copies them into its trainable
 * part (MobileNet `fineTuneBlocks` > 0; a no-op for other encoders). Never call it after restoring a
 * checkpoint: it would replace the trained weights.
 */
export async function initPretrainedEncoder(model: Seq2Seq<ImageBatch>): Promise<void> {
  const enc = model.encoder as Seq2Seq<ImageBatch>['encoder'] & { initFromPretrained?: () => unknown };
  // Loading also fixes which weights a MobileNet v2 encoder names in its config (a hash), before any save.
  await enc.load?.();
  enc.initFromPretrained?.();
}
