/** Character error rate as jiwer 4.0.0 `process_characters` computes it (code points, spaces count). */
import { alignSentences, type AlignmentChunk, type EditCounts, type ProcessOptions } from './wer.js';
import { cerDefault } from './wer-transforms.js';

/** jiwer `CharacterOutput`. */
export interface CharacterOutput extends EditCounts {
  readonly references: string[][];
  readonly hypotheses: string[][];
  readonly alignments: AlignmentChunk[][];
  /** (S+D+I)/N over all characters; with no reference characters, the number of insertions. */
  readonly cer: number;
}

/** jiwer `process_characters(reference, hypothesis)` with `cer_default` transforms unless given. */
export function processCharacters(
  reference: string | readonly string[],
  hypothesis: string | readonly string[],
  options: ProcessOptions = {},
): CharacterOutput {
  const a = alignSentences(reference, hypothesis, options.referenceTransform ?? cerDefault, options.hypothesisTransform ?? cerDefault);
  const { hits: h, substitutions: s, deletions: d, insertions: i } = a;
  const cer = a.refTokens === 0 ? i : (s + d + i) / (h + s + d);
  return { references: a.references, hypotheses: a.hypotheses, alignments: a.alignments, cer, hits: h, substitutions: s, insertions: i, deletions: d };
}

/** Corpus character error rate as a fraction. */
export function cer(reference: string | readonly string[], hypothesis: string | readonly string[], options?: ProcessOptions): number {
  return processCharacters(reference, hypothesis, options).cer;
}
