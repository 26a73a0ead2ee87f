/**
 * CIDEr-D as pycocoevalcap's `Cider(n=4, sigma=6.0).compute_score(gts, res)` computes it, with
 * the same arithmetic order. Inputs are split on Python whitespace only (no PTB tokenization):
 * tokenize beforehand if you want COCO's official numbers.
 */
import { npMean } from './cider-numpy.js';
import { pySplit } from './wer-transforms.js';

export interface CiderOptions {
  /** Maximum n-gram order. Default 4. */
  readonly n?: number;
  /** Standard deviation of the Gaussian length penalty. Default 6. */
  readonly sigma?: number;
}

export interface CiderResult {
  /** Mean over images, on the usual ×10 CIDEr scale. */
  readonly score: number;
  /** One score per image, in input order. */
  readonly scores: number[];
}

/** n-gram → count, in first-occurrence order of orders 1..n (Python dict order). */
type Counts = Map<string, { order: number; count: number }>;

function precook(s: string, n: number): Counts {
  const words = pySplit(s);
  const counts: Counts = new Map();
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i + k <= words.length; i++) {
      const key = words.slice(i, i + k).join(' ');
      const e = counts.get(key);
      if (e) e.count++;
      else counts.set(key, { order: k, count: 1 });
    }
  }
  return counts;
}

interface Vec {
  readonly vec: Map<string, number>[];
  readonly norm: number[];
  readonly length: number;
}

/**
 * CIDEr-D over images: `gts[i]` are the references of image i, `res[i]` its hypothesis.
 * The IDF uses the references of every image, so each image's score depends on the whole set;
 * with one image `log(1) = 0` makes every score 0.
 */
export function ciderD(gts: readonly (readonly string[])[], res: readonly string[], options: CiderOptions = {}): CiderResult {
  const n = options.n ?? 4;
  const sigma = options.sigma ?? 6;
  if (gts.length !== res.length) throw new Error(`ciderD: ${gts.length} reference sets for ${res.length} hypotheses`);
  gts.forEach((refs, i) => {
    if (refs.length === 0) throw new Error(`ciderD: image ${i} has no references`);
  });
  const crefs = gts.map((refs) => refs.map((r) => precook(r, n)));
  const ctest = res.map((h) => precook(h, n));

  const df = new Map<string, number>();
  for (const refs of crefs) {
    const seen = new Set<string>();
    for (const r of refs) for (const k of r.keys()) seen.add(k);
    for (const k of seen) df.set(k, (df.get(k) ?? 0) + 1);
  }
  // Python's `max()` of the empty document-frequency table raises here.
  if (df.size === 0) throw new Error('ValueError: max() arg is an empty sequence (all references are empty)');

  const refLen = Math.log(crefs.length);
  const counts2vec = (cnts: Counts): Vec => {
    const vec = Array.from({ length: n }, () => new Map<string, number>());
    const norm = new Array<number>(n).fill(0);
    let length = 0;
    for (const [g, { order, count }] of cnts) {
      const d = Math.log(Math.max(1, df.get(g) ?? 0));
      const v = count * (refLen - d);
      vec[order - 1]!.set(g, v);
      norm[order - 1]! += v * v;
      if (order === 2) length += count;
    }
    return { vec, norm: norm.map(Math.sqrt), length };
  };
  const penaltyDenom = 2 * sigma ** 2;
  const sim = (h: Vec, r: Vec): number[] => {
    const delta = h.length - r.length;
    const val = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) {
      for (const [g, hv] of h.vec[k]!) {
        const rv = r.vec[k]!.get(g) ?? 0;
        val[k]! += Math.min(hv, rv) * rv;
      }
      if (h.norm[k] !== 0 && r.norm[k] !== 0) val[k]! /= h.norm[k]! * r.norm[k]!;
      val[k]! *= Math.pow(Math.E, -(delta * delta) / penaltyDenom);
    }
    return val;
  };

  const scores = ctest.map((test, i) => {
    const h = counts2vec(test);
    const score = new Array<number>(n).fill(0);
    const refs = crefs[i]!;
    for (const ref of refs) {
      const s = sim(h, counts2vec(ref));
      for (let k = 0; k < n; k++) score[k]! += s[k]!;
    }
    let avg = npMean(score);
    avg /= refs.length;
    avg *= 10;
    return avg;
  });
  return { score: npMean(scores), scores };
}
