import { corpusBleu } from '@seq2seq/metrics';

/**
 * distinct-n (Li et al. 2016) in percent: distinct n-grams / all n-grams over every generated
 * reply, on whitespace tokens (DailyDialog text is already tokenised).
 */
export function distinctN(hyps: readonly string[], n: number): number {
  const seen = new Set<string>();
  let total = 0;
  for (const h of hyps) {
    const toks = h.split(/\s+/).filter((t) => t !== '');
    for (let i = 0; i + n <= toks.length; i++) {
      seen.add(toks.slice(i, i + n).join('\u0001'));
      total++;
    }
  }
  return total === 0 ? 0 : Math.round((10000 * seen.size) / total) / 100;
}

/** Corpus BLEU (sacreBLEU 13a, one reference) and distinct-1/2 of the replies. */
export function replyMetrics(hyps: readonly string[], refs: readonly string[]): { bleu: number; distinct1: number; distinct2: number } {
  const bleu = hyps.length === 0 ? 0 : corpusBleu(hyps, [refs]).score;
  return { bleu: Math.round(bleu * 100) / 100, distinct1: distinctN(hyps, 1), distinct2: distinctN(hyps, 2) };
}
