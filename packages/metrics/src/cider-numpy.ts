/** The few numpy reductions the COCO scorers use, with numpy's summation order so floats match. */

/** numpy's pairwise summation of float64 (`pairwise_sum`, 8 accumulators, blocks of 128). */
export function npPairwiseSum(a: readonly number[], start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => a[start + k]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k]! += a[start + i + k]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npPairwiseSum(a, start, n2) + npPairwiseSum(a, start + n2, n - n2);
}

/** `np.mean` of a 1-D float64 array. */
export function npMean(a: readonly number[]): number {
  return npPairwiseSum(a) / a.length;
}
