import { existsSync } from 'node:fs';
import { type Command, command } from '@seq2seq/cli';
import { datasetOptionSpec, resolveDatasetOption } from '@seq2seq/datasets';
import { fieldsFromJSON, type Fields } from '../fields.js';
import { textModelDefaults, textTrainDefaults } from '../options.js';
import { type InitFrom, loadInitFrom, trainTextModel } from '../train.js';
import { backendOptions, checkTrainOut, outOption, reportTrainRun, resolveModelDir, resumedTaskObject, runDirOptions, startBackend } from '@seq2seq/pipeline';
import { modelOptionSpecs, readModelOptions } from './model-options.js';
import type { TextPreset } from './preset.js';

export function trainCommand(preset: TextPreset): Command {
  const md = { ...textModelDefaults, ...preset.modelDefaults };
  const td = { ...textTrainDefaults, ...preset.trainDefaults };
  return command({
    name: 'train',
    summary: `train a ${preset.app} model; writes OUT/best and OUT/last checkpoints and OUT/train.jsonl`,
    options: {
      out: outOption,
      ...runDirOptions,
      'init-from': { type: 'string', description: `start from this checkpoint's weights and vocabularies (e.g. models/${preset.app}, the shipped model): a fresh optimizer and learning-rate warm-up; the model options are the checkpoint's` },
      ...(preset.datasets ? { dataset: datasetOptionSpec(preset.datasets) } : {}),
      ...preset.trainDataOptions,
      ...modelOptionSpecs(md, td),
      ...backendOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      const { out, resume, overwrite } = await checkTrainOut({ out: String(o.out), resume: o.resume, overwrite: o.overwrite }, ctx.err);
      await startBackend(o, ctx.err);
      const { model, training } = readModelOptions(opts, md, td);
      const chosen = await resolveDatasetOption(opts.dataset, preset.datasets ?? [], ctx.err);
      const { train, valid } = preset.loadTrain(opts, ctx.err, chosen);
      ctx.err(`data: ${train.length} training, ${valid.length} validation pairs`);
      let fields: Fields | undefined;
      if (resume) {
        // Resume must reuse the exact vocabularies the checkpoint was trained with.
        fields = fieldsFromJSON(await resumedTaskObject(out, 'fields', 'text-to-text'), `checkpoint '${out}/last'`);
      }
      let init: InitFrom | undefined;
      if (o['init-from'] !== undefined) {
        if (resume) throw new Error('--init-from starts a new run from a model and --resume continues OUT/last: give one of them');
        init = await loadInitFrom(resolveModelDir(String(o['init-from']), existsSync), preset.app, ctx.err);
        fields = init.fields;
      }
      const result = await trainTextModel(
        { outDir: out, train, valid, model: init?.options ?? model, training, metric: preset.selection, task: { app: preset.app }, resume, overwrite, log: ctx.err, ...(init ? { init } : {}) },
        fields,
      );
      reportTrainRun(ctx, out, result, { metric: preset.selection.name, digits: 2 });
    },
  });
}
