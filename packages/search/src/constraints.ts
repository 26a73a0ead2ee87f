import * as tf from '@tensorflow/tfjs';
import { bannedTokens } from './ngram.js';

/** What each decoding row needs to know to mask its next-token scores. */
export interface RowInfo {
  /** Output tokens so far (no <sos>). */
  history: readonly number[];
  /** Most output tokens for this row's sentence. */
  maxLength: number;
  /** false for padding rows (dead beams); they get no n-gram work. */
  live: boolean;
  /** The row's sentence in the caller's batch (for `allowedTokens`). */
  sentence: number;
}

export interface ConstraintSpec {
  /** Output tokens generated so far, equal for all rows. */
  step: number;
  minLength: number;
  eosId: number;
  noRepeatNgramSize: number;
  allowedTokens?: ((history: readonly number[], sentence: number) => readonly number[] | undefined) | undefined;
}

/** The host-side part of the masks: small lists, computed before the step's tidy. */
export interface Constraints {
  blockEos: boolean;
  /** [N] rows that must emit <eos> now, or null when none does */
  forced: boolean[] | null;
  /** [M, 2] (row, token) pairs banned by n-gram blocking */
  banned: number[][];
  /** per row the tokens it may emit (undefined = any), or null when no row is restricted */
  allowed: (readonly number[] | undefined)[] | null;
}

export function buildConstraints(rows: readonly RowInfo[], spec: ConstraintSpec): Constraints {
  const forced = rows.map((r) => spec.step >= r.maxLength);
  const banned: number[][] = [];
  if (spec.noRepeatNgramSize > 0) {
    rows.forEach((r, i) => {
      if (!r.live) return;
      for (const tok of bannedTokens(r.history, spec.noRepeatNgramSize)) if (tok !== spec.eosId) banned.push([i, tok]);
    });
  }
  const allowed = spec.allowedTokens ? rows.map((r) => (r.live ? spec.allowedTokens!(r.history, r.sentence) : undefined)) : null;
  return { blockEos: spec.step < spec.minLength, forced: forced.some((f) => f) ? forced : null, banned, allowed: allowed?.some((a) => a) ? allowed : null };
}

/**
 * Applies the constraints to logProbs [N, V] by setting blocked entries to -Infinity. Call inside
 * tidy. Masks are added (host-built -Infinity/0 arrays) rather than selected with tf.where, whose
 * broadcasting tiles its operands first (slow on wasm).
 */
export function applyConstraints(logProbs: tf.Tensor2D, c: Constraints, eosId: number): tf.Tensor2D {
  const [n, v] = logProbs.shape;
  let lp = logProbs;
  if (c.blockEos) {
    const row = new Float32Array(v);
    row[eosId] = -Infinity;
    lp = tf.add(lp, tf.tensor2d(row, [1, v]));
  }
  if (c.banned.length > 0) {
    const idx = tf.tensor2d(c.banned, [c.banned.length, 2], 'int32');
    lp = tf.tensorScatterUpdate(lp, idx, tf.fill([c.banned.length], -Infinity));
  }
  if (c.allowed || c.forced) {
    // One [N, V] mask: rows restricted by allowedTokens keep only their list; rows that must end
    // keep only <eos> (even where the list lacks it: a hypothesis at its length limit ends).
    const add = new Float32Array(n * v);
    c.allowed?.forEach((list, row) => {
      if (!list) return;
      add.fill(-Infinity, row * v, (row + 1) * v);
      for (const tok of list) if (tok >= 0 && tok < v) add[row * v + tok] = 0;
    });
    c.forced?.forEach((forced, row) => {
      if (!forced) return;
      add.fill(-Infinity, row * v, (row + 1) * v);
      add[row * v + eosId] = 0;
    });
    lp = tf.add(lp, tf.tensor2d(add, [n, v]));
  }
  return lp;
}
