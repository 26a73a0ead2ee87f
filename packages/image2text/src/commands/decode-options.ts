import type { OptionSpecs } from '@seq2seq/cli';
import type { CaptionGenerateOptions } from '../generate.js';

export function captionDecodeSpecs(defaultBeam: number) {
  return {
    beam: { type: 'number', description: 'beam size (1 = greedy)', default: defaultBeam, integer: true, min: 1 },
    'length-penalty': { type: 'number', description: 'GNMT length penalty alpha', default: 0.6, min: 0 },
    'max-length': { type: 'number', description: 'most words per caption', default: 30, integer: true, min: 1 },
    'batch-size': { type: 'number', description: 'images decoded together', integer: true, min: 1 },
    'cache-dir': { type: 'string', description: 'MobileNet feature cache (default: <tmpdir>/seq2seq-image-features)' },
  } as const satisfies OptionSpecs;
}

export function readCaptionDecode(o: Record<string, unknown>): CaptionGenerateOptions {
  return {
    beam: Number(o.beam),
    lengthPenalty: Number(o['length-penalty']),
    maxLength: Number(o['max-length']),
    ...(o['batch-size'] !== undefined ? { batchSize: Number(o['batch-size']) } : {}),
  };
}
