/**
 * Word error rate and friends, reproducing jiwer 4.0.0 `process_words` on RapidFuzz 3.14
 * (alignment choice included). Rates are fractions (0.25 = 25 %), as jiwer returns them.
 */
import { levenshteinOpcodes } from './edit-distance.js';
import { werDefault, type SentenceTransform } from './wer-transforms.js';

export type ChunkType = 'equal' | 'substitute' | 'insert' | 'delete';

/** jiwer `AlignmentChunk`: `ref[refStartIdx:refEndIdx]` aligned with `hyp[hypStartIdx:hypEndIdx]`. */
export interface AlignmentChunk {
  readonly type: ChunkType;
  readonly refStartIdx: number;
  readonly refEndIdx: number;
  readonly hypStartIdx: number;
  readonly hypEndIdx: number;
}

/** Edit counts summed over all sentence pairs. */
export interface EditCounts {
  readonly hits: number;
  readonly substitutions: number;
  readonly insertions: number;
  readonly deletions: number;
}

/** jiwer `WordOutput`. */
export interface WordOutput extends EditCounts {
  /** Transformed references, one token list per sentence. */
  readonly references: string[][];
  readonly hypotheses: string[][];
  /** One chunk list per sentence pair. */
  readonly alignments: AlignmentChunk[][];
  readonly wer: number;
  readonly mer: number;
  readonly wil: number;
  readonly wip: number;
}

export interface ProcessOptions {
  /** Default: jiwer's `wer_default` (or `cer_default` for characters). */
  readonly referenceTransform?: SentenceTransform;
  readonly hypothesisTransform?: SentenceTransform;
}

/** Aligned token lists plus summed counts; shared by words and characters. */
export interface AlignedOutput extends EditCounts {
  readonly references: string[][];
  readonly hypotheses: string[][];
  readonly alignments: AlignmentChunk[][];
  readonly refTokens: number;
  readonly hypTokens: number;
}

const asList = (x: string | readonly string[]): readonly string[] => (typeof x === 'string' ? [x] : x);

/** Transforms, aligns every pair with RapidFuzz's opcodes and sums the counts. */
export function alignSentences(
  reference: string | readonly string[],
  hypothesis: string | readonly string[],
  referenceTransform: SentenceTransform,
  hypothesisTransform: SentenceTransform,
): AlignedOutput {
  const references = referenceTransform(asList(reference));
  const hypotheses = hypothesisTransform(asList(hypothesis));
  if (references.length !== hypotheses.length) {
    throw new Error(
      'After applying the transforms on the reference and hypothesis sentences, their lengths must match. ' +
        `Instead got ${references.length} reference and ${hypotheses.length} hypothesis sentences.`,
    );
  }
  let hits = 0;
  let substitutions = 0;
  let deletions = 0;
  let insertions = 0;
  let refTokens = 0;
  let hypTokens = 0;
  const alignments: AlignmentChunk[][] = [];
  references.forEach((ref, i) => {
    const hyp = hypotheses[i]!;
    const chunks: AlignmentChunk[] = [];
    for (const op of levenshteinOpcodes(ref, hyp)) {
      const type: ChunkType = op.tag === 'replace' ? 'substitute' : op.tag;
      chunks.push({ type, refStartIdx: op.srcStart, refEndIdx: op.srcEnd, hypStartIdx: op.destStart, hypEndIdx: op.destEnd });
      if (type === 'equal') hits += op.srcEnd - op.srcStart;
      else if (type === 'substitute') substitutions += op.srcEnd - op.srcStart;
      else if (type === 'delete') deletions += op.srcEnd - op.srcStart;
      else insertions += op.destEnd - op.destStart;
    }
    refTokens += ref.length;
    hypTokens += hyp.length;
    alignments.push(chunks);
  });
  return { references, hypotheses, alignments, hits, substitutions, insertions, deletions, refTokens, hypTokens };
}

/**
 * jiwer `process_words(reference, hypothesis)`. An empty reference is allowed: then `wer` is the
 * number of inserted words, `mer` 1 (0 if the hypothesis is empty too) and `wip` 0 (or 1).
 */
export function processWords(
  reference: string | readonly string[],
  hypothesis: string | readonly string[],
  options: ProcessOptions = {},
): WordOutput {
  const a = alignSentences(reference, hypothesis, options.referenceTransform ?? werDefault, options.hypothesisTransform ?? werDefault);
  const { hits: h, substitutions: s, deletions: d, insertions: i } = a;
  let wer: number;
  let mer: number;
  let wip: number;
  if (a.refTokens === 0) {
    wer = i;
    [mer, wip] = a.hypTokens === 0 ? [0, 1] : [1, 0];
  } else {
    wer = (s + d + i) / (h + s + d);
    mer = (s + d + i) / (h + s + d + i);
    wip = a.hypTokens >= 1 ? (h / a.refTokens) * (h / a.hypTokens) : 0;
  }
  return {
    references: a.references,
    hypotheses: a.hypotheses,
    alignments: a.alignments,
    wer,
    mer,
    wil: 1 - wip,
    wip,
    hits: h,
    substitutions: s,
    insertions: i,
    deletions: d,
  };
}

/** Corpus word error rate (S+D+I)/N as a fraction; not the mean of sentence rates. */
export function wer(reference: string | readonly string[], hypothesis: string | readonly string[], options?: ProcessOptions): number {
  return processWords(reference, hypothesis, options).wer;
}

/** Match error rate (S+D+I)/(H+S+D+I). */
export function mer(reference: string | readonly string[], hypothesis: string | readonly string[], options?: ProcessOptions): number {
  return processWords(reference, hypothesis, options).mer;
}

/** Word information lost, 1 − WIP. */
export function wil(reference: string | readonly string[], hypothesis: string | readonly string[], options?: ProcessOptions): number {
  return processWords(reference, hypothesis, options).wil;
}

/** Word information preserved, (H/N_ref)·(H/N_hyp). */
export function wip(reference: string | readonly string[], hypothesis: string | readonly string[], options?: ProcessOptions): number {
  return processWords(reference, hypothesis, options).wip;
}
