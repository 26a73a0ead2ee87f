// Scripted tables shared by the search tests. Token ids: 0 pad, 1 sos, 2 eos, 3.. words.
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { type Distribution, ScriptedDecoder, type ScriptedMemory } from './fake-decoder.js';
import { lengthPenalty } from './length-penalty.js';

export const EOS = 2;

/** Greedy takes 3 (0.5) then ends (0.4): 0.2. Beam (K >= 2) finds 4 then <eos>: 0.4 * 0.9 = 0.36. */
export const GREEDY_TRAP: Record<string, Distribution> = {
  '': { 3: 0.5, 4: 0.4, 2: 0.1 },
  '3': { 2: 0.4, 3: 0.3, 4: 0.3 },
  '4': { 2: 0.9, 3: 0.1 },
};

/**
 * With maxLength 2 the only sequences are [3] 0.6*0.55 = 0.33, [4 5] 0.4*0.8 = 0.32 and
 * [3 5] 0.6*0.45*0.05 = 0.0135: raw log-prob prefers [3], alpha = 1 prefers the longer [4 5].
 */
export const LENGTH_TRADE: Record<string, Distribution> = {
  '': { 3: 0.6, 4: 0.4 },
  '3': { 2: 0.55, 5: 0.45 },
  '3 5': { 2: 0.05, 4: 0.95 },
  '4': { 5: 1 },
  '4 5': { 2: 0.8, 5: 0.2 },
};

/** Ends at once with 0.6; anything else continues with 3/4 (0.45 each) and rarely ends (0.1). */
export const EARLY_END: Record<string, Distribution> = { '': { 2: 0.6, 3: 0.4 } };
export const EARLY_END_REST: Distribution = { 3: 0.45, 4: 0.45, 2: 0.1 };

/** A deterministic pseudo-random distribution per (sentence, prefix), <eos> likelier as it grows. */
export function randomFallback(seed: number, vocabSize: number) {
  return (sentence: number, prefix: readonly number[]): number[] => {
    let h = seed * 7919 + sentence * 104729;
    for (const t of prefix) h = (h * 31 + t + 1) >>> 0;
    const rand = mulberry32(h);
    const w = Array.from({ length: vocabSize }, (_, i) => (i < 2 ? 0 : rand() + 0.05));
    w[EOS] = (w[EOS] as number) * (1 + prefix.length);
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => x / sum);
  };
}

/** All complete sequences up to maxLength (eos forced there), with log-prob and GNMT score, best first. */
export function bruteForce(dec: ScriptedDecoder, sentence: number, maxLength: number, alpha: number) {
  const out: { tokens: number[]; logProb: number; score: number }[] = [];
  const walk = (prefix: number[], lp: number): void => {
    const p = dec.probabilities(sentence, prefix);
    const end = lp + Math.log(p[EOS] as number);
    if (Number.isFinite(end)) out.push({ tokens: prefix, logProb: end, score: end / lengthPenalty(prefix.length + 1, alpha) });
    if (prefix.length === maxLength) return;
    p.forEach((q, t) => {
      if (t !== EOS && q > 0) walk([...prefix, t], lp + Math.log(q));
    });
  };
  walk([], 0);
  return out.sort((a, b) => b.score - a.score);
}

/** Host-side greedy reference: argmax at each step, <eos> forced at maxLength. */
export function referenceGreedy(dec: ScriptedDecoder, sentence: number, maxLength: number) {
  const tokens: number[] = [];
  let logProb = 0;
  for (;;) {
    const p = dec.probabilities(sentence, tokens).map((x) => Math.fround(Math.log(x)));
    const best = tokens.length >= maxLength ? EOS : p.indexOf(Math.max(...p));
    logProb += p[best] as number;
    if (best === EOS) return { tokens, logProb };
    tokens.push(best);
  }
}

/** Runs a search on fresh memory for `sentences`, disposes the memory, and asserts no tensor leaked. */
export function leakFree<T>(dec: ScriptedDecoder, sentences: readonly number[], fn: (memory: ScriptedMemory) => Promise<T>): Promise<T> {
  return expectNoLeaks(async () => {
    const memory = dec.memory(sentences);
    try {
      return await fn(memory);
    } finally {
      tf.dispose(memory);
    }
  });
}
