import { levenshteinDistance, processWords } from '@seq2seq/metrics';

const phones = (s: string): string[] => s.split(/\s+/).filter((p) => p !== '');

/**
 * G2P scores in percent. Each word is scored against its closest reference pronunciation (fewest
 * phoneme edits): WER = words not exactly right; PER = jiwer's corpus error rate over phonemes
 * (S+D+I)/N against those references.
 */
export function g2pMetrics(hyps: readonly string[], references: readonly (readonly string[])[]): { wer: number; per: number } {
  if (hyps.length !== references.length) throw new Error(`${hyps.length} predictions for ${references.length} reference sets`);
  if (hyps.length === 0) return { wer: 0, per: 0 };
  let wrong = 0;
  const best = references.map((refs, i) => {
    const h = phones(hyps[i]!);
    let pick = refs[0]!;
    let dist = Infinity;
    for (const r of refs) {
      const d = levenshteinDistance(phones(r), h);
      if (d < dist) [pick, dist] = [r, d];
    }
    if (dist > 0) wrong++;
    return pick;
  });
  const per = processWords(best, [...hyps]).wer;
  const pct = (x: number): number => Math.round(x * 10000) / 100;
  return { wer: pct(wrong / hyps.length), per: pct(per) };
}
