/**
 * Levenshtein distance and alignment that reproduce RapidFuzz 3.14's `Levenshtein.editops` /
 * `Levenshtein.opcodes`, including which of several equally short alignments is returned.
 *
 * RapidFuzz strips the common prefix and suffix, computes Hyyrö's bit-parallel vertical deltas
 * (VP/VN) of the DP matrix and backtraces from the bottom-right corner preferring, in order:
 * delete, insert, then the diagonal (match or replace). The deltas are exactly
 * `D[i][j] - D[i-1][j]` of the textbook DP matrix, so we compute that matrix directly (memory
 * O(n·m) on the trimmed middle) and backtrace with the same preferences.
 */

export type EditTag = 'replace' | 'insert' | 'delete';
export type OpcodeTag = EditTag | 'equal';

/** One edit: `srcPos`/`destPos` as in RapidFuzz's `Editop`. */
export interface Editop {
  readonly tag: EditTag;
  readonly srcPos: number;
  readonly destPos: number;
}

/** RapidFuzz `Opcode`: `s1[srcStart:srcEnd]` relates to `s2[destStart:destEnd]`. */
export interface Opcode {
  readonly tag: OpcodeTag;
  readonly srcStart: number;
  readonly srcEnd: number;
  readonly destStart: number;
  readonly destEnd: number;
}

export interface Editops {
  readonly ops: Editop[];
  readonly srcLen: number;
  readonly destLen: number;
}

/** Maps tokens of both sequences to small integers so the DP compares numbers. */
function toIds<T>(s1: readonly T[], s2: readonly T[]): [Int32Array, Int32Array] {
  const ids = new Map<T, number>();
  const conv = (s: readonly T[]): Int32Array => {
    const out = new Int32Array(s.length);
    s.forEach((t, i) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      out[i] = id;
    });
    return out;
  };
  return [conv(s1), conv(s2)];
}

/** Length of the common prefix, then of the common suffix of what remains (RapidFuzz `common_affix`). */
function commonAffix(a: Int32Array, b: Int32Array): [number, number] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  return [prefix, suffix];
}

/** Full DP matrix, row-major `[(n+1) × (m+1)]`, `D[i][j]` = distance of `a[:i]` and `b[:j]`. */
function dpMatrix(a: Int32Array, b: Int32Array): Int32Array {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const d = new Int32Array((n + 1) * w);
  for (let j = 0; j <= m; j++) d[j] = j;
  for (let i = 1; i <= n; i++) {
    const row = i * w;
    const prev = row - w;
    d[row] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const sub = d[prev + j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const del = d[prev + j]! + 1;
      const ins = d[row + j - 1]! + 1;
      d[row + j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
  }
  return d;
}

/** RapidFuzz `Levenshtein.editops(s1, s2)` with uniform weights. */
export function levenshteinEditops<T>(s1: readonly T[], s2: readonly T[]): Editops {
  const [a0, b0] = toIds(s1, s2);
  const [prefix, suffix] = commonAffix(a0, b0);
  const a = a0.subarray(prefix, a0.length - suffix);
  const b = b0.subarray(prefix, b0.length - suffix);
  const w = b.length + 1;
  const d = dpMatrix(a, b);
  let dist = d[a.length * w + b.length]!;
  const ops: Editop[] = new Array<Editop>(dist);
  // Vertical delta D[col][row] - D[col-1][row]: +1 is RapidFuzz's VP bit, -1 its VN bit.
  const vdelta = (col: number, row: number): number => d[col * w + row]! - d[(col - 1) * w + row]!;
  let col = a.length;
  let row = b.length;
  while (row !== 0 && col !== 0) {
    if (vdelta(col, row) === 1) {
      col--;
      ops[--dist] = { tag: 'delete', srcPos: col + prefix, destPos: row + prefix };
    } else {
      row--;
      if (row !== 0 && vdelta(col, row) === -1) {
        ops[--dist] = { tag: 'insert', srcPos: col + prefix, destPos: row + prefix };
      } else {
        col--;
        if (a[col] !== b[row]) ops[--dist] = { tag: 'replace', srcPos: col + prefix, destPos: row + prefix };
      }
    }
  }
  while (col !== 0) {
    col--;
    ops[--dist] = { tag: 'delete', srcPos: col + prefix, destPos: row + prefix };
  }
  while (row !== 0) {
    row--;
    ops[--dist] = { tag: 'insert', srcPos: col + prefix, destPos: row + prefix };
  }
  return { ops, srcLen: s1.length, destLen: s2.length };
}

/** RapidFuzz `Editops.as_opcodes()`: group consecutive edits, fill the gaps with `equal` blocks. */
export function editopsToOpcodes(editops: Editops): Opcode[] {
  const { ops, srcLen, destLen } = editops;
  const blocks: Opcode[] = [];
  let src = 0;
  let dest = 0;
  let i = 0;
  while (i < ops.length) {
    const first = ops[i]!;
    if (src < first.srcPos || dest < first.destPos) {
      blocks.push({ tag: 'equal', srcStart: src, srcEnd: first.srcPos, destStart: dest, destEnd: first.destPos });
      src = first.srcPos;
      dest = first.destPos;
    }
    const srcBegin = src;
    const destBegin = dest;
    const tag = first.tag;
    while (i < ops.length && ops[i]!.tag === tag && src === ops[i]!.srcPos && dest === ops[i]!.destPos) {
      if (tag === 'replace') {
        src++;
        dest++;
      } else if (tag === 'insert') dest++;
      else src++;
      i++;
    }
    blocks.push({ tag, srcStart: srcBegin, srcEnd: src, destStart: destBegin, destEnd: dest });
  }
  if (src < srcLen || dest < destLen) {
    blocks.push({ tag: 'equal', srcStart: src, srcEnd: srcLen, destStart: dest, destEnd: destLen });
  }
  return blocks;
}

/** RapidFuzz `Levenshtein.opcodes(s1, s2)`. */
export function levenshteinOpcodes<T>(s1: readonly T[], s2: readonly T[]): Opcode[] {
  return editopsToOpcodes(levenshteinEditops(s1, s2));
}

/** Levenshtein distance (uniform weights) between two token sequences; O(min(n,m)) memory. */
export function levenshteinDistance<T>(s1: readonly T[], s2: readonly T[]): number {
  const [a, b] = s1.length >= s2.length ? toIds(s1, s2) : toIds(s2, s1);
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
