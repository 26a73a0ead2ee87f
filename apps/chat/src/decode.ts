import type { OptionSpecs } from '@seq2seq/cli';
import type { GenerateOptions } from '@seq2seq/text2text';

/** Reply decoding flags: beam search with n-gram blocking against repetition, or sampling. */
export const replyDecodeSpecs = {
  beam: { type: 'number', description: 'beam size (1 = greedy)', default: 5, integer: true, min: 1 },
  'no-repeat-ngram': { type: 'number', description: 'block repeated n-grams of this size (0 = off)', default: 3, integer: true, min: 0 },
  'length-penalty': { type: 'number', description: 'GNMT length penalty alpha', default: 0.6, min: 0 },
  'max-length': { type: 'number', description: 'longest reply in tokens', default: 40, integer: true, min: 1 },
  temperature: { type: 'number', description: 'sample with this temperature instead of beam search (0 = off)', default: 0, min: 0 },
  'top-k': { type: 'number', description: 'sampling: keep the k most likely tokens (0 = off)', default: 0, integer: true, min: 0 },
  'top-p': { type: 'number', description: 'sampling: nucleus probability (1 = off)', default: 1, min: 0 },
  seed: { type: 'number', description: 'sampling seed', default: 0, integer: true },
} as const satisfies OptionSpecs;

export function readReplyDecode(o: Record<string, unknown>): GenerateOptions {
  return {
    beam: Number(o.beam),
    noRepeatNgramSize: Number(o['no-repeat-ngram']),
    lengthPenalty: Number(o['length-penalty']),
    maxLength: Number(o['max-length']),
    // The reply length does not follow the context length: only the absolute limit applies.
    maxLengthRatio: 1000,
    temperature: Number(o.temperature),
    topK: Number(o['top-k']),
    topP: Number(o['top-p']),
    seed: Number(o.seed),
  };
}
