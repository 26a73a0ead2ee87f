/** Edit operations of the trace: no-op, substitution, insertion, deletion, undefined. */
export const OP_NOP = 0;
export const OP_SUB = 1;
export const OP_INS = 2;
export const OP_DEL = 3;
const OP_UNDEF = 4;

const BEAM_WIDTH = 25;
const MAX_CACHE_SIZE = 10000;
// sacreBLEU's int(1e16); a double holds it exactly and INF+1 never beats INF, as with Python ints.
const INF = 1e16;

/** One row of the edit-distance matrix: costs and the operation that reached each cell. */
interface Row {
  cost: Float64Array;
  op: Uint8Array;
}
interface CacheNode {
  next: Map<string, CacheNode>;
  row: Row;
}

/**
 * Port of sacreBLEU's `BeamEditDistance`: word-level Levenshtein against a fixed reference, searched
 * in a beam around the (length-ratio) diagonal, with a prefix trie of computed rows and a trace.
 */
export class BeamEditDistance {
  private readonly initialRow: Row;
  private readonly cache = new Map<string, CacheNode>();
  private cacheSize = 0;

  constructor(private readonly ref: readonly string[]) {
    const m = ref.length;
    this.initialRow = { cost: Float64Array.from({ length: m + 1 }, (_, j) => j), op: new Uint8Array(m + 1).fill(OP_INS) };
  }

  /** Edit distance between the hypothesis and the reference, and the trace of operations (hyp -> ref). */
  distance(hyp: readonly string[]): { distance: number; trace: Uint8Array } {
    const rows: Row[] = [this.initialRow];
    let level = this.cache;
    for (const word of hyp) {
      const node = level.get(word);
      if (!node) break;
      rows.push(node.row);
      level = node.next;
    }
    const start = rows.length - 1;
    const result = this.compute(hyp, start, rows);
    this.addCache(hyp, rows, start);
    return result;
  }

  private compute(hyp: readonly string[], startH: number, dist: Row[]): { distance: number; trace: Uint8Array } {
    const n = hyp.length;
    const m = this.ref.length;
    for (let i = startH; i < n; i++) dist.push({ cost: new Float64Array(m + 1).fill(INF), op: new Uint8Array(m + 1).fill(OP_UNDEF) });
    const lengthRatio = n ? m / n : 1;
    // Very unequal lengths could leave consecutive beams without overlap.
    const beam = BEAM_WIDTH < lengthRatio / 2 ? Math.ceil(lengthRatio / 2 + BEAM_WIDTH) : BEAM_WIDTH;
    for (let i = startH + 1; i <= n; i++) {
      const diag = Math.floor(i * lengthRatio);
      const minJ = Math.max(0, diag - beam);
      const maxJ = i === n ? m + 1 : Math.min(m + 1, diag + beam);
      const prev = dist[i - 1]!;
      const row = dist[i]!;
      const word = hyp[i - 1];
      for (let j = minJ; j < maxJ; j++) {
        if (j === 0) {
          row.cost[0] = prev.cost[0]! + 1;
          row.op[0] = OP_DEL;
          continue;
        }
        const same = word === this.ref[j - 1];
        // Preference on ties: no-op/sub, then deletion, then insertion (the trace is flipped later).
        let cost = prev.cost[j - 1]! + (same ? 0 : 1);
        if (row.cost[j]! > cost) {
          row.cost[j] = cost;
          row.op[j] = same ? OP_NOP : OP_SUB;
        }
        cost = prev.cost[j]! + 1;
        if (row.cost[j]! > cost) {
          row.cost[j] = cost;
          row.op[j] = OP_DEL;
        }
        cost = row.cost[j - 1]! + 1;
        if (row.cost[j]! > cost) {
          row.cost[j] = cost;
          row.op[j] = OP_INS;
        }
      }
    }
    const ops: number[] = [];
    let i = n;
    let j = m;
    while (i > 0 || j > 0) {
      const op = dist[i]!.op[j]!;
      ops.push(op);
      if (op === OP_SUB || op === OP_NOP) {
        i--;
        j--;
      } else if (op === OP_INS) j--;
      else if (op === OP_DEL) i--;
      else throw new Error(`TER: undefined edit operation at (${i}, ${j})`);
    }
    return { distance: dist[n]!.cost[m]!, trace: Uint8Array.from(ops.reverse()) };
  }

  private addCache(hyp: readonly string[], dist: readonly Row[], startH: number): void {
    if (this.cacheSize >= MAX_CACHE_SIZE) return;
    let level = this.cache;
    for (let i = 0; i < startH; i++) level = level.get(hyp[i]!)!.next;
    for (let i = startH; i < hyp.length; i++) {
      let node = level.get(hyp[i]!);
      if (!node) {
        node = { next: new Map(), row: dist[i + 1]! };
        level.set(hyp[i]!, node);
        this.cacheSize++;
      }
      level = node.next;
    }
  }
}
