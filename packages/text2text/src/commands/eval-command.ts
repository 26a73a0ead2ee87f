import { existsSync, writeFileSync } from 'node:fs';
import { type Command, command } from '@seq2seq/cli';
import { generate } from '../generate.js';
import { loadTextEnsemble, modelDirList } from '../load.js';
import { backendOptions, startBackend } from './backend-options.js';
import { decodeOptionSpecs, readDecodeOptions } from './decode-options.js';
import type { TextPreset } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';
import { startProgress } from '@seq2seq/core';
import { datasetOptionSpec, resolveDatasetOption } from '@seq2seq/datasets';

export function evalCommand(preset: TextPreset): Command {
  return command({
    name: 'eval',
    summary: `score a ${preset.app} model; the last stdout line is a JSON object of metrics`,
    options: {
      model: { type: 'string', description: 'checkpoint directory (default: the shipped model in models/) (or a training OUT dir: uses OUT/best); several separated by commas decode as an ensemble' },
      ...(preset.datasets ? { dataset: datasetOptionSpec(preset.datasets) } : {}),
      ...preset.evalDataOptions,
      ...decodeOptionSpecs(preset.decodeDefaults),
      ...preset.decodeExtension?.options,
      'output-file': { type: 'string', description: 'also write the hypotheses here, one per line' },
      ...backendOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      await startBackend(o, ctx.err);
      const set = preset.loadEval(opts, ctx.err, await resolveDatasetOption(opts.dataset, preset.datasets ?? [], ctx.err));
      const decode = preset.decodeExtension?.create(opts, ctx.err) ?? generate;
      if (set.sources.length === 0) throw new Error('no evaluation examples');
      const loaded = await loadTextEnsemble(modelDirList(modelOrShipped(o.model, preset.app, ctx.err), existsSync), preset.app);
      try {
        const bar = startProgress({ label: 'decode', total: set.sources.length, log: ctx.err });
        const outs = await decode(loaded.models, loaded.fields, set.sources, {
          ...readDecodeOptions(opts),
          maxSourceLength: loaded.options.maxSourceLength,
          onProgress: (done) => bar.update(done),
        });
        bar.finish(set.sources.length);
        const hyps = outs.map((n) => n[0]!.text);
        if (o['output-file']) writeFileSync(String(o['output-file']), hyps.map((h) => `${h}\n`).join(''));
        const metrics = preset.evalMetrics(hyps, set);
        ctx.out(JSON.stringify({ ...metrics, n: set.sources.length }));
      } finally {
        loaded.dispose();
      }
    },
  });
}
