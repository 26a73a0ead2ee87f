import { pyFixed } from './bleu-common.js';

export type SmoothMethod = 'exp' | 'floor' | 'add-k' | 'none';

/** Default smoothing values (Chen & Cherry 2014); null = the method takes no value. */
export const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = { none: null, floor: 0.1, 'add-k': 1, exp: null };

/** BLEU from its sufficient statistics, the numbers sacreBLEU reports. */
export interface BleuScore {
  /** BLEU on a 0-100 scale. */
  score: number;
  /** Clipped n-gram matches per order (with add-k, orders >= 2 include the added k, as in sacreBLEU). */
  counts: number[];
  /** Hypothesis n-grams per order (add-k: likewise include k). */
  totals: number[];
  /** Percentages per order. */
  precisions: number[];
  /** Brevity penalty. */
  bp: number;
  sysLen: number;
  refLen: number;
  ratio: number;
  /** `str(BLEUScore)`, e.g. `BLEU = 61.42 80.8/67.7/60.3/52.4 (BP = 0.953 ratio = 0.954 hyp_len = 579 ref_len = 607)`. */
  formatted: string;
}

export interface ComputeBleuOptions {
  smoothMethod: SmoothMethod;
  smoothValue: number | null;
  effectiveOrder: boolean;
  maxNgramOrder: number;
}

/** sacreBLEU's floored log. */
function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/** Port of `BLEU.compute_bleu`, same operations in the same order so the doubles agree. */
export function computeBleu(correctIn: readonly number[], totalIn: readonly number[], sysLen: number, refLen: number, o: ComputeBleuOptions): BleuScore {
  // sacreBLEU mutates these lists in place (add-k); copies keep the caller's statistics intact.
  const correct = [...correctIn];
  const total = [...totalIn];
  const smoothValue = o.smoothValue ?? SMOOTH_DEFAULTS[o.smoothMethod] ?? 0;
  let bp = 1.0;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0;
  const precisions = new Array<number>(o.maxNgramOrder).fill(0.0);
  const make = (score: number): BleuScore => bleuScore(score, correct, total, precisions, bp, sysLen, refLen);
  // Early stop when nothing matches (sacreBLEU #141): score 0, precisions stay 0.
  if (!correct.some((c) => c !== 0)) return make(0.0);

  let smoothMteval = 1.0;
  let effOrder = o.maxNgramOrder;
  for (let n = 1; n <= precisions.length; n++) {
    if (o.smoothMethod === 'add-k' && n > 1) {
      correct[n - 1] = correct[n - 1]! + smoothValue;
      total[n - 1] = total[n - 1]! + smoothValue;
    }
    if (total[n - 1] === 0) break;
    if (o.effectiveOrder) effOrder = n;
    if (correct[n - 1] === 0) {
      if (o.smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total[n - 1]!);
      } else if (o.smoothMethod === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / total[n - 1]!;
      }
    } else {
      precisions[n - 1] = (100 * correct[n - 1]!) / total[n - 1]!;
    }
  }
  let logSum = 0;
  for (const p of precisions.slice(0, effOrder)) logSum += myLog(p);
  return make(bp * Math.exp(logSum / effOrder));
}

function bleuScore(score: number, counts: number[], totals: number[], precisions: number[], bp: number, sysLen: number, refLen: number): BleuScore {
  const ratio = refLen ? sysLen / refLen : 0;
  const prec = precisions.map((p) => pyFixed(p, 1)).join('/');
  const formatted = `BLEU = ${pyFixed(score, 2)} ${prec} (BP = ${pyFixed(bp, 3)} ratio = ${pyFixed(ratio, 3)} hyp_len = ${sysLen} ref_len = ${refLen})`;
  return { score, counts, totals, precisions, bp, sysLen, refLen, ratio, formatted };
}
