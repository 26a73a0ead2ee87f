import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, command } from '@seq2seq/cli';
import { corpusBleu, corpusChrf } from '@seq2seq/metrics';
import { generate, loadTextModel, startBackend, backendOptions, textModelDefaults, textTrainDefaults, trainTextModel } from '@seq2seq/text2text';
import { DEMO_TRAIN, DEMO_VALID, loadPairs } from './data.js';
import { translatePreset } from './preset.js';

/** `translate demo`: a small model on the bundled corpus in a few minutes, then sample outputs and BLEU. */
export const demoCommand: Command = command({
  name: 'demo',
  summary: 'train a small en->de model on the bundled corpus (a few minutes), print translations and BLEU',
  options: {
    minutes: { type: 'number', description: 'training budget in minutes', default: 4, min: 0.1 },
    out: { type: 'string', description: 'output directory (default: a temporary one)' },
    ...backendOptions,
  },
  async run(o, _p, ctx) {
    await startBackend(o, ctx.err);
    const out = o.out ?? mkdtempSync(join(tmpdir(), 'translate-demo-'));
    const train = loadPairs({ data: DEMO_TRAIN, split: '', src: '', tgt: '' }, ctx.err, 'train').pairs;
    const valid = loadPairs({ data: DEMO_VALID, split: '', src: '', tgt: '' }, ctx.err, 'valid').pairs;
    const model = { ...textModelDefaults, ...translatePreset.modelDefaults, vocabSize: 2000, embeddingDim: 128, encoderUnits: 128, decoderUnits: 256, dropout: 0.2 };
    const training = { ...textTrainDefaults, epochs: 100, maxMinutes: Number(o.minutes), batchTokens: 2000, learningRate: 0.003, warmupSteps: 100, validateEvery: 150, validateSize: 200, patience: 0 };
    ctx.err(`training on ${train.length} bundled pairs for up to ${o.minutes} minutes; checkpoints in ${out}`);
    await trainTextModel({ outDir: out, train, valid, model, training, metric: translatePreset.selection, task: { app: 'translate' }, log: ctx.err });
    const loaded = await loadTextModel(join(out, 'best'), 'translate');
    try {
      const hyps = (await generate(loaded.model, loaded.fields, valid.map((p) => p.source), { beam: 5 })).map((n) => n[0]!.text);
      for (let i = 0; i < 8; i++) ctx.out(`${valid[i]!.source}\n  -> ${hyps[i]}\n  (reference: ${valid[i]!.target})`);
      const refs = [valid.map((p) => p.target)];
      ctx.out(JSON.stringify({ bleu: Math.round(corpusBleu(hyps, refs).score * 100) / 100, chrf: Math.round(corpusChrf(hyps, refs).score * 100) / 100, n: valid.length, split: 'bundled demo.valid.tsv', beam: 5 }));
    } finally {
      loaded.model.store.dispose();
    }
  },
});
