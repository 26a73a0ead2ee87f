import { type FlagSchema, flagSpecs, type OptionSpecs, readFlags } from '@seq2seq/cli';
import { checkLstmDecoderOptions, lstmDecoderFlags } from '@seq2seq/decoder-lstm';
import { checkImageEncoderOptions, imageEncoderFlags, isPretrainedKind } from '@seq2seq/image';
import { loopFlags } from '@seq2seq/pipeline';
import { CAPTION_DECODER_KEYS, type CaptionModelOptions, type CaptionTrainOptions } from '../options.js';

/** CLI flag -> model option: the encoder's flags, captioning's own, then the decoder's, with the app's defaults in the help. */
function modelFlags(d: CaptionModelOptions): FlagSchema<CaptionModelOptions> {
  return {
    ...imageEncoderFlags(d),
    'load-size': { key: 'loadSize', spec: { type: 'number', description: 'decode images at this side, then resize on the batch (0 = encoder size)', default: d.loadSize, integer: true, min: 0 } },
    trim: { key: 'trim', spec: { type: 'boolean', description: 'crop images to their drawn (non-transparent) pixels before resizing (--no-trim keeps the margins)', default: d.trim } },
    lowercase: { key: 'lowercase', spec: { type: 'boolean', description: 'lowercase captions', default: d.lowercase } },
    'min-frequency': { key: 'minFrequency', spec: { type: 'number', description: 'drop rarer caption words', default: d.minFrequency, integer: true, min: 1 } },
    'max-caption-length': { key: 'maxCaptionLength', spec: { type: 'number', description: 'caption tokens kept in training', default: d.maxCaptionLength, integer: true, min: 2 } },
    ...lstmDecoderFlags(d, CAPTION_DECODER_KEYS),
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: CaptionTrainOptions): FlagSchema<CaptionTrainOptions> {
  return {
    'batch-size': { key: 'batchSize', spec: { type: 'number', description: '(image, caption) pairs per batch', default: d.batchSize, integer: true, min: 1 } },
    ...loopFlags(d, 'images'),
    'augment-views': { key: 'augmentViews', spec: { type: 'number', description: 'augmented views per training image (MobileNet: cached; conv: on the fly when > 0)', default: d.augmentViews, integer: true, min: 0 } },
    'cache-dir': { key: 'cacheDir', spec: { type: 'string', description: 'MobileNet feature cache (default: $SEQ2SEQ_FEATURE_CACHE, else ~/.cache/seq2seq/image-features; oldest entries pruned past $SEQ2SEQ_FEATURE_CACHE_MB, default 8000)' } },
  };
}

export function captionOptionSpecs(d: CaptionModelOptions, t: CaptionTrainOptions): OptionSpecs {
  return { ...flagSpecs(modelFlags(d)), ...flagSpecs(trainFlags(t)) };
}

/**
 * Reads parsed flags back into option objects; each component checks its own. `data.emoji`: the
 * training data is an emoji set (`--palette auto` then means skin-tones with MobileNet).
 */
export function readCaptionOptions(parsed: Record<string, unknown>, d: CaptionModelOptions, t: CaptionTrainOptions, data: { emoji?: boolean } = {}): { model: CaptionModelOptions; training: CaptionTrainOptions } {
  const m = readFlags(modelFlags(d), parsed, d);
  if ((m.palette as string) === 'auto') m.palette = data.emoji && isPretrainedKind(m.encoder) ? 'skin-tones' : d.palette;
  checkImageEncoderOptions(m);
  checkLstmDecoderOptions(m);
  return { model: m, training: readFlags(trainFlags(t), parsed, t) };
}
