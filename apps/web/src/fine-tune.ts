import { Adam, buildModel, restoreInto, type Seq2Seq, trainStep } from '@seq2seq/core';
import type { TextBatch } from '@seq2seq/text';
import { copyMapOf, encodePairs, type LoadedTextModel, makeBatch } from '@seq2seq/text2text';

export interface FineTuneOptions {
  steps: number;
  learningRate: number;
  /** Dropout seed of step i is seed + i, so a run repeats exactly. */
  seed: number;
  /** Called after each step with its training loss (the step's loss before its update). */
  onStep?: (step: number, loss: number) => void | Promise<void>;
}

/** A copy of `base`'s model (same weights, own variables) to fine-tune without touching the original. */
export function copyTextModel(base: LoadedTextModel): LoadedTextModel {
  const model = buildModel<TextBatch>(base.config);
  try {
    restoreInto(model.store, new Map(base.model.store.entries()), 'the model being copied');
  } catch (e) {
    model.store.dispose();
    throw e;
  }
  return { ...base, model };
}

/**
 * Parses "source<TAB>target" or "source => target" lines (blank lines skipped); throws naming the
 * first line that is neither, so the user can fix it.
 */
export function parsePairs(text: string): { source: string; target: string }[] {
  const pairs: { source: string; target: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const parts = line.includes('\t') ? line.split('\t') : line.split('=>');
    const [source, target] = [parts[0]?.trim() ?? '', parts.slice(1).join(' ').trim()];
    if (parts.length < 2 || source === '' || target === '') throw new Error(`line ${i + 1} is not "source => target": ${JSON.stringify(line)}`);
    pairs.push({ source, target });
  });
  if (pairs.length === 0) throw new Error('no training pairs: type one "source => target" per line');
  return pairs;
}

/**
 * A few Adam steps on `pairs` (one batch of all of them), in place on `m.model`. Dropout is on, as
 * in `translate train`; gradients are clipped at 1. Returns the loss of every step. Every tensor it
 * makes is freed (the optimizer's moments too).
 */
export async function fineTune(m: { model: Seq2Seq<TextBatch>; fields: LoadedTextModel['fields']; options: LoadedTextModel['options'] }, pairs: readonly { source: string; target: string }[], o: FineTuneOptions): Promise<number[]> {
  const { examples } = encodePairs(pairs, m.fields, m.options);
  if (examples.length === 0) throw new Error('none of the pairs has a source the model can read');
  const adam = new Adam(m.model.store);
  // copyIds for a copying decoder; others ignore them (as in training).
  const batch = makeBatch(examples, copyMapOf(m.fields));
  const losses: number[] = [];
  try {
    for (let i = 0; i < o.steps; i++) {
      const r = await trainStep(m.model, adam, batch, { learningRate: o.learningRate, clipNorm: 1, decode: { training: true, seed: o.seed + i } });
      if (!r.applied) throw new Error(`step ${i + 1}: the loss or its gradient is not finite (${r.loss}); lower the learning rate`);
      losses.push(r.loss);
      await o.onStep?.(i + 1, r.loss);
    }
    return losses;
  } finally {
    batch.dispose();
    adam.dispose();
  }
}
