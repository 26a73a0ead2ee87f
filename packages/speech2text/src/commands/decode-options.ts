import type { OptionSpecs } from '@seq2seq/cli';

export function decodeOptionSpecs(defaultBeam: number): OptionSpecs {
  return {
    beam: { type: 'number', description: 'beam size (1 = greedy)', default: defaultBeam, integer: true, min: 1 },
    'length-penalty': { type: 'number', description: 'GNMT length penalty alpha', default: 0.6, min: 0 },
    'max-length': { type: 'number', description: 'most output tokens', default: 100, integer: true, min: 1 },
    'batch-size': { type: 'number', description: 'utterances decoded together', integer: true, min: 1 },
  };
}

export function readDecodeOptions(o: Record<string, unknown>): { beam: number; lengthPenalty: number; maxLength: number; batchSize?: number } {
  return {
    beam: Number(o.beam),
    lengthPenalty: Number(o['length-penalty']),
    maxLength: Number(o['max-length']),
    ...(o['batch-size'] !== undefined ? { batchSize: Number(o['batch-size']) } : {}),
  };
}
