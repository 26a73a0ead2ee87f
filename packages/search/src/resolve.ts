import type * as tf from '@tensorflow/tfjs';
import type { SearchOptions } from './options.js';
import { firstTensor } from './container.js';

/** SearchOptions with defaults applied and per-sentence max lengths computed. */
export interface Resolved {
  sosId: number;
  eosId: number;
  padId: number;
  minLength: number;
  /** [B] most output tokens per sentence */
  maxLengths: number[];
  noRepeatNgramSize: number;
  returnAttention: boolean;
  batchSize: number;
}

const DEFAULT_MAX_LENGTH = 200;

export function resolveOptions(options: SearchOptions, memory: tf.TensorContainer): Resolved {
  const batchSize = options.batchSize ?? options.sourceLengths?.length ?? inferBatchSize(memory);
  const minLength = options.minLength ?? 0;
  const maxLengths = computeMaxLengths(options, batchSize);
  for (const [i, m] of maxLengths.entries()) {
    if (m < minLength) throw new Error(`maxLength ${m} of sentence ${i} is below minLength ${minLength}`);
  }
  const noRepeatNgramSize = options.noRepeatNgramSize ?? 0;
  checkInt('noRepeatNgramSize', noRepeatNgramSize, 0);
  checkInt('minLength', minLength, 0);
  return {
    sosId: options.sosId ?? 1,
    eosId: options.eosId ?? 2,
    padId: options.padId ?? 0,
    minLength,
    maxLengths,
    noRepeatNgramSize,
    returnAttention: options.returnAttention ?? false,
    batchSize,
  };
}

/** maxLength_i = min(maxLength, ceil(ratio * sourceLengths[i] + offset)). */
export function computeMaxLengths(options: SearchOptions, batchSize: number): number[] {
  const { maxLength, maxLengthRatio, sourceLengths } = options;
  if (sourceLengths !== undefined && sourceLengths.length !== batchSize) {
    throw new Error(`sourceLengths has ${sourceLengths.length} entries but the batch has ${batchSize} sentences`);
  }
  if (maxLength !== undefined) checkInt('maxLength', maxLength, 0);
  if (maxLengthRatio === undefined) return new Array<number>(batchSize).fill(maxLength ?? DEFAULT_MAX_LENGTH);
  if (sourceLengths === undefined) throw new Error('maxLengthRatio needs sourceLengths (one per sentence)');
  const offset = options.maxLengthOffset ?? 0;
  return sourceLengths.map((s) => {
    const fromRatio = Math.max(0, Math.ceil(maxLengthRatio * s + offset));
    return maxLength === undefined ? fromRatio : Math.min(maxLength, fromRatio);
  });
}

function inferBatchSize(memory: tf.TensorContainer): number {
  const t = firstTensor(memory);
  const b = t?.shape[0];
  if (b === undefined) throw new Error('cannot infer the batch size from memory: pass batchSize or sourceLengths');
  return b;
}

export function checkInt(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${value}`);
}
