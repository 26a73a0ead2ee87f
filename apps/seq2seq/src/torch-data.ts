import { atomicWriteDir, type JsonObject, loadCheckpoint } from '@seq2seq/core';
import { type Pair, readAlignedPairs, readTsvPairs, totalSkipped } from '@seq2seq/datasets';
import { copyMapOf, encodePairs, fieldsFromJSON, textModelDefaults, type TextModelOptions } from '@seq2seq/text2text';
import { resolveCheckpointDir } from './torch-io.js';

/**
 * Tokenised training data for the PyTorch twin (python/seq2seq_torch/train_ddp.py): the text is
 * encoded here, with the checkpoint's own tokenisers and vocabularies, so the Python side never
 * tokenises and ids mean the same on both sides. Layout of DATADIR:
 *   meta.json            {format, version, app, pad, sos, eos, sourceVocabSize, targetVocabSize,
 *                         copyMap (source id -> target id or -1), examples, shards: [{file, examples}]}
 *   shard-00000.jsonl    one {"source": [ids], "target": [ids]} per line (no specials; the trainer
 *                        adds <sos>/<eos> as targetBatch does)
 * Shards let each DDP rank read only its part of a large corpus.
 */
export const SHARDS_FORMAT = 'seq2seq-shards';

export interface ExportDataOptions {
  model: string;
  out: string;
  /** A TSV of pairs, or line-aligned files. */
  train?: string;
  source?: string;
  target?: string;
  shardSize: number;
}

export interface ExportDataResult {
  out: string;
  examples: number;
  dropped: number;
  skipped: number;
  shards: number;
}

export async function exportData(o: ExportDataOptions): Promise<ExportDataResult> {
  const dir = resolveCheckpointDir(o.model);
  const { config, weights } = await loadCheckpoint(dir, { optimizer: false });
  for (const t of weights.values()) t.dispose();
  const task = config.task;
  const f = task.fields;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) {
    throw new Error(`checkpoint '${dir}' has no task.fields: export-data handles text-to-text models (translate, summarize, chat, codegen, g2p); audio and image data stay with their apps for now`);
  }
  const fields = fieldsFromJSON(f, `checkpoint '${dir}'`);
  const options: TextModelOptions = { ...textModelDefaults, ...(task.options as Partial<TextModelOptions> | undefined) };
  let pairs: Pair[];
  let skipped: number;
  if (o.train !== undefined) {
    if (o.source !== undefined || o.target !== undefined) throw new Error('give --train FILE.tsv or --source F --target F, not both');
    const r = readTsvPairs(o.train);
    pairs = r.pairs;
    skipped = totalSkipped(r.skipped);
  } else if (o.source !== undefined && o.target !== undefined) {
    const r = readAlignedPairs(o.source, o.target);
    pairs = r.pairs;
    skipped = totalSkipped(r.skipped);
  } else {
    throw new Error('export-data needs --train FILE.tsv or --source F --target F');
  }
  const { examples, dropped } = encodePairs(pairs, fields, options);
  if (examples.length === 0) throw new Error('no examples left to export (every source encoded to nothing)');
  const shards: { file: string; examples: number }[] = [];
  const texts: string[] = [];
  for (let i = 0; i < examples.length; i += o.shardSize) {
    const part = examples.slice(i, i + o.shardSize);
    shards.push({ file: `shard-${String(shards.length).padStart(5, '0')}.jsonl`, examples: part.length });
    texts.push(part.map((e) => JSON.stringify({ source: e.source, target: e.target })).join('\n') + '\n');
  }
  const meta: JsonObject = {
    format: SHARDS_FORMAT,
    version: 1,
    app: String(task.app ?? ''),
    model: dir,
    pad: 0,
    sos: 1,
    eos: 2,
    sourceVocabSize: fields.source.vocab.size,
    targetVocabSize: fields.target.vocab.size,
    maxSourceLength: options.maxSourceLength,
    maxTargetLength: options.maxTargetLength,
    copyMap: [...copyMapOf(fields)],
    examples: examples.length,
    shards,
  };
  await atomicWriteDir(o.out, async (write) => {
    for (let i = 0; i < shards.length; i++) await write(shards[i]!.file, texts[i]!);
    await write('meta.json', `${JSON.stringify(meta)}\n`);
  });
  return { out: o.out, examples: examples.length, dropped, skipped, shards: shards.length };
}
