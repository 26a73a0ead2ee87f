import { existsSync } from 'node:fs';
import { type JsonObject, loopOptions, train, type TrainResult, type ValidationResult } from '@seq2seq/core';
import { withoutLstmDecoderOptions } from '@seq2seq/decoder-lstm';
import type { TextField } from '@seq2seq/text';
import { encodeCaptions, epochBatches } from './batches.js';
import type { CaptionedImage, CaptionPair } from './captions-file.js';
import { buildCaptionField } from './field.js';
import { writeGalleries } from './gallery.js';
import { generateCaptions } from './generate.js';
import { prepareInputs } from './inputs.js';
import { loadCaptionModel } from './load.js';
import { captionScores } from './metrics.js';
import { createCaptionModel, initPretrainedEncoder } from './model.js';
import type { CaptionModelOptions, CaptionTrainOptions } from './options.js';

export interface TrainCaptionOptions {
  outDir: string;
  train: readonly CaptionPair[];
  valid: readonly CaptionedImage[];
  model: CaptionModelOptions;
  training: CaptionTrainOptions;
  /** App name and anything else the app wants in the checkpoint. */
  task: JsonObject;
  resume?: boolean;
  /** Replace a run already in outDir (see core TrainOptions.overwrite). */
  overwrite?: boolean;
  /** After training, store a gallery of the training images in best/ and last/ (see `captionWithGallery`). Default false. */
  gallery?: boolean;
  log?: (line: string) => void;
}

/**
 * Learns the caption vocabulary (or reuses it on resume), prepares the images (cached MobileNet
 * features with augmented views, or pixels for the ConvEncoder), builds the model and runs the core
 * training loop, selecting the best checkpoint by CIDEr-D of greedy captions on the validation images.
 */
export async function trainCaptionModel(o: TrainCaptionOptions, existingField?: TextField): Promise<TrainResult & { field: TextField; skipped: number }> {
  const log = o.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  // --max-minutes covers feature extraction too (it can take longer than training on a large set).
  const started = Date.now();
  const deadline = o.training.maxMinutes > 0 ? started + o.training.maxMinutes * 60_000 : undefined;
  if (o.train.length === 0) throw new Error('no training captions');
  const field = existingField ?? buildCaptionField(o.train.map((p) => p.caption), o.model);
  log(`caption vocabulary: ${field.vocab.size} words`);
  const model = createCaptionModel(field, o.model, o.training.seed);
  try {
    // Fresh MobileNet top blocks start from the pretrained graph; on resume train() restores over them.
    await initPretrainedEncoder(model);
    const tuned = o.model.encoder === 'mobilenet' && o.model.fineTuneBlocks > 0 ? ` (top ${o.model.fineTuneBlocks} blocks fine-tuned)` : '';
    const weights = (model.encoder.config() as { weights?: { id?: string; sha256?: string } }).weights;
    if (weights) log(`encoder weights: ${String(weights.id)} (sha256 ${String(weights.sha256).slice(0, 12)}...)`);
    log(`model: ${o.model.encoder} encoder${tuned}, ${model.store.numParams().toLocaleString('en')} trainable parameters`);
    const t = o.training;
    const common = { loadSize: o.model.loadSize, trim: o.model.trim, skipBad: true, log, ...(t.cacheDir ? { cacheDir: t.cacheDir } : {}), ...(deadline !== undefined ? { deadline } : {}) };
    const trainPaths = [...new Set(o.train.map((p) => p.image))];
    const tr = await prepareInputs(model.encoder, trainPaths, { ...common, augmentViews: t.augmentViews, augmentSeed: t.seed });
    // An evenly spaced sample, not the first N: files sorted by code point put all keycaps and flags first.
    const validSet = t.validateSize > 0 && o.valid.length > t.validateSize ? Array.from({ length: t.validateSize }, (_, i) => o.valid[Math.floor((i * o.valid.length) / t.validateSize)]!) : o.valid.slice();
    const va = await prepareInputs(model.encoder, validSet.map((v) => v.image), common);
    for (const s of [...tr.skipped, ...va.skipped]) log(`skipped ${s.error}`);
    const valid = validSet.filter((v) => va.inputs.has(v.image));
    const { examples, dropped } = encodeCaptions(o.train, field, tr.inputs, o.model.maxCaptionLength);
    log(`training pairs: ${examples.length} (${dropped} dropped for bad images); validation images: ${valid.length}`);
    if (examples.length === 0) throw new Error('no training pair has a readable image');
    const validate = async (): Promise<ValidationResult> => {
      const outs = await generateCaptions(model, field, va.inputs, valid.map((v) => v.image), { beam: 1 });
      const hyps = outs.map((n) => n[0]!.text);
      const s = captionScores(hyps, valid.map((v) => v.captions));
      return { metric: s.cider, higherIsBetter: true, details: { metric: 'CIDEr-D', ...s, n: valid.length, example: hyps[0] ?? '' } };
    };
    const result = await train(model, {
      outDir: o.outDir,
      trainBatches: ({ seed }) => epochBatches(examples, tr.inputs, t.batchSize, seed, t.augmentViews > 0),
      // The decoder's options are in its own config (loadCaptionModel reads them there).
      task: { ...o.task, field: field.toJSON(), options: withoutLstmDecoderOptions(o.model) as unknown as JsonObject },
      // What feature extraction used comes off the training budget.
      ...loopOptions(deadline !== undefined ? { ...t, maxMinutes: Math.max(0.01, (deadline - Date.now()) / 60_000) } : t),
      ...(valid.length > 0 ? { validate } : {}),
      resume: o.resume ?? false,
      overwrite: o.overwrite ?? false,
    });
    if (o.gallery) {
      const dirs = ['best', 'last'].map((d) => `${o.outDir}/${d}`).filter((d) => existsSync(`${d}/config.json`));
      await writeGalleries(dirs, loadCaptionModel, tr.inputs, o.train, log);
    }
    return { ...result, field, skipped: tr.skipped.length + va.skipped.length };
  } finally {
    model.store.dispose();
  }
}
