import { ciderD, cocoBleu } from '@seq2seq/metrics';
import { metricTokens } from './field.js';

export interface CaptionScores {
  /** COCO BLEU-4 on 0-100. */
  bleu4: number;
  /** CIDEr-D, raw (x10 scale as pycocoevalcap prints it). */
  cider: number;
  /** Percent of images whose caption equals one of its references (after metricTokens). */
  exact: number;
}

/** BLEU-4, CIDEr-D and exact match of one hypothesis per image against its references. */
export function captionScores(hyps: readonly string[], refs: readonly (readonly string[])[]): CaptionScores {
  if (hyps.length !== refs.length) throw new Error(`captionScores: ${hyps.length} hypotheses for ${refs.length} reference lists`);
  if (hyps.length === 0) return { bleu4: 0, cider: 0, exact: 0 };
  const res = hyps.map(metricTokens);
  const gts = refs.map((r) => r.map(metricTokens));
  const bleu = cocoBleu(gts, res).bleu[3] ?? 0;
  const cider = ciderD(gts, res).score;
  const exact = res.filter((h, i) => gts[i]!.includes(h)).length / res.length;
  return { bleu4: round(100 * bleu), cider: round(cider, 4), exact: round(100 * exact) };
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
