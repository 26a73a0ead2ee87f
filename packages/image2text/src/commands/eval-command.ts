import { existsSync, writeFileSync } from 'node:fs';
import { checkWritable, type Command, command, SkippedInputs } from '@seq2seq/cli';
import { backendOptions, modelDirOption, resolveModelDir, startBackend } from '@seq2seq/pipeline';
import { prepareInputs } from '../inputs.js';
import { loadCaptionModel } from '../load.js';
import { captionScores } from '../metrics.js';
import { startProgress } from '@seq2seq/core';
import { applyDatasetOption, evalDataOptions, loadEvalData } from './data-options.js';
import { decodeCaptions, galleryDecodeSpecs } from './caption-decode.js';
import { captionDecodeSpecs } from './decode-options.js';
import type { CaptionPreset } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';
import { applyWeightsOptions, weightsOptions } from './weights-options.js';

export function evalCommand(preset: CaptionPreset): Command {
  return command({
    name: 'eval',
    summary: `score a ${preset.app} model: the last stdout line is {"bleu4","cider","exact","n"} (BLEU-4 0-100, CIDEr-D raw, exact match %)`,
    options: {
      model: modelDirOption(),
      ...evalDataOptions,
      ...captionDecodeSpecs(preset.defaultBeam ?? 3),
      ...galleryDecodeSpecs,
      'output-file': { type: 'string', description: "also write 'image<TAB>caption' lines here" },
      ...backendOptions,
      ...weightsOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      applyWeightsOptions(o as Record<string, unknown>);
      await startBackend(o, ctx.err);
      checkWritable(o['output-file'] === undefined ? undefined : String(o['output-file']));
      await applyDatasetOption(opts, ctx.err);
      const loaded = await loadCaptionModel(resolveModelDir(modelOrShipped(o.model, preset.app, ctx.err), existsSync), preset.app);
      try {
        const set = loadEvalData(opts, loaded.config.task.split as Record<string, unknown> | undefined);
        if (set.length === 0) throw new Error('no evaluation images');
        const { inputs, skipped } = await prepareInputs(loaded.model.encoder, set.map((s) => s.image), {
          loadSize: loaded.options.loadSize,
          trim: loaded.options.trim,
          skipBad: true,
          ...(o['cache-dir'] ? { cacheDir: String(o['cache-dir']) } : {}),
        });
        for (const s of skipped.slice(0, 10)) ctx.err(`skipped: ${s.error}`);
        if (skipped.length > 10) ctx.err(`... and ${skipped.length - 10} more`);
        const good = set.filter((s) => inputs.has(s.image));
        if (good.length === 0) throw new Error(`none of the ${set.length} images could be read`);
        const bar = startProgress({ label: 'caption', total: good.length, log: ctx.err });
        if (loaded.gallery && Number(o['gallery-top']) > 0) ctx.err(`gallery: each image's ${Number(o['gallery-top'])} nearest of ${loaded.gallery.captions.length} training captions, scored by the decoder (--gallery-top 0 decodes freely)`);
        const outs = await decodeCaptions(loaded, inputs, good.map((s) => s.image), opts, {
          onProgress: (done) => bar.update(done),
        });
        bar.finish(good.length);
        const hyps = outs.map((n) => n[0]!.text);
        if (o['output-file']) writeFileSync(String(o['output-file']), good.map((s, i) => `${s.image}\t${hyps[i]}\n`).join(''));
        const scores = captionScores(hyps, good.map((s) => s.captions));
        if (skipped.length > 0) ctx.err(`${skipped.length} of ${set.length} images skipped (unreadable or missing)`);
        ctx.out(JSON.stringify({ ...scores, n: good.length, skipped: skipped.length }));
        if (skipped.length > 0) throw new SkippedInputs(skipped.length, set.length, 'images');
      } finally {
        loaded.model.store.dispose();
      }
    },
  });
}
