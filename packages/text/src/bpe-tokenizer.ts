import type { JsonObject } from '@seq2seq/core';
import { type BpeLearnOptions, learnBpe } from './bpe-learn.js';
import { readNormalize } from './json-fields.js';
import { normalizeText, type NormalizeOptions, type ResolvedNormalize, resolveNormalize } from './normalize.js';
import { joinPieces, pretokenize } from './pretokenize.js';
import type { Tokenizer } from './tokenizer.js';

export type BpeOptions = Omit<NormalizeOptions, 'collapseWhitespace'>;

// Bounded so a long-running server cannot grow it without limit.
const CACHE_LIMIT = 200_000;

/**
 * Subword BPE over the word tokenizer's units ('▁Hello', ',', ...), SentencePiece style: '▁' marks a
 * word start and is a symbol of its own until merged, so decode is exact. Characters never seen in
 * training stay single-character pieces (the vocabulary maps them to <unk>).
 */
export class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe';
  readonly merges: readonly (readonly [string, string])[];
  private readonly norm: ResolvedNormalize;
  /** left -> right -> rank */
  private readonly ranks = new Map<string, Map<string, number>>();
  private readonly cache = new Map<string, string[]>();

  constructor(merges: readonly (readonly [string, string])[], options: BpeOptions = {}) {
    this.merges = merges.map(([a, b]) => [a, b] as const);
    this.norm = { ...resolveNormalize(options), collapseWhitespace: true };
    merges.forEach(([a, b], rank) => {
      let m = this.ranks.get(a);
      if (!m) this.ranks.set(a, (m = new Map()));
      if (!m.has(b)) m.set(b, rank);
    });
  }

  /** Learns merges from training texts (each text normalised and pre-tokenised first). */
  static learn(texts: Iterable<string>, options: BpeLearnOptions & BpeOptions): BpeTokenizer {
    const norm = { ...resolveNormalize(options), collapseWhitespace: true };
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const unit of pretokenize(normalizeText(text, norm))) counts.set(unit, (counts.get(unit) ?? 0) + 1);
    }
    const { merges } = learnBpe(counts, options);
    const { onMerge: _progress, ...rest } = options;
    return new BpeTokenizer(merges, rest);
  }

  static fromJSON(json: JsonObject): BpeTokenizer {
    const raw = json.merges;
    if (!Array.isArray(raw)) throw new Error(`bpe tokenizer JSON needs 'merges' (an array of [left, right] pairs)`);
    const merges = raw.map((m, i): [string, string] => {
      if (!Array.isArray(m) || m.length !== 2 || typeof m[0] !== 'string' || typeof m[1] !== 'string') {
        throw new Error(`bpe merge #${i} must be a [left, right] pair of strings, got ${JSON.stringify(m)}`);
      }
      return [m[0], m[1]];
    });
    return new BpeTokenizer(merges, readNormalize(json));
  }

  encode(text: string): string[] {
    return pretokenize(normalizeText(text, this.norm)).flatMap((unit) => this.encodeUnit(unit));
  }

  decode(pieces: readonly string[]): string {
    return joinPieces(pieces);
  }

  toJSON(): JsonObject {
    return { kind: this.kind, lowercase: this.norm.lowercase, unicode: this.norm.unicode, merges: this.merges.map(([a, b]) => [a, b]) };
  }

  /** Applies merges lowest rank first (all occurrences of that pair, left to right) until none applies. */
  private encodeUnit(unit: string): string[] {
    const hit = this.cache.get(unit);
    if (hit) return hit;
    let syms = Array.from(unit);
    for (;;) {
      let best = Infinity;
      let left = '';
      let right = '';
      for (let i = 0; i + 1 < syms.length; i++) {
        const r = this.ranks.get(syms[i]!)?.get(syms[i + 1]!);
        if (r !== undefined && r < best) {
          best = r;
          left = syms[i]!;
          right = syms[i + 1]!;
        }
      }
      if (best === Infinity) break;
      const next: string[] = [];
      for (let i = 0; i < syms.length; i++) {
        if (i + 1 < syms.length && syms[i] === left && syms[i + 1] === right) {
          next.push(left + right);
          i++;
        } else next.push(syms[i]!);
      }
      syms = next;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(unit, syms);
    return syms;
  }
}
