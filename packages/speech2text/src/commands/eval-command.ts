import { existsSync, writeFileSync } from 'node:fs';
import { checkWritable, type Command, command, SkippedInputs } from '@seq2seq/cli';
import { processCharacters, processWords } from '@seq2seq/metrics';
import { backendOptions, modelDirList, modelDirOption, startBackend } from '@seq2seq/pipeline';
import { loadManifestData } from '../data.js';
import { warpedViews } from '../features.js';
import { transcribeViews } from '../generate.js';
import { loadSpeechEnsemble } from '../load.js';
import { fileOptions } from './data-options.js';
import { decodeOptionSpecs, readDecodeOptions, readTtaWarps, type SpeechDecodeDefaults } from './decode-options.js';
import { modelOrShipped } from '@seq2seq/models';
import { startProgress } from '@seq2seq/core';

const round = (x: number): number => Math.round(x * 100) / 100;

/** WER and CER in percent as jiwer computes them (corpus level), over every manifest row. */
export function speechMetrics(refs: string[], hyps: string[]): { wer: number; cer: number } {
  return { wer: round(100 * processWords(refs, hyps).wer), cer: round(100 * processCharacters(refs, hyps).cer) };
}

export function evalCommand(app: string, decode: SpeechDecodeDefaults = {}): Command {
  return command({
    name: 'eval',
    summary: 'score a model on a manifest; the last stdout line is {"wer":..,"cer":..,"n":..} (percent)',
    options: {
      model: modelDirOption({ ensemble: true }),
      manifest: { type: 'string', description: 'manifest TSV: header path<TAB>text, paths relative to it', required: true },
      ...decodeOptionSpecs(decode),
      'output-file': { type: 'string', description: 'also write path<TAB>hypothesis lines here' },
      ...fileOptions,
      ...backendOptions,
    },
    async run(o, _p, ctx) {
      const opts = o as Record<string, unknown>;
      checkWritable(o['output-file'] === undefined ? undefined : String(o['output-file']));
      await startBackend(o, ctx.err);
      const loaded = await loadSpeechEnsemble(modelDirList(modelOrShipped(o.model, app, ctx.err), existsSync), app);
      try {
        const fileOpts = { features: loaded.options.features, maxDurationSec: Number(o['max-seconds']), ...(o['feature-cache'] ? { cacheDir: String(o['feature-cache']) } : {}) };
        const data = await loadManifestData(String(o.manifest), fileOpts);
        if (data.rows.length === 0) throw new Error(`${String(o.manifest)}: no utterances`);
        // Unusable files are scored as empty outputs (all deletions), so skipping cannot flatter the score.
        for (const s of data.skipped) ctx.err(`skipped: ${s}`);
        const usable = data.rows.flatMap((r, i) => (r.features ? [{ i, features: r.features }] : []));
        const bar = startProgress({ label: 'decode', total: usable.length, log: ctx.err });
        const views = await warpedViews(usable.map((u) => data.rows[u.i]!.path), usable.map((u) => u.features), readTtaWarps(opts), fileOpts);
        const outs = await transcribeViews(loaded.models, loaded.target, views, {
          ...readDecodeOptions(opts),
          factor: loaded.options.factor,
          onProgress: (done) => bar.update(done),
        });
        bar.finish(usable.length);
        const hyps = data.rows.map(() => '');
        usable.forEach((u, k) => (hyps[u.i] = outs[k]![0]?.text ?? ''));
        if (o['output-file']) writeFileSync(String(o['output-file']), data.rows.map((r, i) => `${r.path}\t${hyps[i]}\n`).join(''));
        const skipped = data.rows.length - usable.length;
        ctx.out(JSON.stringify({ ...speechMetrics(data.rows.map((r) => r.text), hyps), n: data.rows.length, skipped }));
        // Scored as empty outputs above (so skipping cannot flatter the score); the exit code says so too.
        if (skipped > 0) throw new SkippedInputs(skipped, data.rows.length, 'files');
      } finally {
        loaded.dispose();
      }
    },
  });
}
