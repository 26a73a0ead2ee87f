import type { OptionSpecs } from '@seq2seq/cli';
import { textModelDefaults, type TextModelOptions, textTrainDefaults, type TextTrainOptions } from '../options.js';

type Flag<K> = { key: K; spec: OptionSpecs[string] };

/** CLI flag -> model option, with the app's defaults filled into the help text. */
function modelFlags(d: TextModelOptions): Record<string, Flag<keyof TextModelOptions>> {
  return {
    tokenizer: { key: 'tokenizer', spec: { type: 'string', description: 'char | word | bpe', default: d.tokenizer } },
    'vocab-size': { key: 'vocabSize', spec: { type: 'number', description: 'BPE pieces per side, or the largest word/char vocabulary (0 = all)', default: d.vocabSize, integer: true, min: 0 } },
    'shared-vocab': { key: 'sharedVocab', spec: { type: 'boolean', description: 'one vocabulary for source and target', default: d.sharedVocab } },
    lowercase: { key: 'lowercase', spec: { type: 'boolean', description: 'lowercase both sides', default: d.lowercase } },
    'min-frequency': { key: 'minFrequency', spec: { type: 'number', description: 'drop rarer word/char pieces', default: d.minFrequency, integer: true, min: 1 } },
    'max-source-length': { key: 'maxSourceLength', spec: { type: 'number', description: 'source tokens kept (longer are truncated)', default: d.maxSourceLength, integer: true, min: 1 } },
    'max-target-length': { key: 'maxTargetLength', spec: { type: 'number', description: 'target tokens kept in training', default: d.maxTargetLength, integer: true, min: 2 } },
    'embedding-dim': { key: 'embeddingDim', spec: { type: 'number', description: 'embedding width', default: d.embeddingDim, integer: true, min: 1 } },
    'encoder-units': { key: 'encoderUnits', spec: { type: 'number', description: 'encoder units per direction', default: d.encoderUnits, integer: true, min: 1 } },
    'encoder-layers': { key: 'encoderLayers', spec: { type: 'number', description: 'encoder layers', default: d.encoderLayers, integer: true, min: 1 } },
    cell: { key: 'cell', spec: { type: 'string', description: 'encoder cell: lstm | gru', default: d.cell } },
    bidirectional: { key: 'bidirectional', spec: { type: 'boolean', description: 'bidirectional encoder', default: d.bidirectional } },
    'decoder-units': { key: 'decoderUnits', spec: { type: 'number', description: 'decoder LSTM units', default: d.decoderUnits, integer: true, min: 1 } },
    'decoder-layers': { key: 'decoderLayers', spec: { type: 'number', description: 'decoder LSTM layers', default: d.decoderLayers, integer: true, min: 1 } },
    attention: { key: 'attention', spec: { type: 'string', description: 'none | dot | general | additive', default: d.attention } },
    'input-feeding': { key: 'inputFeeding', spec: { type: 'boolean', description: 'feed the previous attentional vector', default: d.inputFeeding } },
    'tie-embeddings': { key: 'tieEmbeddings', spec: { type: 'boolean', description: 'tie target embedding and output layer', default: d.tieEmbeddings } },
    copy: { key: 'copy', spec: { type: 'boolean', description: 'copy mechanism (pointer-generator): the decoder can copy source pieces (names, rare words); needs attention', default: d.copy } },
    dropout: { key: 'dropout', spec: { type: 'number', description: 'dropout rate', default: d.dropout, min: 0 } },
    'label-smoothing': { key: 'labelSmoothing', spec: { type: 'number', description: 'label smoothing epsilon', default: d.labelSmoothing, min: 0 } },
  };
}

function trainFlags(d: TextTrainOptions): Record<string, Flag<keyof TextTrainOptions>> {
  return {
    'batch-tokens': { key: 'batchTokens', spec: { type: 'number', description: 'padded tokens per batch', default: d.batchTokens, integer: true, min: 1 } },
    'batch-logits': { key: 'batchLogits', spec: { type: 'number', description: 'largest batch x target length x target vocabulary (output-layer memory; halved with --copy; 0 = no limit)', default: d.batchLogits, integer: true, min: 0 } },
    epochs: { key: 'epochs', spec: { type: 'number', description: 'most epochs', default: d.epochs, integer: true, min: 1 } },
    'max-minutes': { key: 'maxMinutes', spec: { type: 'number', description: 'wall-clock budget for this run (0 = none)', default: d.maxMinutes, min: 0 } },
    lr: { key: 'learningRate', spec: { type: 'number', description: 'peak Adam learning rate (inverse-sqrt decay after warm-up)', default: d.learningRate, min: 0 } },
    warmup: { key: 'warmupSteps', spec: { type: 'number', description: 'linear warm-up updates', default: d.warmupSteps, integer: true, min: 0 } },
    ema: { key: 'ema', spec: { type: 'number', description: 'decay of the weight average used for validation and best/ (0 = off, e.g. 0.999)', default: d.ema, min: 0 } },
    'validate-every': { key: 'validateEvery', spec: { type: 'number', description: 'validate every N updates (0 = each epoch)', default: d.validateEvery, integer: true, min: 0 } },
    'validate-size': { key: 'validateSize', spec: { type: 'number', description: 'validation examples decoded for model selection (0 = all)', default: d.validateSize, integer: true, min: 0 } },
    patience: { key: 'patience', spec: { type: 'number', description: 'stop after N validations without improvement (0 = never)', default: d.patience, integer: true, min: 0 } },
    seed: { key: 'seed', spec: { type: 'number', description: 'random seed', default: d.seed, integer: true } },
  };
}

export function modelOptionSpecs(d: TextModelOptions, t: TextTrainOptions): OptionSpecs {
  const out: OptionSpecs = {};
  for (const [flag, f] of Object.entries({ ...modelFlags(d), ...trainFlags(t) })) out[flag] = f.spec;
  return out;
}

/** Reads the parsed flags back into option objects, checking the enumerations. */
export function readModelOptions(parsed: Record<string, unknown>, d: TextModelOptions, t: TextTrainOptions): { model: TextModelOptions; training: TextTrainOptions } {
  const model = { ...d } as Record<string, unknown>;
  const training = { ...t } as Record<string, unknown>;
  for (const [flag, f] of Object.entries(modelFlags(d))) if (parsed[flag] !== undefined) model[f.key] = parsed[flag];
  for (const [flag, f] of Object.entries(trainFlags(t))) if (parsed[flag] !== undefined) training[f.key] = parsed[flag];
  const m = model as unknown as TextModelOptions;
  const oneOf = (name: string, v: string, allowed: string[]) => {
    if (!allowed.includes(v)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got '${v}'`);
  };
  oneOf('tokenizer', m.tokenizer, ['char', 'word', 'bpe']);
  oneOf('cell', m.cell, ['lstm', 'gru']);
  oneOf('attention', m.attention, ['none', 'dot', 'general', 'additive']);
  return { model: m, training: training as unknown as TextTrainOptions };
}

export { textModelDefaults, textTrainDefaults };
