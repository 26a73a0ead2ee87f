import { resolve } from 'node:path';
import { type Command, command, UsageError } from '@seq2seq/cli';
import { exportData } from './torch-data.js';
import { exportSafetensors, importSafetensors } from './torch-io.js';

export { exportSafetensors, importSafetensors, exportData };

/** `seq2seq export`: a checkpoint as model.safetensors + config.json for PyTorch (python/seq2seq_torch). */
export const exportCommand: Command = command({
  name: 'export',
  summary: 'write a checkpoint as OUT/model.safetensors + OUT/config.json (vocabularies included) for the PyTorch twin in python/',
  options: {
    model: { type: 'string', description: 'checkpoint directory (a training OUT dir means OUT/best)', required: true },
    to: { type: 'string', description: 'export format: safetensors', default: 'safetensors' },
  },
  positionals: 'OUT',
  async run(o, p, ctx) {
    if (p.length !== 1) throw new UsageError('give one OUT folder');
    if (o.to !== 'safetensors') throw new Error(`--to must be safetensors, got '${String(o.to)}'`);
    const out = resolve(p[0]!);
    const r = await exportSafetensors(String(o.model), out);
    ctx.err(`exported ${String(o.model)} -> ${out}: ${r.tensors} tensors, ${r.parameters.toLocaleString('en')} parameters, model.safetensors ${(r.bytes / 1e6).toFixed(2)} MB`);
    ctx.out(JSON.stringify(r));
  },
});

/** `seq2seq import`: an export folder (possibly trained in PyTorch) back into our checkpoint format. */
export const importCommand: Command = command({
  name: 'import',
  summary: 'turn an export folder (model.safetensors + config.json, e.g. trained with python/seq2seq_torch) back into a checkpoint the apps load',
  options: {
    out: { type: 'string', description: 'checkpoint directory to write (replaced if it exists)', required: true },
    config: { type: 'string', description: 'config.json to use (default: the one in IN, or beside the .safetensors file)' },
  },
  positionals: 'IN',
  async run(o, p, ctx) {
    if (p.length !== 1) throw new UsageError('give one IN (an export folder or a .safetensors file)');
    const out = resolve(String(o.out));
    const r = await importSafetensors(p[0]!, out, o.config === undefined ? undefined : String(o.config));
    ctx.err(`imported ${p[0]!} -> ${out}: ${r.tensors} tensors, ${r.parameters.toLocaleString('en')} parameters${r.app ? ` (app '${r.app}')` : ''}`);
    ctx.out(JSON.stringify(r));
  },
});

/** `seq2seq export-data`: tokenised shards for python/seq2seq_torch/train_ddp.py. */
export const exportDataCommand: Command = command({
  name: 'export-data',
  summary: "tokenise training pairs with a checkpoint's vocabularies into JSONL shards for the PyTorch trainer (torchrun)",
  options: {
    model: { type: 'string', description: 'checkpoint whose tokenisers and vocabularies to use (text-to-text apps)', required: true },
    out: { type: 'string', description: 'folder for meta.json and shard-NNNNN.jsonl (replaced if it exists)', required: true },
    train: { type: 'string', description: 'TSV of source<TAB>target pairs' },
    source: { type: 'string', description: 'line-aligned source file (with --target)' },
    target: { type: 'string', description: 'line-aligned target file (with --source)' },
    'shard-size': { type: 'number', description: 'examples per shard', default: 100_000, integer: true, min: 1 },
  },
  async run(o, _p, ctx) {
    const str = (v: unknown) => (v === undefined ? undefined : String(v));
    const r = await exportData({
      model: String(o.model),
      out: resolve(String(o.out)),
      shardSize: Number(o['shard-size']),
      ...(o.train !== undefined ? { train: String(o.train) } : {}),
      ...(str(o.source) !== undefined ? { source: String(o.source) } : {}),
      ...(str(o.target) !== undefined ? { target: String(o.target) } : {}),
    });
    ctx.err(`wrote ${r.examples} examples in ${r.shards} shard(s) to ${r.out} (${r.dropped} dropped with an empty source, ${r.skipped} lines skipped)`);
    ctx.out(JSON.stringify(r));
  },
});

export const torchExamples: Record<string, readonly string[]> = {
  export: ['npx seq2seq export --model runs/en-de --to safetensors runs/en-de-torch', 'npx seq2seq export --model models/translate runs/shipped-torch'],
  import: ['npx seq2seq import runs/en-de-torch --out runs/en-de-back', 'npx seq2seq import trained/model.safetensors --config runs/en-de-torch/config.json --out runs/en-de-ddp'],
  'export-data': ['npx seq2seq export-data --model runs/en-de --train pairs.tsv --out runs/en-de-data', 'npx seq2seq export-data --model runs/en-de --source train.en --target train.de --out data --shard-size 50000'],
};
