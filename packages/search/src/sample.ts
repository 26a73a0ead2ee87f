import * as tf from '@tensorflow/tfjs';
import { type Decoder, mulberry32 } from '@seq2seq/core';
import { applyConstraints, buildConstraints } from './constraints.js';
import { disposeExcept } from './container.js';
import type { Hypothesis, SampleOptions } from './options.js';
import { checkInt, resolveOptions } from './resolve.js';
import { drawTokens, samplingProbs } from './sample-filter.js';

interface Row {
  sentence: number;
  maxLength: number;
  tokens: number[];
  logProb: number;
  steps: number[];
  attention: Float32Array[] | null;
}

/**
 * Ancestral sampling with temperature, top-k and top-p, `numSamples` per input, all rows in one
 * decoder batch that shrinks as rows end. Seeded: the same seed gives the same samples.
 * Returns per input its samples in draw order; score = logProb under the unmodified model.
 */
export async function sample<S extends tf.TensorContainer, M extends tf.TensorContainer>(
  decoder: Decoder<S, M>,
  memory: M,
  options: SampleOptions = {},
): Promise<Hypothesis[][]> {
  const r = resolveOptions(options, memory);
  const filter = { temperature: options.temperature ?? 1, topK: options.topK ?? 0, topP: options.topP ?? 1 };
  const perInput = options.numSamples ?? 1;
  checkInt('numSamples', perInput, 1);
  checkInt('topK', filter.topK, 0);
  if (!(filter.temperature >= 0 && Number.isFinite(filter.temperature))) throw new Error(`temperature must be >= 0, got ${filter.temperature}`);
  if (!(filter.topP > 0 && filter.topP <= 1)) throw new Error(`topP must be in (0, 1], got ${filter.topP}`);
  const rand = mulberry32(options.seed ?? 0);

  const rows: Row[] = [];
  for (let s = 0; s < r.batchSize; s++) {
    for (let q = 0; q < perInput; q++) {
      rows.push({ sentence: s, maxLength: r.maxLengths[s] as number, tokens: [], logProb: 0, steps: [], attention: r.returnAttention ? [] : null });
    }
  }
  if (rows.length === 0) return [];
  let live = rows.map((_, i) => i);
  let mem = tf.tidy(() => decoder.reorderMemory(memory, tf.tensor1d(rows.map((row) => row.sentence), 'int32')));
  let state = tf.tidy(() => decoder.initState(mem));
  let prev = rows.map(() => r.sosId);
  try {
    for (let step = 0; ; step++) {
      const infos = live.map((i) => rows[i] as Row).map((row) => ({ history: row.tokens, maxLength: row.maxLength, live: true, sentence: row.sentence }));
      const cons = buildConstraints(infos, { step, minLength: r.minLength, eosId: r.eosId, noRepeatNgramSize: r.noRepeatNgramSize, allowedTokens: options.allowedTokens });
      const u = live.map(() => 1 - rand());
      const inputs = prev;
      const current = state;
      const currentMem = mem;
      const out = tf.tidy(() => {
        const res = decoder.step(tf.tensor1d(inputs, 'int32'), current, currentMem);
        const probs = samplingProbs(applyConstraints(res.logProbs, cons, r.eosId), filter);
        const tokens = drawTokens(probs, u);
        const chosen = tf.gather(res.logProbs, tf.expandDims(tokens, 1), 1, 1);
        const attention = r.returnAttention && res.attention ? { attention: res.attention } : {};
        return { tokens, chosen, state: res.state, ...attention };
      });
      disposeExcept(state, [out.state, mem, memory]);
      state = out.state;
      const [tokens, chosen, att] = await Promise.all([out.tokens.data(), out.chosen.data(), out.attention?.data()]);
      if (options.betweenSteps) await options.betweenSteps();
      const sAtt = out.attention?.shape[1] ?? 0;
      tf.dispose([out.tokens, out.chosen, out.attention ?? []]);

      const keep: number[] = [];
      live.forEach((i, j) => {
        const row = rows[i] as Row;
        const tok = tokens[j] as number;
        row.logProb += chosen[j] as number;
        row.steps.push(chosen[j] as number);
        if (row.attention && att) row.attention.push((att as Float32Array).slice(j * sAtt, (j + 1) * sAtt));
        else row.attention = null;
        if (tok === r.eosId) return;
        row.tokens.push(tok);
        keep.push(j);
      });
      if (keep.length === 0) break;
      if (keep.length < live.length) {
        const old = state;
        const oldMem = mem;
        state = tf.tidy(() => decoder.reorderState(old, tf.tensor1d(keep, 'int32')));
        mem = tf.tidy(() => decoder.reorderMemory(oldMem, tf.tensor1d(keep, 'int32')));
        disposeExcept(old, [state, mem, memory]);
        disposeExcept(oldMem, [state, mem, memory]);
      }
      prev = keep.map((j) => tokens[j] as number);
      live = keep.map((j) => live[j] as number);
    }
  } finally {
    disposeExcept(state, [mem, memory]);
    disposeExcept(mem, [memory]);
  }
  const out: Hypothesis[][] = Array.from({ length: r.batchSize }, () => []);
  for (const row of rows) {
    const h: Hypothesis = { tokens: row.tokens, score: row.logProb, logProb: row.logProb, tokenLogProbs: row.steps };
    if (row.attention) h.attention = row.attention.map((a) => Array.from(a));
    out[row.sentence]?.push(h);
  }
  return out;
}
