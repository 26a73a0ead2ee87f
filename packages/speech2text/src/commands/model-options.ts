import type { OptionSpecs } from '@seq2seq/cli';
import { speechFeatureDefaults, type SpeechModelOptions, type SpeechTrainOptions } from '../options.js';

type Flag<K> = { key: K; spec: OptionSpecs[string] };

function modelFlags(d: SpeechModelOptions): Record<string, Flag<keyof SpeechModelOptions>> {
  return {
    output: { key: 'output', spec: { type: 'string', description: 'output units: word | char', default: d.output } },
    'encoder-units': { key: 'encoderUnits', spec: { type: 'number', description: 'encoder BiLSTM units per direction', default: d.encoderUnits, integer: true, min: 1 } },
    'encoder-layers': { key: 'encoderLayers', spec: { type: 'number', description: 'encoder BiLSTM layers', default: d.encoderLayers, integer: true, min: 1 } },
    cell: { key: 'cell', spec: { type: 'string', description: 'encoder cell: lstm | gru', default: d.cell } },
    factor: { key: 'factor', spec: { type: 'number', description: 'time reduction by strided convolutions (1, 2, 4, 8)', default: d.factor, integer: true, min: 1 } },
    'conv-channels': { key: 'convChannels', spec: { type: 'number', description: 'subsampling convolution channels', default: d.convChannels, integer: true, min: 1 } },
    'embedding-dim': { key: 'embeddingDim', spec: { type: 'number', description: 'output embedding width', default: d.embeddingDim, integer: true, min: 1 } },
    'decoder-units': { key: 'decoderUnits', spec: { type: 'number', description: 'decoder LSTM units', default: d.decoderUnits, integer: true, min: 1 } },
    attention: { key: 'attention', spec: { type: 'string', description: 'none | dot | general | additive', default: d.attention } },
    'input-feeding': { key: 'inputFeeding', spec: { type: 'boolean', description: 'feed the previous attentional vector (slower)', default: d.inputFeeding } },
    dropout: { key: 'dropout', spec: { type: 'number', description: 'dropout rate', default: d.dropout, min: 0 } },
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: SpeechTrainOptions): Record<string, Flag<keyof SpeechTrainOptions>> {
  return {
    'batch-frames': { key: 'batchFrames', spec: { type: 'number', description: 'padded feature frames per batch', default: d.batchFrames, integer: true, min: 1 } },
    epochs: { key: 'epochs', spec: { type: 'number', description: 'most epochs', default: d.epochs, integer: true, min: 1 } },
    'max-minutes': { key: 'maxMinutes', spec: { type: 'number', description: 'wall-clock budget (0 = none)', default: d.maxMinutes, min: 0 } },
    lr: { key: 'learningRate', spec: { type: 'number', description: 'peak Adam learning rate (inverse-sqrt decay after warm-up)', default: d.learningRate, min: 0 } },
    warmup: { key: 'warmupSteps', spec: { type: 'number', description: 'linear warm-up updates', default: d.warmupSteps, integer: true, min: 0 } },
    ema: { key: 'ema', spec: { type: 'number', description: 'decay of the weight average used for validation and best/ (0 = off, e.g. 0.999)', default: d.ema, min: 0 } },
    'validate-every': { key: 'validateEvery', spec: { type: 'number', description: 'validate every N updates (0 = each epoch)', default: d.validateEvery, integer: true, min: 0 } },
    'validate-size': { key: 'validateSize', spec: { type: 'number', description: 'validation utterances decoded for model selection (0 = all)', default: d.validateSize, integer: true, min: 0 } },
    patience: { key: 'patience', spec: { type: 'number', description: 'stop after N validations without improvement (0 = never)', default: d.patience, integer: true, min: 0 } },
    seed: { key: 'seed', spec: { type: 'number', description: 'random seed (model, data order, augmentation)', default: d.seed, integer: true } },
    'spec-augment': { key: 'specAugment', spec: { type: 'boolean', description: 'SpecAugment masks on training features', default: d.specAugment } },
    'curriculum-epochs': { key: 'curriculumEpochs', spec: { type: 'number', description: 'first epochs train only on short targets (helps attention lock on)', default: d.curriculumEpochs, integer: true, min: 0 } },
    'curriculum-max-words': { key: 'curriculumMaxWords', spec: { type: 'number', description: 'most words of a curriculum example', default: d.curriculumMaxWords, integer: true, min: 1 } },
  };
}

export function speechOptionSpecs(d: SpeechModelOptions, t: SpeechTrainOptions): OptionSpecs {
  const out: OptionSpecs = {
    features: { type: 'string', description: 'front end: mfcc | logmel', default: String(speechFeatureDefaults.kind) },
    'sample-rate': { type: 'number', description: 'audio is resampled to this rate before features', default: Number(speechFeatureDefaults.sampleRate), min: 1000 },
    'mel-bands': { type: 'number', description: 'mel filters', default: Number(speechFeatureDefaults.melBands), integer: true, min: 1 },
  };
  for (const [flag, f] of Object.entries({ ...modelFlags(d), ...trainFlags(t) })) out[flag] = f.spec;
  return out;
}

/** Parsed flags -> option objects, checking the enumerations. */
export function readSpeechOptions(parsed: Record<string, unknown>, d: SpeechModelOptions, t: SpeechTrainOptions): { model: SpeechModelOptions; training: SpeechTrainOptions } {
  const model = { ...d } as Record<string, unknown>;
  const training = { ...t } as Record<string, unknown>;
  for (const [flag, f] of Object.entries(modelFlags(d))) if (parsed[flag] !== undefined) model[f.key] = parsed[flag];
  for (const [flag, f] of Object.entries(trainFlags(t))) if (parsed[flag] !== undefined) training[f.key] = parsed[flag];
  const m = model as unknown as SpeechModelOptions;
  const oneOf = (name: string, v: string, allowed: string[]) => {
    if (!allowed.includes(v)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  };
  oneOf('output', m.output, ['word', 'char']);
  oneOf('cell', m.cell, ['lstm', 'gru']);
  oneOf('attention', m.attention, ['none', 'dot', 'general', 'additive']);
  const kind = String(parsed.features ?? speechFeatureDefaults.kind);
  oneOf('features', kind, ['mfcc', 'logmel']);
  m.features = { ...d.features, kind: kind as 'mfcc' | 'logmel', ...(parsed['sample-rate'] !== undefined ? { sampleRate: Number(parsed['sample-rate']) } : {}), ...(parsed['mel-bands'] !== undefined ? { melBands: Number(parsed['mel-bands']) } : {}) };
  return { model: m, training: training as unknown as SpeechTrainOptions };
}
