import { existsSync, writeFileSync } from 'node:fs';
import { checkWritable, type Command, command, SkippedInputs } from '@seq2seq/cli';
import { reportTruncated } from './predict-command.js';
import { generate } from '../generate.js';
import { loadTextEnsemble } from '../load.js';
import { backendOptions, modelDirList, modelDirOption, startBackend } from '@seq2seq/pipeline';
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
      model: modelDirOption({ ensemble: true }),
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
      checkWritable(o['output-file'] === undefined ? undefined : String(o['output-file']));
      const set = preset.loadEval(opts, ctx.err, await resolveDatasetOption(opts.dataset, preset.datasets ?? [], ctx.err));
      const decode = preset.decodeExtension?.create(opts, ctx.err) ?? generate;
      if (set.sources.length === 0) throw new Error('no evaluation examples');
      const loaded = await loadTextEnsemble(modelDirList(modelOrShipped(o.model, preset.app, ctx.err), existsSync), preset.app);
      try {
        const bar = startProgress({ label: 'decode', total: set.sources.length, log: ctx.err });
        let truncated = 0;
        const outs = await decode(loaded.models, loaded.fields, set.sources, {
          ...readDecodeOptions(opts),
          maxSourceLength: loaded.options.maxSourceLength,
          onTruncated: () => truncated++,
          onProgress: (done) => bar.update(done),
        });
        bar.finish(set.sources.length);
        reportTruncated(truncated, set.sources.length, loaded.options.maxSourceLength, ctx.err);
        const hyps = outs.map((n) => n[0]!.text);
        if (o['output-file']) writeFileSync(String(o['output-file']), hyps.map((h) => `${h}\n`).join(''));
        const metrics = preset.evalMetrics(hyps, set);
        // Only apps whose loader counts skipped examples report them: a 0 from the others would lie.
        ctx.out(JSON.stringify({ ...metrics, n: set.sources.length, ...(set.skipped !== undefined ? { skipped: set.skipped } : {}) }));
      } finally {
        loaded.dispose();
      }
      // The metrics above cover the usable examples; the exit code says some were left out.
      if ((set.skipped ?? 0) > 0) throw new SkippedInputs(set.skipped ?? 0, set.sources.length + (set.skipped ?? 0), 'examples');
    },
  });
}
