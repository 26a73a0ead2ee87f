import { existsSync, writeFileSync } from 'node:fs';
import { checkWritable, type Command, command } from '@seq2seq/cli';
import { backendOptions, generate, loadTextModel, resolveModelDir, startBackend } from '@seq2seq/text2text';
import { replyDecodeSpecs, readReplyDecode } from './decode.js';
import { replyMetrics } from './metrics.js';
import { perplexity } from './perplexity.js';
import { chatPreset, loadEvalPairs } from './preset.js';
import { modelOrShipped } from '@seq2seq/models';
import { startProgress } from '@seq2seq/core';
import { datasetOptionSpec, resolveDatasetOption } from '@seq2seq/datasets';

/**
 * `chat eval`: teacher-forced perplexity of the references plus BLEU and distinct-1/2 of decoded
 * replies. The shared eval command only sees hypotheses, so perplexity needs this command.
 */
export const chatEvalCommand: Command = command({
  name: 'eval',
  summary: 'score a chat model; the last stdout line is {"perplexity","bleu","distinct1","distinct2","n"}',
  options: {
    model: { type: 'string', description: 'checkpoint directory (default: the shipped model in models/) (or a training OUT dir: uses OUT/best)' },
    dataset: datasetOptionSpec(['dailydialog']),
    ...chatPreset.evalDataOptions,
    ...replyDecodeSpecs,
    'output-file': { type: 'string', description: 'also write the replies here, one per line' },
    ...backendOptions,
  },
  async run(o, _p, ctx) {
    const opts = o as Record<string, unknown>;
    await startBackend(o, ctx.err);
    checkWritable(o['output-file'] === undefined ? undefined : String(o['output-file']));
    const pairs = loadEvalPairs(opts, ctx.err, await resolveDatasetOption(opts.dataset, ['dailydialog'], ctx.err));
    if (pairs.length === 0) throw new Error('no evaluation examples');
    const loaded = await loadTextModel(resolveModelDir(modelOrShipped(o.model, 'chat', ctx.err), existsSync), 'chat');
    try {
      const ppl = await perplexity(loaded.model, loaded.fields, pairs, loaded.options);
      ctx.err(`perplexity ${ppl.perplexity.toFixed(2)} over ${ppl.tokens} target tokens${ppl.dropped ? ` (${ppl.dropped} empty contexts skipped)` : ''}`);
      const bar = startProgress({ label: 'decode', total: pairs.length, log: ctx.err });
      const outs = await generate(loaded.model, loaded.fields, pairs.map((p) => p.source), {
        ...readReplyDecode(opts),
        maxSourceLength: loaded.options.maxSourceLength,
        onProgress: (done) => bar.update(done),
      });
      bar.finish(pairs.length);
      const hyps = outs.map((n) => n[0]!.text);
      if (o['output-file']) writeFileSync(String(o['output-file']), hyps.map((h) => `${h}\n`).join(''));
      const m = replyMetrics(hyps, pairs.map((p) => p.target));
      ctx.out(JSON.stringify({ perplexity: Math.round(ppl.perplexity * 100) / 100, ...m, n: pairs.length }));
    } finally {
      loaded.model.store.dispose();
    }
  },
});
