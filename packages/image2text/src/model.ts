import { buildModel, type ComponentSpec, type JsonObject, type ModelConfig, type Seq2Seq } from '@seq2seq/core';
import '@seq2seq/decoder-lstm';
import '@seq2seq/image';
import { type ImageBatch, paletteByName, V2_GRID_CHANNELS } from '@seq2seq/image';
import type { TextField } from '@seq2seq/text';
import { type CaptionModelOptions, isPretrainedKind } from './options.js';

/** Encoder width of these options: MobileNet v1 gives 1024 * alpha channels, v2 1280 (+ palette channels each), the ConvEncoder its last block's. */
export function imageEncoderWidth(o: CaptionModelOptions): number {
  if (!isPretrainedKind(o.encoder)) return o.convChannels[o.convChannels.length - 1]!;
  const grid = o.encoder === 'mobilenet-v2' ? V2_GRID_CHANNELS : Math.round(1024 * o.alpha);
  return grid + (o.palette === 'none' ? 0 : paletteByName(o.palette).names.length);
}

/** The registry config of an image encoder + lstm decoder sized for this caption field. */
export function captionModelConfig(field: TextField, o: CaptionModelOptions): ModelConfig {
  if (!['mobilenet', 'mobilenet-v2', 'conv'].includes(o.encoder)) throw new Error(`image encoder must be 'mobilenet', 'mobilenet-v2' or 'conv', got '${String(o.encoder)}'`);
  const palette: JsonObject = o.palette === 'none' ? {} : { palette: o.palette };
  const encoder: ComponentSpec =
    o.encoder === 'mobilenet'
      ? { kind: 'mobilenet', config: { version: 1, alpha: o.alpha, fineTuneBlocks: o.fineTuneBlocks ?? 0, ...palette } }
      : // v2: which weights is filled in by load() (config.weights, a hash), before the first checkpoint is saved.
        o.encoder === 'mobilenet-v2'
        ? { kind: 'mobilenet-v2', config: { ...palette } }
        : { kind: 'conv', config: { channels: o.convChannels, kernelSize: 3, inputSize: o.convInputSize } };
  return {
    encoder,
    decoder: {
      kind: 'lstm',
      config: {
        vocabSize: field.vocab.size,
        inputDim: imageEncoderWidth(o),
        embeddingDim: o.embeddingDim,
        units: o.decoderUnits,
        layers: o.decoderLayers,
        attention: o.attention,
        inputFeeding: o.inputFeeding,
        dropout: o.dropout,
      },
    },
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
