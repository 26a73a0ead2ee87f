import type { Seq2Seq } from '@seq2seq/core';
import { decodeInBatches } from '@seq2seq/pipeline';
import type { ImageBatch } from '@seq2seq/image';
import { beamSearch, closedSetConstraint, type Hypothesis } from '@seq2seq/search';
import { EOS, type TextField, UNK } from '@seq2seq/text';
import type { ImageInputs } from './inputs.js';

export interface CaptionGenerateOptions {
  /** Beam size; 1 = greedy (the same code path). Default 3. */
  beam?: number;
  /** Captions per image, best first (<= beam). Default 1. */
  nBest?: number;
  /** GNMT length penalty alpha. Default 0.6. */
  lengthPenalty?: number;
  /** Most words per caption. Default 30. */
  maxLength?: number;
  /** Images decoded together. Default 64 (greedy) or 16 (beam). */
  batchSize?: number;
  /** Keep the attention rows (one per word and the <eos> step). Default false. */
  returnAttention?: boolean;
  /**
   * Closed-set decoding: every caption is one of these texts (e.g. the known names of a labelling
   * task). Texts with a word outside the model's vocabulary cannot be produced and are left out.
   */
  closedSet?: readonly string[];
  /** Called after each batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedCaption extends Hypothesis {
  text: string;
  /** The caption's word pieces (for attention plots), without the <eos> step. */
  words: string[];
}

/** Captions every key of `inputs` (n-best lists in the order of `keys`). */
export async function generateCaptions(model: Seq2Seq<ImageBatch>, field: TextField, inputs: ImageInputs, keys: readonly string[], o: CaptionGenerateOptions = {}): Promise<GeneratedCaption[][]> {
  const beam = o.beam ?? 3;
  const batchSize = o.batchSize ?? (beam > 1 ? 16 : 64);
  const allowedTokens = o.closedSet ? closedSetFor(field, o.closedSet) : undefined;
  const hyps = await decodeInBatches<ImageBatch>({
    count: keys.length,
    batchSize,
    models: [model],
    batchesOf: (idx) => [inputs.batch(idx.map((i) => keys[i]!))],
    search: (decoder, memory, idx) =>
      beamSearch(decoder, memory, {
        beamSize: beam,
        nBest: Math.min(o.nBest ?? 1, beam),
        lengthPenalty: o.lengthPenalty ?? 0.6,
        maxLength: o.maxLength ?? 30,
        batchSize: idx.length,
        returnAttention: o.returnAttention ?? false,
        earlyStopping: 'heuristic',
        ...(allowedTokens ? { allowedTokens } : {}),
      }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return hyps.map((list) => (list ?? []).map((h) => ({ ...h, text: field.decode(h.tokens), words: h.tokens.map((t) => field.vocab.pieces[t] ?? '<unk>') })));
}

/** The closed set as a token trie; throws when no text of it can be produced by this vocabulary. */
function closedSetFor(field: TextField, texts: readonly string[]) {
  const seqs = [...new Set(texts)].map((t) => field.vocab.encode(field.tokenizer.encode(t))).filter((ids) => ids.length > 0 && !ids.includes(UNK));
  if (seqs.length === 0) throw new Error(`closed set: none of its ${texts.length} captions can be written with the model's vocabulary`);
  return closedSetConstraint(seqs, EOS);
}
