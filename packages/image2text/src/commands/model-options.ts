import type { OptionSpecs } from '@seq2seq/cli';
import { type CaptionModelOptions, type CaptionTrainOptions, isPretrainedKind } from '../options.js';

type Flag<K> = { key: K; spec: OptionSpecs[string]; parse?: (v: unknown) => unknown };

const intList = (v: unknown): number[] => {
  const xs = String(v).split(',').map((s) => Number(s.trim()));
  if (xs.length === 0 || xs.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`--conv-channels must be positive integers joined by ',', got '${String(v)}'`);
  return xs;
};

function modelFlags(d: CaptionModelOptions): Record<string, Flag<keyof CaptionModelOptions>> {
  return {
    encoder: { key: 'encoder', spec: { type: 'string', description: 'mobilenet (v1, pretrained, cached features; frozen unless --fine-tune-blocks) | mobilenet-v2 (v2 1.0 from a local folder, frozen, cached) | conv (trained from scratch)', default: d.encoder } },
    alpha: { key: 'alpha', spec: { type: 'number', description: 'MobileNet v1 width multiplier', default: d.alpha } },
    'fine-tune-blocks': { key: 'fineTuneBlocks', spec: { type: 'number', description: 'MobileNet top blocks trained with the decoder, 0..7 (0 = frozen)', default: d.fineTuneBlocks, integer: true, min: 0 } },
    palette: { key: 'palette', spec: { type: 'string', description: "MobileNet: skin-tones appends each grid cell's shares of emoji skin-tone colours to its features | none | auto (skin-tones for --emoji with mobilenet)", default: 'auto' } },
    'conv-channels': { key: 'convChannels', spec: { type: 'string', description: 'ConvEncoder channels per block', default: d.convChannels.join(',') }, parse: intList },
    'conv-input-size': { key: 'convInputSize', spec: { type: 'number', description: 'ConvEncoder input side', default: d.convInputSize, integer: true, min: 8 } },
    'load-size': { key: 'loadSize', spec: { type: 'number', description: 'decode images at this side, then resize on the batch (0 = encoder size)', default: d.loadSize, integer: true, min: 0 } },
    trim: { key: 'trim', spec: { type: 'boolean', description: 'crop images to their drawn (non-transparent) pixels before resizing (--no-trim keeps the margins)', default: d.trim } },
    lowercase: { key: 'lowercase', spec: { type: 'boolean', description: 'lowercase captions', default: d.lowercase } },
    'min-frequency': { key: 'minFrequency', spec: { type: 'number', description: 'drop rarer caption words', default: d.minFrequency, integer: true, min: 1 } },
    'max-caption-length': { key: 'maxCaptionLength', spec: { type: 'number', description: 'caption tokens kept in training', default: d.maxCaptionLength, integer: true, min: 2 } },
    'embedding-dim': { key: 'embeddingDim', spec: { type: 'number', description: 'word embedding width', default: d.embeddingDim, integer: true, min: 1 } },
    'decoder-units': { key: 'decoderUnits', spec: { type: 'number', description: 'decoder LSTM units', default: d.decoderUnits, integer: true, min: 1 } },
    'decoder-layers': { key: 'decoderLayers', spec: { type: 'number', description: 'decoder LSTM layers', default: d.decoderLayers, integer: true, min: 1 } },
    attention: { key: 'attention', spec: { type: 'string', description: 'none | dot | general | additive', default: d.attention } },
    'input-feeding': { key: 'inputFeeding', spec: { type: 'boolean', description: 'feed the previous attentional vector', default: d.inputFeeding } },
    dropout: { key: 'dropout', spec: { type: 'number', description: 'decoder dropout', default: d.dropout, min: 0 } },
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: CaptionTrainOptions): Record<string, Flag<keyof CaptionTrainOptions>> {
  return {
    'batch-size': { key: 'batchSize', spec: { type: 'number', description: '(image, caption) pairs per batch', default: d.batchSize, integer: true, min: 1 } },
    epochs: { key: 'epochs', spec: { type: 'number', description: 'most epochs', default: d.epochs, integer: true, min: 1 } },
    'max-minutes': { key: 'maxMinutes', spec: { type: 'number', description: 'wall-clock budget of the training loop (0 = none)', default: d.maxMinutes, min: 0 } },
    lr: { key: 'learningRate', spec: { type: 'number', description: 'peak Adam learning rate', default: d.learningRate, min: 0 } },
    warmup: { key: 'warmupSteps', spec: { type: 'number', description: 'linear warm-up updates', default: d.warmupSteps, integer: true, min: 0 } },
    ema: { key: 'ema', spec: { type: 'number', description: 'decay of the weight average used for validation and best/ (0 = off, e.g. 0.999)', default: d.ema, min: 0 } },
    'validate-every': { key: 'validateEvery', spec: { type: 'number', description: 'validate every N updates (0 = each epoch)', default: d.validateEvery, integer: true, min: 0 } },
    'validate-size': { key: 'validateSize', spec: { type: 'number', description: 'validation images captioned for model selection (0 = all)', default: d.validateSize, integer: true, min: 0 } },
    patience: { key: 'patience', spec: { type: 'number', description: 'stop after N validations without improvement (0 = never)', default: d.patience, integer: true, min: 0 } },
    seed: { key: 'seed', spec: { type: 'number', description: 'random seed', default: d.seed, integer: true } },
    'augment-views': { key: 'augmentViews', spec: { type: 'number', description: 'augmented views per training image (MobileNet: cached; conv: on the fly when > 0)', default: d.augmentViews, integer: true, min: 0 } },
    'cache-dir': { key: 'cacheDir', spec: { type: 'string', description: 'MobileNet feature cache (default: $SEQ2SEQ_FEATURE_CACHE, else ~/.cache/seq2seq/image-features; oldest entries pruned past $SEQ2SEQ_FEATURE_CACHE_MB, default 8000)' } },
  };
}

export function captionOptionSpecs(d: CaptionModelOptions, t: CaptionTrainOptions): OptionSpecs {
  const out: OptionSpecs = {};
  for (const [flag, f] of Object.entries({ ...modelFlags(d), ...trainFlags(t) })) out[flag] = f.spec;
  return out;
}

/** Reads parsed flags back into option objects, checking enumerations. */
/** `data.emoji`: the training data is an emoji set (`--palette auto` then means skin-tones with MobileNet). */
export function readCaptionOptions(parsed: Record<string, unknown>, d: CaptionModelOptions, t: CaptionTrainOptions, data: { emoji?: boolean } = {}): { model: CaptionModelOptions; training: CaptionTrainOptions } {
  const model = { ...d } as Record<string, unknown>;
  const training = { ...t } as Record<string, unknown>;
  for (const [flag, f] of Object.entries(modelFlags(d))) if (parsed[flag] !== undefined) model[f.key] = f.parse ? f.parse(parsed[flag]) : parsed[flag];
  for (const [flag, f] of Object.entries(trainFlags(t))) if (parsed[flag] !== undefined) training[f.key] = parsed[flag];
  const m = model as unknown as CaptionModelOptions;
  const oneOf = (name: string, v: unknown, allowed: unknown[]) => {
    if (!allowed.includes(v)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got '${String(v)}'`);
  };
  oneOf('encoder', m.encoder, ['mobilenet', 'mobilenet-v2', 'conv']);
  oneOf('alpha', m.alpha, [0.25, 0.5, 0.75, 1]);
  oneOf('fine-tune-blocks', m.fineTuneBlocks, [0, 1, 2, 3, 4, 5, 6, 7]);
  // Fine-tuning v2 needs trainable copies of its blocks (as v1's TopBlocks); not built yet.
  if (m.encoder === 'mobilenet-v2' && m.fineTuneBlocks > 0) throw new Error('--fine-tune-blocks needs --encoder mobilenet (v1); mobilenet-v2 is frozen for now');
  if ((m.palette as string) === 'auto') m.palette = data.emoji && isPretrainedKind(m.encoder) ? 'skin-tones' : d.palette;
  oneOf('palette', m.palette, ['none', 'skin-tones']);
  if (m.palette !== 'none' && !isPretrainedKind(m.encoder)) throw new Error(`--palette ${m.palette} needs --encoder mobilenet or mobilenet-v2 (the conv encoder reads colours itself)`);
  oneOf('attention', m.attention, ['none', 'dot', 'general', 'additive']);
  return { model: m, training: training as unknown as CaptionTrainOptions };
}
