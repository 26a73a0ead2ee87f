import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Command, command } from '@seq2seq/cli';
import { corpusBleu } from '@seq2seq/metrics';
import { modelOrShipped } from '@seq2seq/models';
import { generate, loadInitFrom, loadTextModel, startBackend, backendOptions, textTrainDefaults, trainTextModel, writeAttentionPng } from '@seq2seq/text2text';
import { DEMO_TRAIN, DEMO_VALID, loadPairs } from './data.js';
import { translatePreset } from './preset.js';

/** Sentences written for the demo (not from Multi30k), in the corpus's image-description style. */
export const DEMO_SENTENCES = ['A dog runs on the beach.', 'Two children are playing football in a park.', 'A woman in a red coat rides a bicycle.', 'A man is cooking in a small kitchen.'];

/**
 * `translate demo`: the shipped translator on a few sentences (with its attention picture), then a
 * short fine-tuning run on the bundled corpus, budgeted in updates so a loaded machine gives the
 * same model, only later; ends with BLEU before and after.
 */
export const demoCommand: Command = command({
  name: 'demo',
  summary: 'translate with the shipped en->de model (attention picture), fine-tune it briefly on the bundled corpus, print BLEU',
  options: {
    model: { type: 'string', description: 'translator to start from (default: the shipped model in models/translate)' },
    updates: { type: 'number', description: 'fine-tuning updates on the bundled corpus (0 = skip)', default: 30, integer: true, min: 0 },
    out: { type: 'string', description: 'where the fine-tuned model and attention.png go (a previous demo there is replaced)', default: 'runs/translate-demo' },
    ...backendOptions,
  },
  async run(o, _p, ctx) {
    await startBackend(o, ctx.err);
    const out = String(o.out);
    mkdirSync(out, { recursive: true });
    const shown = relative(process.cwd(), out) || out;
    const from = modelOrShipped(o.model, 'translate', ctx.err);
    const dir = existsSync(join(from, 'config.json')) ? from : join(from, 'best');

    const loaded = await loadTextModel(dir, 'translate');
    const valid = loadPairs({ data: DEMO_VALID, split: '', src: '', tgt: '' }, ctx.err, 'valid').pairs;
    let before: number;
    try {
      ctx.out('1. The shipped translator (beam 5):');
      const outs = await generate(loaded.model, loaded.fields, DEMO_SENTENCES, { beam: 5, returnAttention: true });
      DEMO_SENTENCES.forEach((s, i) => ctx.out(`   ${s}\n     -> ${outs[i]![0]!.text}`));
      const first = outs[0]![0]!;
      if (first.attention) {
        writeAttentionPng(join(out, 'attention.png'), { attention: first.attention, targetPieces: first.targetPieces, sourcePieces: first.sourcePieces, title: `attention: ${DEMO_SENTENCES[0]}` });
        ctx.out(`   attention picture of the first sentence: ${join(shown, 'attention.png')}`);
      }
      before = bleuOf(await greedy(loaded, valid.map((p) => p.source)), valid.map((p) => p.target));
    } finally {
      loaded.model.store.dispose();
    }

    const updates = Number(o.updates);
    if (updates === 0) return;
    ctx.out(`2. Fine-tuning it for ${updates} updates on the bundled corpus (apps/translate/data, 6,000 Multi30k training pairs):`);
    const train = loadPairs({ data: DEMO_TRAIN, split: '', src: '', tgt: '' }, ctx.err, 'train').pairs;
    const init = await loadInitFrom(dir, 'translate', ctx.err);
    const training = { ...textTrainDefaults, epochs: 1, maxSteps: updates, logEvery: 5, batchTokens: 1000, learningRate: 2e-4, warmupSteps: 5, validateEvery: 0, validateSize: 0, patience: 0 };
    // The demo is meant to be run again: its own previous run in OUT is replaced (train refuses that without --overwrite).
    const result = await trainTextModel({ outDir: out, train, valid, model: init.options, training, metric: translatePreset.selection, task: { app: 'translate' }, init, log: ctx.err, overwrite: true }, init.fields);
    ctx.out(`   ${result.step} updates done; greedy BLEU on the bundled demo.valid.tsv (200 pairs): ${before.toFixed(2)} before, ${result.bestMetric?.toFixed(2) ?? 'n/a'} after.`);
    ctx.out('   (These pairs come from Multi30k train, which the shipped model was trained on: the numbers show the loop works;');
    ctx.out('   the model card models/translate/MODEL.md has its test BLEU.)');
    ctx.out('3. Next:');
    ctx.out(`   npx translate predict --model ${shown} "A cat sleeps on the sofa." --attention-png cat.png`);
    ctx.out(`   npx translate eval --model ${shown} --data apps/translate/data/demo.valid.tsv --beam 5`);
    ctx.out(`   npx translate train --out runs/mine --init-from models/translate --train my-pairs.tsv   # your own data`);
    ctx.out('   npx seq2seq models                                                                   # every shipped model and its metrics');
  },
});

async function greedy(m: Awaited<ReturnType<typeof loadTextModel>>, sources: string[]): Promise<string[]> {
  return (await generate(m.model, m.fields, sources, { beam: 1 })).map((n) => n[0]!.text);
}

function bleuOf(hyps: string[], refs: string[]): number {
  return corpusBleu(hyps, [refs]).score;
}
