import { SPECIALS, type Vocabulary } from './vocabulary.js';

const cache = new WeakMap<Vocabulary, WeakMap<Vocabulary, Int32Array>>();

/**
 * For each source id, the target id of the identical piece, or -1 when the target vocabulary lacks
 * it. Specials (<pad>, <sos>, <eos>, <unk>) map to -1: there is nothing to copy. With a shared
 * vocabulary this is the identity on ordinary pieces. Computed once per vocabulary pair (cached).
 * Feeds `textBatch(rows, { copyMap })` for decoders with a copy mechanism.
 */
export function copyIdMap(source: Vocabulary, target: Vocabulary): Int32Array {
  let byTarget = cache.get(source);
  if (!byTarget) cache.set(source, (byTarget = new WeakMap()));
  const hit = byTarget.get(target);
  if (hit) return hit;
  const map = new Int32Array(source.size).fill(-1);
  for (let id = SPECIALS.length; id < source.size; id++) {
    const piece = source.pieces[id]!;
    if (target.has(piece)) map[id] = target.id(piece);
  }
  byTarget.set(target, map);
  return map;
}
