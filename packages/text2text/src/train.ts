import type * as tf from '@tensorflow/tfjs';
import { type JsonObject, loadCheckpoint, loopOptions, restoreInto, train, type TrainResult, type ValidationResult } from '@seq2seq/core';
import { withoutLstmDecoderOptions } from '@seq2seq/decoder-lstm';
import { taskObject } from '@seq2seq/pipeline';
import { buildFields, type Fields, fieldsFromJSON, fieldsToJSON } from './fields.js';
import { type BatchLimits, copyMapOf, encodePairs, epochBatches } from './batches.js';
import { generate } from './generate.js';
import { createTextModel } from './model.js';
import { storedModelOptions, type TextModelOptions, type TextTrainOptions } from './options.js';

export interface TextPair {
  source: string;
  target: string;
}

export interface TrainTextOptions {
  outDir: string;
  train: readonly TextPair[];
  valid: readonly TextPair[];
  model: TextModelOptions;
  training: TextTrainOptions;
  /** Model-selection metric on greedy validation outputs (e.g. BLEU). */
  metric: { name: string; higherIsBetter: boolean; compute: (hyps: string[], refs: string[]) => number };
  /** App name and anything else the app wants in the checkpoint. */
  task: JsonObject;
  resume?: boolean;
  /** Replace a run already in outDir (see core TrainOptions.overwrite). */
  overwrite?: boolean;
  /** Start from these weights (a new run: fresh optimizer and schedule); consumed (disposed). */
  init?: InitFrom;
  log?: (line: string) => void;
}

/** A checkpoint to start a new training run from (`--init-from`). */
export interface InitFrom {
  dir: string;
  fields: Fields;
  options: TextModelOptions;
  weights: Map<string, tf.Tensor>;
}

/**
 * Reads a checkpoint to continue training from: it must come from the same app; its vocabularies
 * and model options are the new run's.
 */
export async function loadInitFrom(dir: string, app: string, log: (line: string) => void): Promise<InitFrom> {
  const { config, weights } = await loadCheckpoint(dir, { optimizer: false });
  try {
    const from = config.task.app;
    if (from !== app) throw new Error(`--init-from '${dir}' is a ${typeof from === 'string' ? `'${from}'` : 'non-text'} model, not a '${app}' one`);
    const fields = fieldsFromJSON(taskObject(`checkpoint '${dir}'`, config.task, 'fields', 'text-to-text'), `checkpoint '${dir}'`);
    const options = storedModelOptions(config.task.options, config.decoder.config);
    log(`init from ${dir}: its weights, vocabularies and model options (model flags given here are not used); fresh optimizer and learning-rate warm-up`);
    return { dir, fields, options, weights };
  } catch (e) {
    weights.forEach((t) => t.dispose());
    throw e;
  }
}

/** The batch limits for training: the copy mechanism keeps about twice as many [B, T, V] tensors alive. */
export function batchLimits(t: TextTrainOptions, m: TextModelOptions, fields: Fields): BatchLimits {
  return { batchTokens: t.batchTokens, batchLogits: m.copy ? Math.floor(t.batchLogits / 2) : t.batchLogits, targetVocab: fields.target.vocab.size };
}

/** Learns fields (or reuses them on resume), builds the model and runs the core training loop. */
export async function trainTextModel(o: TrainTextOptions, existingFields?: Fields): Promise<TrainResult & { fields: Fields }> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (o.train.length === 0) {
    o.init?.weights.forEach((t) => t.dispose());
    throw new Error('no training examples');
  }
  const fields = existingFields ?? buildFields(o.train.map((p) => p.source), o.train.map((p) => p.target), o.model, log);
  log(`vocabulary: source ${fields.source.vocab.size}, target ${fields.target.vocab.size} (${o.model.tokenizer})`);
  const { examples, dropped, counts } = encodePairs(o.train, fields, o.model);
  log(`training examples: ${examples.length} (dropped ${dropped} empty after tokenising; truncated ${counts.source.truncated} sources, ${counts.target.truncated} targets; unknown source tokens ${counts.source.unknown}/${counts.source.tokens})`);
  const model = createTextModel(fields, o.model, o.training.seed);
  if (o.init) {
    try {
      restoreInto(model.store, o.init.weights, `--init-from checkpoint '${o.init.dir}'`);
    } catch (e) {
      model.store.dispose();
      throw e;
    } finally {
      o.init.weights.forEach((t) => t.dispose());
    }
  }
  log(`model: ${model.store.numParams().toLocaleString('en')} parameters`);
  const valid = o.training.validateSize > 0 ? o.valid.slice(0, o.training.validateSize) : o.valid;
  const validate = async (): Promise<ValidationResult> => {
    const outs = await generate(model, fields, valid.map((p) => p.source), { beam: 1, maxSourceLength: o.model.maxSourceLength });
    const hyps = outs.map((n) => n[0]!.text);
    const value = o.metric.compute(hyps, valid.map((p) => p.target));
    return { metric: value, higherIsBetter: o.metric.higherIsBetter, details: { metric: o.metric.name, n: valid.length, example: hyps[0] ?? '' } };
  };
  try {
    const t = o.training;
    const result = await train(model, {
      outDir: o.outDir,
      trainBatches: ({ seed }) => epochBatches(examples, batchLimits(t, o.model, fields), seed, copyMapOf(fields)),
      // The decoder's options are in its own config (storedModelOptions reads them there).
      task: { ...o.task, fields: fieldsToJSON(fields), options: withoutLstmDecoderOptions(o.model) as unknown as JsonObject },
      ...loopOptions(t),
      ...(valid.length > 0 ? { validate } : {}),
      resume: o.resume ?? false,
      overwrite: o.overwrite ?? false,
    });
    return { ...result, fields };
  } finally {
    model.store.dispose();
  }
}
