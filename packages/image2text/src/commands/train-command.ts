import { type Command, command } from '@seq2seq/cli';
import { TextField } from '@seq2seq/text';
import { backendOptions, checkTrainOut, outOption, reportTrainRun, resumedTaskObject, runDirOptions, startBackend } from '@seq2seq/pipeline';
import { captionModelDefaults, captionTrainDefaults } from '../options.js';
import { trainCaptionModel } from '../train.js';
import { applyDatasetOption, loadTrainData, trainDataOptions } from './data-options.js';
import { captionOptionSpecs, readCaptionOptions } from './model-options.js';
import type { CaptionPreset } from './preset.js';
import { applyWeightsOptions, weightsOptions } from './weights-options.js';

function galleryWanted(v: string, emoji: boolean): boolean {
  if (v !== 'on' && v !== 'off' && v !== 'auto') throw new Error(`--gallery must be on, off or auto, got '${v}'`);
  return v === 'on' || (v === 'auto' && emoji);
}

export function trainCommand(preset: CaptionPreset): Command {
  const md = { ...captionModelDefaults, ...preset.modelDefaults };
  const td = { ...captionTrainDefaults, ...preset.trainDefaults };
  return command({
    name: 'train',
    summary: `train a ${preset.app} model; writes OUT/best and OUT/last checkpoints and OUT/train.jsonl`,
    options: {
      out: outOption,
      ...runDirOptions,
      gallery: { type: 'string', description: "store a gallery of the training images with best/ and last/ for retrieval-aided eval/predict: on | off | auto (on with --emoji, a labelling task)", default: 'auto' },
      ...trainDataOptions,
      ...captionOptionSpecs(md, td),
      ...backendOptions,
      ...weightsOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      const { out, resume, overwrite } = await checkTrainOut({ out: String(o.out), resume: o.resume, overwrite: o.overwrite }, ctx.err);
      applyWeightsOptions(o as Record<string, unknown>);
      await startBackend(o, ctx.err);
      await applyDatasetOption(opts, ctx.err);
      const { model, training } = readCaptionOptions(opts, md, td, { emoji: Boolean(opts.emoji) });
      const { train, valid, split } = loadTrainData(opts, ctx.err);
      if (opts.emoji && model.loadSize === 0) {
        // Emoji are 64x64: decoding at 64 and resizing the batch is ~40x faster than decoding to 224.
        model.loadSize = 64;
        ctx.err('emoji: decoding images at 64x64 (--load-size 64)');
      }
      let field: TextField | undefined;
      if (resume) {
        // Resume must reuse the vocabulary the checkpoint was trained with.
        field = TextField.fromJSON(await resumedTaskObject(out, 'field', 'captioning'));
      }
      const result = await trainCaptionModel({ outDir: out, train, valid, model, training, task: { app: preset.app, split }, resume, overwrite, gallery: galleryWanted(String(o.gallery), Boolean(opts.emoji)), log: ctx.err }, field);
      reportTrainRun(ctx, out, result, { metric: 'CIDEr-D', digits: 3, tail: `; ${result.skipped} bad images skipped`, extra: { skipped: result.skipped } });
    },
  });
}
