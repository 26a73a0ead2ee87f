import { type BeamEditDistance, OP_DEL, OP_INS, OP_NOP, OP_SUB } from './ter-edit-distance.js';

// Tercom's limits.
const MAX_SHIFT_SIZE = 10;
const MAX_SHIFT_DIST = 50;
/** sacreBLEU stops looking for shifts after this many candidates per sentence pair. */
export const MAX_SHIFT_CANDIDATES = 1000;

/**
 * Alignment from the flipped trace (rewriting the reference into the hypothesis): `align[refPos]` is
 * the hypothesis position, plus per-position error flags of reference and hypothesis.
 */
function traceToAlignment(trace: Uint8Array): { align: Map<number, number>; refErr: number[]; hypErr: number[] } {
  let posHyp = -1;
  let posRef = -1;
  const align = new Map<number, number>();
  const refErr: number[] = [];
  const hypErr: number[] = [];
  for (const original of trace) {
    // Flip insertions and deletions: the trace was computed rewriting hypothesis into reference.
    const op = original === OP_INS ? OP_DEL : original === OP_DEL ? OP_INS : original;
    if (op === OP_NOP || op === OP_SUB) {
      posHyp++;
      posRef++;
      align.set(posRef, posHyp);
      const err = op === OP_SUB ? 1 : 0;
      hypErr.push(err);
      refErr.push(err);
    } else if (op === OP_INS) {
      posHyp++;
      hypErr.push(1);
    } else {
      posRef++;
      align.set(posRef, posHyp);
      refErr.push(1);
    }
  }
  return { align, refErr, hypErr };
}

/** Matching word spans `(startH, startR, length)` in sacreBLEU's generator order. */
function* shiftedPairs(h: readonly string[], r: readonly string[]): Generator<[number, number, number]> {
  for (let startH = 0; startH < h.length; startH++) {
    for (let startR = 0; startR < r.length; startR++) {
      if (Math.abs(startR - startH) > MAX_SHIFT_DIST) continue;
      let length = 0;
      while (h[startH + length] === r[startR + length] && length < MAX_SHIFT_SIZE) {
        length++;
        yield [startH, startR, length];
        if (h.length === startH + length || r.length === startR + length) break;
      }
    }
  }
}

/** Moves `words[start, start+length)` so that it starts before index `target` of the original. */
export function performShift(words: readonly string[], start: number, length: number, target: number): string[] {
  const moved = words.slice(start, start + length);
  if (target < start) return [...words.slice(0, target), ...moved, ...words.slice(target, start), ...words.slice(start + length)];
  if (target > start + length) return [...words.slice(0, start), ...words.slice(start + length, target), ...moved, ...words.slice(target)];
  return [...words.slice(0, start), ...words.slice(start + length, length + target), ...moved, ...words.slice(length + target)];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * Port of sacreBLEU's `_shift`: the shift that lowers the edit distance most, ranked like Tercom
 * (gain, then longer, then earlier start, then earlier target).
 */
export function bestShift(h: readonly string[], r: readonly string[], ed: BeamEditDistance, checkedIn: number): { delta: number; words: readonly string[]; checked: number } {
  const pre = ed.distance(h);
  const { align, refErr, hypErr } = traceToAlignment(pre.trace);
  let checked = checkedIn;
  let best: { key: [number, number, number, number]; words: string[] } | null = null;
  for (const [startH, startR, length] of shiftedPairs(h, r)) {
    if (sum(hypErr.slice(startH, startH + length)) === 0) continue;
    if (sum(refErr.slice(startR, startR + length)) === 0) continue;
    const at = align.get(startR)!;
    if (startH <= at && at < startH + length) continue;
    let prevIdx = -1;
    for (let offset = -1; offset < length; offset++) {
      let idx: number;
      if (startR + offset === -1) idx = 0;
      else if (align.has(startR + offset)) idx = align.get(startR + offset)! + 1;
      else break;
      if (idx === prevIdx) continue;
      prevIdx = idx;
      const shifted = performShift(h, startH, length, idx);
      const key: [number, number, number, number] = [pre.distance - ed.distance(shifted).distance, length, -startH, -idx];
      checked++;
      if (!best || greater(key, best.key)) best = { key, words: shifted };
    }
    if (checked >= MAX_SHIFT_CANDIDATES) break;
  }
  return best ? { delta: best.key[0], words: best.words, checked } : { delta: 0, words: h, checked };
}

/** Python tuple `>` on the ranking keys (equal keys mean the same shift, so words need no comparison). */
function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}
