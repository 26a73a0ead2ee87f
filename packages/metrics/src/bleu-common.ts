/**
 * Pieces shared by the sacreBLEU ports (BLEU, chrF, TER): Python-exact number formatting, the
 * signature string, reference-stream handling and sacreBLEU's statistics summation.
 */

/** The sacreBLEU release these ports reproduce; it ends every signature. */
export const SACREBLEU_VERSION = '2.6.0';

/** Python's `f'{x:.{digits}f}'`: exact decimal value of the double, ties rounded half to even. */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exp = biasedExp - 1075;
  if (biasedExp === 0) exp = -1074;
  else mantissa |= 1n << 52n;
  // |x| = mantissa * 2^exp; scale by 10^digits and round to an integer.
  let num = mantissa * 10n ** BigInt(digits);
  let q: bigint;
  if (exp >= 0) q = num << BigInt(exp);
  else {
    const den = 1n << BigInt(-exp);
    q = num / den;
    const twiceRem = 2n * (num % den);
    if (twiceRem > den || (twiceRem === den && q % 2n === 1n)) q += 1n;
  }
  num = q;
  let s = num.toString().padStart(digits + 1, '0');
  if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
  return negative ? `-${s}` : s;
}

/** One `key:value` pair of a signature; null values are left out, as sacreBLEU does. */
export type SignatureValue = string | number | boolean | null;

/** sacreBLEU's `Signature.format()`: nrefs first, metric fields in order, version last. */
export function formatSignature(numRefs: number, fields: [string, SignatureValue][]): string {
  const pairs: [string, SignatureValue][] = [['nrefs', numRefs === -1 ? 'var' : numRefs], ...fields, ['version', SACREBLEU_VERSION]];
  return pairs
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}:${typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v)}`)
    .join('|');
}

/** Thrown when a segment has no reference at all (sacreBLEU crashes there with `pythonError`). */
export class MissingReferenceError extends Error {
  constructor(
    readonly segment: number,
    /** The exception type sacreBLEU 2.6.0 raises for this input. */
    readonly pythonError: 'TypeError' | 'IndexError' | 'ZeroDivisionError',
  ) {
    super(`segment ${segment} has no reference: every reference stream is null there (sacreBLEU raises ${pythonError})`);
    this.name = 'MissingReferenceError';
  }
}

/**
 * Transposes reference streams (`refs[k][i]` = k-th reference of segment i) into per-segment lists
 * with nulls dropped, and returns sacreBLEU's `num_refs` (-1 when it varies between segments).
 */
export function referencesPerSegment(numHyps: number, streams: readonly (readonly (string | null | undefined)[])[]): { segments: string[][]; numRefs: number } {
  if (streams.length === 0) throw new Error('no reference streams given');
  streams.forEach((stream, k) => {
    if (stream.length !== numHyps) throw new Error(`reference stream ${k} has ${stream.length} entries but there are ${numHyps} hypotheses`);
  });
  const segments: string[][] = [];
  const counts = new Set<number>();
  for (let i = 0; i < numHyps; i++) {
    const refs = streams.map((s) => s[i]).filter((r): r is string => r !== null && r !== undefined);
    counts.add(refs.length);
    segments.push(refs);
  }
  const numRefs = counts.size === 1 ? [...counts][0]! : -1;
  return { segments, numRefs };
}

/** sacreBLEU's `sum_of_lists`: column sums in segment order; a single row is returned as is. */
export function sumOfLists(rows: readonly (readonly number[])[]): number[] {
  if (rows.length === 1) return [...rows[0]!];
  const size = rows[0]?.length ?? 0;
  const total = new Array<number>(size).fill(0);
  for (const row of rows) for (let i = 0; i < size; i++) total[i] = total[i]! + row[i]!;
  return total;
}
