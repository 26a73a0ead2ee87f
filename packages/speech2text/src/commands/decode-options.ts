import type { OptionSpecs } from '@seq2seq/cli';

/** Decoding defaults an app can set. */
export interface SpeechDecodeDefaults {
  /** Default 5. */
  beam?: number;
  /** VTLP warps decoded together (test-time augmentation). Default [1] (off). */
  ttaVtlp?: readonly number[];
}

export function decodeOptionSpecs(d: SpeechDecodeDefaults = {}): OptionSpecs {
  const defaultBeam = d.beam ?? 5;
  return {
    'tta-vtlp': {
      type: 'string',
      description: 'test-time augmentation: decode each file under these VTLP warps and average the models\' probabilities (e.g. 0.88,0.94,1,1.06,1.12; 1 = off, N warps cost N times the decoding time)',
      default: (d.ttaVtlp ?? [1]).join(','),
    },
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

/** `--tta-vtlp` -> warps (each in (0.5, 1.5)); [1] when off. */
export function readTtaWarps(o: Record<string, unknown>): number[] {
  const warps = String(o['tta-vtlp'] ?? '1')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map(Number);
  if (warps.length === 0 || warps.some((w) => !(w > 0.5 && w < 1.5))) throw new Error(`--tta-vtlp must be warps between 0.5 and 1.5 separated by commas, got '${String(o['tta-vtlp'])}'`);
  return warps;
}

/**
 * What `predict` decodes with when no decoding flag is given (beam, length penalty, output limit and
 * VTLP warps): the option specs' defaults read as flags would be, so a caller without a command line
 * (the web page) decodes the same.
 */
export function defaultSpeechDecodeOptions(d: SpeechDecodeDefaults = {}): { beam: number; lengthPenalty: number; maxLength: number; warps: number[] } {
  const flags: Record<string, unknown> = Object.fromEntries(Object.entries(decodeOptionSpecs(d)).map(([name, spec]) => [name, 'default' in spec ? spec.default : undefined]));
  const { beam, lengthPenalty, maxLength } = readDecodeOptions(flags);
  return { beam, lengthPenalty, maxLength, warps: readTtaWarps(flags) };
}
