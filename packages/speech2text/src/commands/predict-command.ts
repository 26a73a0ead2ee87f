import { existsSync } from 'node:fs';
import { type Command, command, SkippedInputs } from '@seq2seq/cli';
import { featureConfig } from '@seq2seq/audio';
import { backendOptions, modelDirList, modelDirOption, startBackend, writeAttentionPng } from '@seq2seq/pipeline';
import { loadFileFeatures, warpedViews } from '../features.js';
import { transcribeViews } from '../generate.js';
import { loadSpeechEnsemble } from '../load.js';
import { fileOptions } from './data-options.js';
import { decodeOptionSpecs, readDecodeOptions, readTtaWarps, type SpeechDecodeDefaults } from './decode-options.js';
import { modelOrShipped } from '@seq2seq/models';

export function predictCommand(app: string, decode: SpeechDecodeDefaults = {}): Command {
  return command({
    name: 'predict',
    summary: 'transcribe WAV files: one line per file, PATH<TAB>TRANSCRIPT (bad files are reported and skipped)',
    positionals: 'FILE.wav ...',
    options: {
      model: modelDirOption({ ensemble: true }),
      ...decodeOptionSpecs(decode),
      nbest: { type: 'number', description: 'outputs per file', default: 1, integer: true, min: 1 },
      json: { type: 'boolean', description: 'one JSON object per file: {file, outputs: [{text, score}]} or {file, error}' },
      'attention-png': { type: 'string', description: 'write the attention of the first file (output tokens x encoder frames) as a PNG' },
      ...fileOptions,
      ...backendOptions,
    },
    async run(o, files, ctx) {
      if (files.length === 0) throw new Error('no input: give WAV files as arguments');
      await startBackend(o, ctx.err);
      const loaded = await loadSpeechEnsemble(modelDirList(modelOrShipped(o.model, app, ctx.err), existsSync), app);
      try {
        const fileOpts = { features: loaded.options.features, maxDurationSec: Number(o['max-seconds']), ...(o['feature-cache'] ? { cacheDir: String(o['feature-cache']) } : {}) };
        const feats = await loadFileFeatures(files, fileOpts);
        const good = feats.flatMap((f, i) => (f.ok ? [{ i, features: f.features }] : []));
        const nBest = Number(o.nbest);
        const views = good.length === 0 ? [] : await warpedViews(good.map((g) => files[g.i]!), good.map((g) => g.features), readTtaWarps(o as Record<string, unknown>), fileOpts);
        const outs = good.length === 0 ? [] : await transcribeViews(loaded.models, loaded.target, views, {
          ...readDecodeOptions(o as Record<string, unknown>),
          beam: Math.max(Number((o as Record<string, unknown>).beam), nBest),
          nBest,
          factor: loaded.options.factor,
          returnAttention: Boolean(o['attention-png']),
        });
        const byFile = new Map(good.map((g, k) => [g.i, outs[k]!]));
        files.forEach((file, i) => {
          const f = feats[i]!;
          const list = byFile.get(i);
          if (!f.ok || !list) {
            const error = f.ok ? 'not decoded' : f.error;
            ctx.err(`skipped ${error}`);
            // One output line per input even here, so outputs stay aligned with the inputs.
            if (o.json) ctx.out(JSON.stringify({ file, error }));
            else if (nBest === 1) ctx.out(`${file}\t`);
            return;
          }
          if (o.json) ctx.out(JSON.stringify({ file, outputs: list.map((h) => ({ text: h.text, score: h.score })) }));
          else if (nBest > 1) list.forEach((h) => ctx.out(`${file}\t${h.score.toFixed(4)}\t${h.text}`));
          else ctx.out(`${file}\t${list[0]?.text ?? ''}`);
        });
        const first = good[0] ? byFile.get(good[0].i)?.[0] : undefined;
        if (o['attention-png'] && first?.attention) {
          const secondsPerColumn = (featureConfig(loaded.options.features).hopMs / 1000) * loaded.options.factor;
          writeAttentionPng(String(o['attention-png']), { attention: first.attention, targetPieces: first.pieces, secondsPerColumn, title: `attention: ${files[good[0]!.i]}` });
          ctx.err(`attention (${first.attention.length} output steps x ${first.attention[0]?.length ?? 0} encoder frames of ${(secondsPerColumn * 1000).toFixed(0)} ms) written to ${o['attention-png']}`);
        }
        const bad = files.length - good.length;
        if (good.length === 0) throw new Error(`none of the ${files.length} files could be transcribed (see the messages above)`);
        if (bad > 0) throw new SkippedInputs(bad, files.length, 'files');
      } finally {
        loaded.dispose();
      }
    },
  });
}
