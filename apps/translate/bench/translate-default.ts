import * as tf from '@tensorflow/tfjs';
import { Adam } from '@seq2seq/core';
import { greedy, beamSearch } from '@seq2seq/search';
import { textBatch, TextField, Vocabulary, WordTokenizer } from '@seq2seq/text';
import { createTextModel, makeBatch, textModelDefaults } from '@seq2seq/text2text';
import { translatePreset } from '../src/preset.js';

/** The shape of core's BenchModel (packages/core/bench/case.ts), restated to keep packages acyclic. */
export interface TranslateBench {
  name: string;
  tokensPerStep: number;
  flopsPerStep: number;
  trainStep(): Promise<void>;
  greedy(batch: number, steps: number): Promise<number>;
  beam(batch: number, k: number, steps: number): Promise<number>;
  dispose(): void;
}

/**
 * The `translate train` default model (translatePreset over textModelDefaults) with a vocabulary of
 * 4,000 per side, batch 64, source and target length 20.
 */
export function buildTranslateDefault(): TranslateBench {
  const V = 4000;
  const B = 64;
  const L = 20;
  const pieces = Array.from({ length: V - 4 }, (_, i) => `w${i}`);
  const field = new TextField(new WordTokenizer(), Vocabulary.build(new Map(pieces.map((p, i) => [p, V - i]))));
  const o = { ...textModelDefaults, ...translatePreset.modelDefaults, dropout: 0 };
  const model = createTextModel({ source: field, target: field }, o, 1);
  const adam = new Adam(model.store);
  const rand = tf.randomUniform([B, L], 4, V, 'int32').arraySync() as number[][];
  const group = rand.map((r) => ({ source: r, target: r.slice(0, L - 1) }));
  const E = o.embeddingDim, H = o.encoderUnits, D = 2 * H, U = o.decoderUnits;
  const perSrcTok = 2 * 2 * (E + H) * 4 * H;
  const perTgtTok = 2 * ((E + U + U) * 4 * U + (U + D) * U + U * V + 2 * L * D + D * U);
  return {
    name: 'translate-default',
    tokensPerStep: B * L,
    flopsPerStep: 3 * B * L * (perSrcTok + perTgtTok),
    async trainStep() {
      const batch = makeBatch(group);
      const vars = model.store.trainable();
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => model.loss(batch.input, batch.target, { training: true, seed: 1 }), vars.map(([, v]) => v));
        const byName = new Map(vars.map(([name, v]) => [name, grads[v.name]!]));
        adam.apply(byName, 1e-3);
      });
      batch.dispose();
    },
    async greedy(batch, steps) {
      const src = textBatch(rand.slice(0, batch));
      const memory = tf.tidy(() => model.decoder.prepare(model.encode(src)));
      const hyps = await greedy(model.decoder, memory, { maxLength: steps, minLength: steps });
      tf.dispose([memory, src]);
      return hyps.reduce((n, h) => n + h.tokens.length, 0);
    },
    async beam(batch, k, steps) {
      const src = textBatch(rand.slice(0, batch));
      const memory = tf.tidy(() => model.decoder.prepare(model.encode(src)));
      const hyps = await beamSearch(model.decoder, memory, { beamSize: k, maxLength: steps, earlyStopping: 'heuristic' });
      tf.dispose([memory, src]);
      return hyps.length;
    },
    dispose() {
      model.store.dispose();
      adam.dispose();
    },
  };
}
