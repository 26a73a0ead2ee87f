import type { OptionSpecs } from '@seq2seq/cli';
import type { GenerateOptions } from '../generate.js';
import type { TextDecodeDefaults } from './preset.js';

export function decodeOptionSpecs(d: TextDecodeDefaults = {}): OptionSpecs {
  return {
    beam: { type: 'number', description: 'beam size (1 = greedy)', default: d.beam ?? 5, integer: true, min: 1 },
    'length-penalty': { type: 'number', description: 'GNMT length penalty alpha', default: d.lengthPenalty ?? 0.6, min: 0 },
    'max-length-ratio': { type: 'number', description: 'output length limit: ratio x source length + 10', default: 2, min: 0 },
    'no-repeat-ngram': { type: 'number', description: 'block repeated n-grams of this size (0 = off)', default: d.noRepeatNgram ?? 0, integer: true, min: 0 },
    'batch-size': { type: 'number', description: 'sentences decoded together', integer: true, min: 1 },
  };
}

export function readDecodeOptions(o: Record<string, unknown>): GenerateOptions {
  return {
    beam: Number(o.beam),
    lengthPenalty: Number(o['length-penalty']),
    maxLengthRatio: Number(o['max-length-ratio']),
    noRepeatNgramSize: Number(o['no-repeat-ngram']),
    ...(o['batch-size'] !== undefined ? { batchSize: Number(o['batch-size']) } : {}),
  };
}

/**
 * The options `predict` and `eval` decode with when no decoding flag is given: the option specs'
 * defaults read as flags would be, so a caller without a command line (the web page) decodes the same.
 */
export function defaultDecodeOptions(d: TextDecodeDefaults = {}): GenerateOptions {
  return readDecodeOptions(Object.fromEntries(Object.entries(decodeOptionSpecs(d)).map(([name, spec]) => [name, 'default' in spec ? spec.default : undefined])));
}
