import { checkOneOf, type FlagSchema } from '@seq2seq/cli/flags';
import type { ComponentSpec, JsonObject } from '@seq2seq/core';

export const IMAGE_ENCODER_KINDS = ['mobilenet', 'mobilenet-v2', 'conv'] as const;
export type ImageEncoderKind = (typeof IMAGE_ENCODER_KINDS)[number];

/** The pretrained (frozen, cached-feature) encoder kinds. */
export const isPretrainedKind = (k: ImageEncoderKind): boolean => k === 'mobilenet' || k === 'mobilenet-v2';

/** The image encoder settings a pipeline exposes as flags (which encoder, and each kind's own). */
export interface ImageEncoderOptions {
  encoder: ImageEncoderKind;
  /** MobileNet v1 width multiplier. */
  alpha: 0.25 | 0.5 | 0.75 | 1;
  /** MobileNet v1 top blocks trained with the decoder, 0..7 (0 = frozen). */
  fineTuneBlocks: number;
  /** Pretrained kinds: colour-share channels appended to each grid cell. */
  palette: 'none' | 'skin-tones';
  /** ConvEncoder channels per block. */
  convChannels: number[];
  /** ConvEncoder input side. */
  convInputSize: number;
}

const ALPHAS = [0.25, 0.5, 0.75, 1] as const;
const PALETTE_CHOICES = ['none', 'skin-tones'] as const;

const intList = (v: unknown): number[] => {
  const xs = String(v).split(',').map((s) => Number(s.trim()));
  if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`--conv-channels must be positive integers joined by ',', got '${String(v)}'`);
  return xs;
};

/**
 * The encoder's command-line flags, help and defaults (`d`, the pipeline's), written once.
 * `--palette` also takes 'auto', which the pipeline resolves from its data before
 * `checkImageEncoderOptions`.
 */
export function imageEncoderFlags(d: ImageEncoderOptions): FlagSchema<ImageEncoderOptions> {
  return {
    encoder: { key: 'encoder', spec: { type: 'string', description: 'mobilenet (v1, pretrained, cached features; frozen unless --fine-tune-blocks) | mobilenet-v2 (v2 1.0 from a local folder, frozen, cached) | conv (trained from scratch)', default: d.encoder } },
    alpha: { key: 'alpha', spec: { type: 'number', description: 'MobileNet v1 width multiplier', default: d.alpha } },
    'fine-tune-blocks': { key: 'fineTuneBlocks', spec: { type: 'number', description: 'MobileNet top blocks trained with the decoder, 0..7 (0 = frozen)', default: d.fineTuneBlocks, integer: true, min: 0 } },
    palette: { key: 'palette', spec: { type: 'string', description: "MobileNet: skin-tones appends each grid cell's shares of emoji skin-tone colours to its features | none | auto (skin-tones for --emoji with mobilenet)", default: 'auto' } },
    'conv-channels': { key: 'convChannels', spec: { type: 'string', description: 'ConvEncoder channels per block', default: d.convChannels.join(',') }, parse: intList },
    'conv-input-size': { key: 'convInputSize', spec: { type: 'number', description: 'ConvEncoder input side', default: d.convInputSize, integer: true, min: 8 } },
  };
}

/** Checks the enumerations and the combinations the encoders cannot build, naming the flags. */
export function checkImageEncoderOptions(o: ImageEncoderOptions): void {
  checkOneOf('encoder', o.encoder, IMAGE_ENCODER_KINDS);
  checkOneOf('alpha', o.alpha, ALPHAS);
  checkOneOf('fine-tune-blocks', o.fineTuneBlocks, [0, 1, 2, 3, 4, 5, 6, 7]);
  // Fine-tuning v2 needs trainable copies of its blocks (as v1's TopBlocks); not built yet.
  if (o.encoder === 'mobilenet-v2' && o.fineTuneBlocks > 0) throw new Error('--fine-tune-blocks needs --encoder mobilenet (v1); mobilenet-v2 is frozen for now');
  checkOneOf('palette', o.palette, PALETTE_CHOICES);
  if (o.palette !== 'none' && !isPretrainedKind(o.encoder)) throw new Error(`--palette ${o.palette} needs --encoder mobilenet or mobilenet-v2 (the conv encoder reads colours itself)`);
}

/** The registry spec of the chosen image encoder. */
export function imageEncoderSpec(o: ImageEncoderOptions): ComponentSpec {
  if (!IMAGE_ENCODER_KINDS.includes(o.encoder)) throw new Error(`image encoder must be 'mobilenet', 'mobilenet-v2' or 'conv', got '${String(o.encoder)}'`);
  const palette: JsonObject = o.palette === 'none' ? {} : { palette: o.palette };
  if (o.encoder === 'mobilenet') return { kind: 'mobilenet', config: { version: 1, alpha: o.alpha, fineTuneBlocks: o.fineTuneBlocks ?? 0, ...palette } };
  // v2: which weights is filled in by load() (config.weights, a hash), before the first checkpoint is saved.
  if (o.encoder === 'mobilenet-v2') return { kind: 'mobilenet-v2', config: { ...palette } };
  return { kind: 'conv', config: { channels: o.convChannels, kernelSize: 3, inputSize: o.convInputSize } };
}
