// Data-parallel training with torchrun (2 processes, gloo on CPU): a barely initialised tiny
// translator is exported with its tokenised data, trained by python/train_ddp.py, imported back;
// the loss falls, the imported model's BLEU on its training pairs beats the untrained one, and our
// decoder agrees with the twin on the PyTorch-trained weights.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { runApp } from '@seq2seq/cli';
import { translateApp } from '@seq2seq/app-translate';
import { seq2seqApp } from '@seq2seq/app-seq2seq';
import { copyMapOf, encodePairs, loadTextModel } from '@seq2seq/text2text';
import { targetBatch, textBatch } from '@seq2seq/text';
import { describe, expect, it } from 'vitest';
import { jsOutputs, maxAbsDiff, PYTHON, PYTHON_DIR, to2d, TORCHRUN_REDIRECTS, torchMissing, torchOutputs } from './torch-helper.js';

const missing = torchMissing();

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, ctx: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe.skipIf(missing !== undefined)(`torchrun --nproc_per_node 2 (gloo) trains the twin from exported data; seq2seq import brings it back${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('the loss falls, BLEU on the training pairs rises, and our decoder agrees with the twin on the trained weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-ddp-'));
    const words = ['a', 'dog', 'runs', 'on', 'the', 'beach', 'two', 'children', 'play'];
    const pairs: [string, string][] = [];
    // Five-token targets, so corpus BLEU (up to 4-grams) measures them.
    for (const a of words) for (const b of words) pairs.push([`${a} ${b}`, `${b} ${a} and ${a} ${b}`]);
    const train = join(dir, 'train.tsv');
    writeFileSync(train, `source\ttarget\n${pairs.map((p) => p.join('\t')).join('\n')}\n`);
    const cpu = ['--backend', 'cpu'];
    const app = async (a: typeof translateApp, args: string[]) => {
      const c = capture();
      expect(await runApp(a, args, c.ctx), c.err.join('\n')).toBe(0);
      return c.out;
    };
    const bleu = async (model: string) => JSON.parse((await app(translateApp, ['eval', '--model', model, '--data', train, '--beam', '1', ...cpu])).at(-1)!).bleu as number;

    // A model and its vocabularies, essentially untrained (one update at a tiny learning rate).
    const run = join(dir, 'run');
    await app(translateApp, ['train', '--out', run, '--train', train, '--valid', train, '--tokenizer', 'word', '--embedding-dim', '16', '--encoder-units', '16', '--decoder-units', '32', '--epochs', '1', '--lr', '0.000001', '--validate-size', '10', ...cpu]);
    const before = await bleu(run);
    const exported = join(dir, 'export');
    const data = join(dir, 'data');
    await app(seq2seqApp, ['export', '--model', run, '--to', 'safetensors', exported]);
    await app(seq2seqApp, ['export-data', '--model', run, '--train', train, '--out', data, '--shard-size', '40']);
    expect(JSON.parse(readFileSync(join(data, 'meta.json'), 'utf8')).shards).toHaveLength(3);

    const trained = join(dir, 'trained');
    const r = spawnSync('nice', ['-n', '15', PYTHON, '-m', 'torch.distributed.run', '--standalone', ...TORCHRUN_REDIRECTS, '--nproc_per_node', '2', join(PYTHON_DIR, 'train_ddp.py'),
      '--model', exported, '--data', data, '--out', trained, '--steps', '150', '--batch-size', '16', '--lr', '0.02', '--log-every', '25'], {
      encoding: 'utf8',
      timeout: 540_000,
      env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONPATH: PYTHON_DIR },
    });
    expect(r.status, r.stderr).toBe(0);
    const log = r.stdout.split('\n').filter((l) => l.startsWith('{"step"')).map((l) => JSON.parse(l) as { step: number; loss: number; processes: number });
    expect(log[0]!.processes).toBe(2);
    const first = log[0]!.loss;
    const last = log.at(-1)!.loss;
    expect(last).toBeLessThan(first * 0.5);

    const home = join(dir, 'home');
    await app(seq2seqApp, ['import', trained, '--out', home]);
    const after = await bleu(home);
    console.log(`torchrun, 2 processes, 150 steps: loss ${first} -> ${last}; BLEU on the training pairs ${before} -> ${after}`);
    expect(after).toBeGreaterThan(before + 10);

    // Our decoder on the PyTorch-trained weights agrees with the twin.
    const { model, fields } = await loadTextModel(home);
    const { examples } = encodePairs(pairs.map(([s, t]) => ({ source: s, target: t })), fields, { maxSourceLength: 100, maxTargetLength: 100 });
    const input = textBatch(examples.map((e) => e.source), { copyMap: copyMapOf(fields) });
    const target = targetBatch(examples.map((e) => e.target));
    const js = await jsOutputs(model, input, target.targetIn, 6);
    const [py] = torchOutputs([{ model: trained, batch: { inputs: { ids: to2d(input.ids), mask: to2d(input.mask), copyIds: to2d(input.copyIds!) }, targetIn: to2d(target.targetIn), maxLength: 6 } }], dir);
    const diff = maxAbsDiff(js.logits, py!.logits);
    console.log(`PyTorch-trained model: max |logit diff| ours vs twin ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-4);
    model.store.dispose();
    tf.dispose([input, target] as unknown as tf.TensorContainer);
  }, 600_000);
});
