import { rougeScoreMulti } from '@seq2seq/metrics';

const TYPES = ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const;

/**
 * Mean ROUGE F-measures on a 0-100 scale, as rouge-score computes them with `use_stemmer=True`;
 * with several references, each type takes its best reference (`score_multi`).
 */
export function rougeMetrics(hyps: readonly string[], references: readonly (readonly string[])[]): Record<(typeof TYPES)[number], number> {
  if (hyps.length !== references.length) throw new Error(`${hyps.length} summaries for ${references.length} reference sets`);
  const sums = { rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 };
  hyps.forEach((h, i) => {
    const s = rougeScoreMulti(references[i]!, h, { types: [...TYPES], useStemmer: true });
    for (const t of TYPES) sums[t] += s[t]!.fmeasure;
  });
  const n = Math.max(hyps.length, 1);
  const r = (x: number): number => Math.round((10000 * x) / n) / 100;
  return { rouge1: r(sums.rouge1), rouge2: r(sums.rouge2), rougeL: r(sums.rougeL), rougeLsum: r(sums.rougeLsum) };
}
