/** LCS helpers for ROUGE-L and the summary-level union LCS of ROUGE-Lsum (rouge-score 0.1.2). */

/** `_lcs_table(ref, can)`, row-major `[(rows+1) × (cols+1)]`. */
export function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array {
  const w = can.length + 1;
  const t = new Int32Array((ref.length + 1) * w);
  for (let i = 1; i <= ref.length; i++) {
    for (let j = 1; j <= can.length; j++) {
      t[i * w + j] = ref[i - 1] === can[j - 1] ? t[(i - 1) * w + j - 1]! + 1 : Math.max(t[(i - 1) * w + j]!, t[i * w + j - 1]!);
    }
  }
  return t;
}

/** `lcs_ind(ref, can)`: indices into `ref` of one LCS, chosen by `_backtrack_norec`'s tie rule. */
export function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  const w = can.length + 1;
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i * w + j - 1]! > t[(i - 1) * w + j]!) j--;
    else i--;
  }
  return out.reverse();
}

/** `_union_lcs(ref, c_list)`: tokens of `ref` in the union of its LCS with every candidate sentence. */
export function unionLcs(ref: readonly string[], candidates: readonly (readonly string[])[]): string[] {
  const union = new Set<number>();
  for (const c of candidates) for (const k of lcsIndices(ref, c)) union.add(k);
  return [...union].sort((a, b) => a - b).map((k) => ref[k]!);
}
