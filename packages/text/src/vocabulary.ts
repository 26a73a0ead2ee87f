import type { JsonObject } from '@seq2seq/core';
import { readStringArray } from './json-fields.js';

export const PAD = 0;
export const SOS = 1;
export const EOS = 2;
export const UNK = 3;
export const SPECIALS = ['<pad>', '<sos>', '<eos>', '<unk>'] as const;

export interface VocabularyOptions {
  /** Keep pieces seen at least this often. Default 1. */
  minFrequency?: number;
  /** Largest size including the 4 specials. Default unlimited. */
  maxSize?: number;
}

/** Counters that `encode` increments, so callers can report unknown rates. */
export interface EncodeCounts {
  tokens: number;
  unknown: number;
}

/**
 * Piece <-> id. Ids 0..3 are <pad>, <sos>, <eos>, <unk>; the rest are ordered by count (descending),
 * ties by code-unit order of the piece, so a build is deterministic.
 */
export class Vocabulary {
  private readonly ids: Map<string, number>;

  private constructor(readonly pieces: readonly string[]) {
    this.ids = new Map(pieces.map((p, i) => [p, i]));
    if (this.ids.size !== pieces.length) throw new Error('vocabulary pieces must be unique');
  }

  /** From piece counts or from tokenised texts. Pieces equal to a special's name are skipped. */
  static build(source: ReadonlyMap<string, number> | Iterable<readonly string[]>, options: VocabularyOptions = {}): Vocabulary {
    const minFrequency = options.minFrequency ?? 1;
    const maxSize = options.maxSize ?? Infinity;
    if (maxSize < SPECIALS.length) throw new Error(`maxSize must be at least ${SPECIALS.length} (the specials), got ${maxSize}`);
    const counts = source instanceof Map ? (source as ReadonlyMap<string, number>) : countPieces(source as Iterable<readonly string[]>);
    const specials = new Set<string>(SPECIALS);
    const kept = [...counts.entries()]
      .filter(([p, n]) => n >= minFrequency && !specials.has(p))
      .sort(([pa, na], [pb, nb]) => nb - na || (pa < pb ? -1 : pa > pb ? 1 : 0))
      .slice(0, maxSize - SPECIALS.length)
      .map(([p]) => p);
    return new Vocabulary([...SPECIALS, ...kept]);
  }

  static fromJSON(json: JsonObject): Vocabulary {
    const pieces = readStringArray(json, 'pieces');
    SPECIALS.forEach((s, i) => {
      if (pieces[i] !== s) throw new Error(`vocabulary JSON must start with ${SPECIALS.join(', ')}; position ${i} is ${JSON.stringify(pieces[i])}`);
    });
    return new Vocabulary(pieces);
  }

  get size(): number {
    return this.pieces.length;
  }

  has(piece: string): boolean {
    return this.ids.has(piece);
  }

  /** Id of a piece, <unk> when unknown. */
  id(piece: string): number {
    return this.ids.get(piece) ?? UNK;
  }

  piece(id: number): string {
    const p = this.pieces[id];
    if (p === undefined) throw new Error(`id ${id} is outside the vocabulary (size ${this.size})`);
    return p;
  }

  /** Pieces -> ids; unknown pieces become <unk> and are counted in `counts` when given. */
  encode(pieces: readonly string[], counts?: EncodeCounts): number[] {
    const out = pieces.map((p) => this.ids.get(p) ?? UNK);
    if (counts) {
      counts.tokens += out.length;
      for (const id of out) if (id === UNK) counts.unknown++;
    }
    return out;
  }

  /** Ids -> pieces: stops at the first <eos>, skips <pad> and <sos>, keeps <unk> as '<unk>'. */
  decode(ids: Iterable<number>): string[] {
    const out: string[] = [];
    for (const id of ids) {
      if (id === EOS) break;
      if (id === PAD || id === SOS) continue;
      out.push(this.piece(id));
    }
    return out;
  }

  toJSON(): JsonObject {
    return { pieces: [...this.pieces] };
  }
}

function countPieces(texts: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pieces of texts) for (const p of pieces) counts.set(p, (counts.get(p) ?? 0) + 1);
  return counts;
}
