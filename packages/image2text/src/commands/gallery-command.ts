import { existsSync } from 'node:fs';
import { type Command, command } from '@seq2seq/cli';
import { backendOptions, startBackend } from '@seq2seq/pipeline';
import { writeGalleries } from '../gallery.js';
import { prepareInputs } from '../inputs.js';
import { loadCaptionModel } from '../load.js';
import { applyDatasetOption, loadTrainData, trainDataOptions } from './data-options.js';
import type { CaptionPreset } from './preset.js';
import { applyWeightsOptions, weightsOptions } from './weights-options.js';

/** `gallery`: stores (or replaces) the gallery of training images in existing checkpoints. */
export function galleryCommand(preset: CaptionPreset): Command {
  return command({
    name: 'gallery',
    summary: `store a gallery of (image, caption) pairs in a ${preset.app} checkpoint (OUT: best/ and last/), for retrieval-aided eval and predict`,
    options: {
      model: { type: 'string', description: 'checkpoint directory, or a training OUT dir (both best/ and last/)', required: true },
      ...trainDataOptions,
      'cache-dir': { type: 'string', description: 'MobileNet feature cache (default: $SEQ2SEQ_FEATURE_CACHE, else ~/.cache/seq2seq/image-features; oldest entries pruned past $SEQ2SEQ_FEATURE_CACHE_MB, default 8000)' },
      ...backendOptions,
      ...weightsOptions,
    },
    async run(o, _p, ctx) {
      applyWeightsOptions(o as Record<string, unknown>);
      await startBackend(o, ctx.err);
      await applyDatasetOption(o as Record<string, unknown>, ctx.err);
      const m = String(o.model);
      const dirs = existsSync(`${m}/config.json`) ? [m] : ['best', 'last'].map((d) => `${m}/${d}`).filter((d) => existsSync(`${d}/config.json`));
      if (dirs.length === 0) throw new Error(`no checkpoint in '${m}' (neither ${m}/config.json nor ${m}/best or ${m}/last)`);
      // The gallery holds the training pairs of the same data options (split included) that train took.
      const { train } = loadTrainData(o as Record<string, unknown>, ctx.err);
      const first = await loadCaptionModel(dirs[0]!, preset.app);
      try {
        const images = [...new Set(train.map((p) => p.image))];
        const { inputs, skipped } = await prepareInputs(first.model.encoder, images, { loadSize: first.options.loadSize, trim: first.options.trim, skipBad: true, ...(o['cache-dir'] ? { cacheDir: String(o['cache-dir']) } : {}), log: ctx.err });
        if (skipped.length > 0) ctx.err(`${skipped.length} of ${images.length} images skipped (unreadable)`);
        await writeGalleries(dirs, (d) => loadCaptionModel(d, preset.app), inputs, train, ctx.err);
      } finally {
        first.model.store.dispose();
      }
      ctx.out(JSON.stringify({ galleries: dirs, pairs: train.length }));
    },
  });
}
