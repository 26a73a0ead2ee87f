import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { type Command, command, SkippedInputs } from '@seq2seq/cli';
import { loadImage } from '@seq2seq/image';
import { backendOptions, modelDirOption, resolveModelDir, startBackend } from '@seq2seq/pipeline';
import { prepareInputs } from '../inputs.js';
import { loadCaptionModel } from '../load.js';
import { writeAttentionOverlay } from '../overlay.js';
import { decodeCaptions, galleryDecodeSpecs } from './caption-decode.js';
import { captionDecodeSpecs } from './decode-options.js';
import type { CaptionPreset } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';
import { applyWeightsOptions, weightsOptions } from './weights-options.js';

/** PATH for one image, PATH-<i>.png for the i-th of several. */
export function overlayPath(base: string, index: number, count: number): string {
  if (count === 1) return base;
  const ext = extname(base);
  return `${ext ? base.slice(0, -ext.length) : base}-${index + 1}${ext || '.png'}`;
}

export function predictCommand(preset: CaptionPreset): Command {
  return command({
    name: 'predict',
    summary: 'caption image files (PNG or JPEG); unreadable files are named on stderr, answered with an empty caption and make the exit code 3',
    positionals: 'IMAGE ...',
    options: {
      model: modelDirOption(),
      ...captionDecodeSpecs(preset.defaultBeam ?? 3),
      ...galleryDecodeSpecs,
      nbest: { type: 'number', description: 'captions per image', default: 1, integer: true, min: 1 },
      json: { type: 'boolean', description: 'one JSON object per image: {image, captions: [{text, score}]} or {image, error}' },
      'attention-png': { type: 'string', description: 'write the attention over the image for each word as a PNG (tile 0 the image, tile k word k; PATH-<i>.png for several images)' },
      'tile-size': { type: 'number', description: 'side of each tile of the attention PNG', default: 160, integer: true, min: 16 },
      ...backendOptions,
      ...weightsOptions,
    },
    async run(o, positionals, ctx) {
      if (positionals.length === 0) throw new Error('no input: give image files as arguments');
      applyWeightsOptions(o as Record<string, unknown>);
      await startBackend(o, ctx.err);
      const loaded = await loadCaptionModel(resolveModelDir(modelOrShipped(o.model, preset.app, ctx.err), existsSync), preset.app);
      try {
        const { inputs, skipped } = await prepareInputs(loaded.model.encoder, positionals, { loadSize: loaded.options.loadSize, trim: loaded.options.trim, skipBad: true, ...(o['cache-dir'] ? { cacheDir: String(o['cache-dir']) } : {}) });
        const errors = new Map(skipped.map((s) => [s.path, s.error]));
        const good = positionals.filter((p) => inputs.has(p));
        const nBest = Number(o.nbest);
        const outs = await decodeCaptions(loaded, inputs, good, o as Record<string, unknown>, { nBest, returnAttention: Boolean(o['attention-png']) });
        const byPath = new Map(good.map((p, i) => [p, outs[i]!]));
        for (const [i, path] of positionals.entries()) {
          const list = byPath.get(path);
          if (!list) {
            const error = errors.get(path) ?? `cannot read image '${path}'`;
            ctx.err(`skipped: ${error}`);
            // One output line per input even here, so outputs stay aligned with the inputs.
            if (o.json) ctx.out(JSON.stringify({ image: path, error }));
            else if (nBest === 1) ctx.out(positionals.length > 1 ? `${path}\t` : '');
            continue;
          }
          if (o.json) ctx.out(JSON.stringify({ image: path, captions: list.map((h) => ({ text: h.text, score: h.score })) }));
          else if (nBest > 1) list.forEach((h) => ctx.out(`${path}\t${h.score.toFixed(4)}\t${h.text}`));
          else ctx.out(positionals.length > 1 ? `${path}\t${list[0]!.text}` : list[0]!.text);
          const best = list[0]!;
          if (o['attention-png']) {
            if (!best.attention) throw new Error(`the model has no attention (attention 'none'); --attention-png needs an attending decoder`);
            const file = overlayPath(String(o['attention-png']), i, positionals.length);
            const side = Number(o['tile-size']);
            writeAttentionOverlay(file, await loadImage(path, { height: side, width: side }), best.attention);
            ctx.err(`attention written to ${file}: tiles = image, ${[...best.words, '<eos>'].join(' ')}`);
          }
        }
        if (good.length === 0) throw new Error(`none of the ${positionals.length} images could be read`);
        if (skipped.length > 0) throw new SkippedInputs(skipped.length, positionals.length, 'images');
      } finally {
        loaded.model.store.dispose();
      }
    },
  });
}
