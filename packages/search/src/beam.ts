import * as tf from '@tensorflow/tfjs';
import type { Decoder } from '@seq2seq/core';
import { type Beam, type Finished, selectBeams } from './beam-select.js';
import { applyConstraints, buildConstraints } from './constraints.js';
import { disposeExcept } from './container.js';
import type { BeamSearchOptions, Hypothesis } from './options.js';
import { checkInt, resolveOptions } from './resolve.js';

interface Sentence {
  /** row in the caller's batch */
  id: number;
  maxLength: number;
  beams: Beam[];
  finished: Finished[];
}

const deadBeam = (): Beam => ({ tokens: [], logProb: -Infinity, steps: [], attention: null, live: false });

/**
 * Batched beam search: all sentences x K beams are the rows of one decoder batch [B' * K], where B'
 * shrinks as sentences finish (state and memory are gathered down to the unfinished ones).
 * Per step the host reads only the top 2K candidates per sentence (and attention when asked).
 * Returns, per input sentence, up to nBest hypotheses, best first.
 */
export async function beamSearch<S extends tf.TensorContainer, M extends tf.TensorContainer>(
  decoder: Decoder<S, M>,
  memory: M,
  options: BeamSearchOptions = {},
): Promise<Hypothesis[][]> {
  const r = resolveOptions(options, memory);
  const k = options.beamSize ?? 5;
  const nBest = options.nBest ?? 1;
  const alpha = options.lengthPenalty ?? 0.6;
  const earlyStopping = options.earlyStopping ?? 'exact';
  checkInt('beamSize', k, 1);
  checkInt('nBest', nBest, 1);
  if (nBest > k) throw new Error(`nBest ${nBest} exceeds beamSize ${k}`);
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new Error(`lengthPenalty must be >= 0, got ${alpha}`);
  const v = decoder.vocabSize;
  const b = r.batchSize;
  if (b === 0) return [];

  const results: Finished[][] = Array.from({ length: b }, () => []);
  let active: Sentence[] = results.map((finished, id) => ({
    id,
    maxLength: r.maxLengths[id] as number,
    finished,
    // Beam 0 starts alone; the others are padding so step 0 does not pick K copies of one token.
    beams: [{ tokens: [], logProb: 0, steps: [], attention: r.returnAttention ? [] : null, live: true }, ...Array.from({ length: k - 1 }, deadBeam)],
  }));
  const expand = active.flatMap((s) => new Array<number>(k).fill(s.id));
  let mem = tf.tidy(() => decoder.reorderMemory(memory, tf.tensor1d(expand, 'int32')));
  let state = tf.tidy(() => decoder.initState(mem));
  let prev = new Array<number>(b * k).fill(r.sosId);
  try {
    for (let step = 0; ; step++) {
      const n = active.length * k;
      const beams = active.flatMap((s) => s.beams);
      const rows = active.flatMap((s) => s.beams.map((bm) => ({ history: bm.tokens, maxLength: s.maxLength, live: bm.live, sentence: s.id })));
      const cons = buildConstraints(rows, { step, minLength: r.minLength, eosId: r.eosId, noRepeatNgramSize: r.noRepeatNgramSize, allowedTokens: options.allowedTokens });
      const scores = beams.map((bm) => (bm.live ? bm.logProb : -Infinity));
      const inputs = prev;
      const current = state;
      const currentMem = mem;
      const out = tf.tidy(() => {
        const res = decoder.step(tf.tensor1d(inputs, 'int32'), current, currentMem);
        const lp = applyConstraints(res.logProbs, cons, r.eosId);
        const total = tf.add(lp, tf.tensor2d(scores, [n, 1]));
        const top = tf.topk(tf.reshape(total, [active.length, k * v]), Math.min(2 * k, k * v));
        const attention = r.returnAttention && res.attention ? { attention: res.attention } : {};
        return { values: top.values, indices: top.indices, state: res.state, ...attention };
      });
      disposeExcept(state, [out.state, mem, memory]);
      state = out.state;
      const [values, indices, att] = await Promise.all([out.values.data(), out.indices.data(), out.attention?.data()]);
      if (options.betweenSteps) await options.betweenSteps();
      const sAtt = out.attention?.shape[1] ?? 0;
      tf.dispose([out.values, out.indices, out.attention ?? []]);

      const c = values.length / active.length;
      const nextActive: Sentence[] = [];
      const reorder: number[] = [];
      const memRows: number[] = [];
      const nextPrev: number[] = [];
      active.forEach((s, j) => {
        const { next, done } = selectBeams({
          values: values.subarray(j * c, (j + 1) * c),
          indices: (indices as Int32Array).subarray(j * c, (j + 1) * c),
          beams: s.beams,
          vocabSize: v,
          eosId: r.eosId,
          step,
          maxLength: s.maxLength,
          alpha,
          nBest,
          earlyStopping,
          finished: s.finished,
          attentionOf: (beam) => (att ? (att as Float32Array).slice((j * k + beam) * sAtt, (j * k + beam + 1) * sAtt) : null),
        });
        if (done) return;
        const kept: Beam[] = [];
        for (let q = 0; q < k; q++) {
          memRows.push(j * k + q);
          const sel = next[q];
          reorder.push(j * k + (sel?.parent ?? 0));
          nextPrev.push(sel?.token ?? r.padId);
          kept.push(sel?.beam ?? deadBeam());
        }
        nextActive.push({ ...s, beams: kept });
      });
      if (nextActive.length === 0) break;

      // Greedy search (and beams that kept their order) with no sentence finished needs no
      // reorder: skip its gathers.
      if (reorder.length !== n || !reorder.every((row, i) => row === i)) {
        const old = state;
        state = tf.tidy(() => decoder.reorderState(old, tf.tensor1d(reorder, 'int32')));
        disposeExcept(old, [state, mem, memory]);
      }
      if (nextActive.length < active.length) {
        const oldMem = mem;
        mem = tf.tidy(() => decoder.reorderMemory(oldMem, tf.tensor1d(memRows, 'int32')));
        disposeExcept(oldMem, [mem, memory, state]);
      }
      active = nextActive;
      prev = nextPrev;
    }
  } finally {
    disposeExcept(state, [mem, memory]);
    disposeExcept(mem, [memory]);
  }
  return results.map((fs) => fs.map(toHypothesis));
}

export function toHypothesis(f: Finished): Hypothesis {
  const h: Hypothesis = { tokens: f.tokens, score: f.score, logProb: f.logProb, tokenLogProbs: f.steps };
  if (f.attention) h.attention = f.attention.map((row) => Array.from(row));
  return h;
}
