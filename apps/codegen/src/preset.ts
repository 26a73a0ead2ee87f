import { UsageError } from '@seq2seq/cli';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ChosenDataset, single } from '@seq2seq/datasets';
import type { TextPreset } from '@seq2seq/text2text';
import { loadCommandPairs, loadTldr, type SplitName } from './data.js';
import { generateWithDocs } from './docs-decode.js';
import { CommandDocs, loadCommandDocs, withExamples } from './docs.js';
import { commandMetrics } from './metrics.js';

const str = (o: Record<string, unknown>, k: string): string | undefined => (o[k] === undefined ? undefined : String(o[k]));
const SPLITS = ['all', 'train', 'valid', 'test'];
/** `--pages DIR`, or the pages folder of `--dataset tldr`. */
const pagesOf = (o: Record<string, unknown>, datasets: readonly ChosenDataset[]): string | undefined => {
  const d = single(datasets);
  return d ? join(d.dir, 'pages') : str(o, 'pages');
};

function splitOf(o: Record<string, unknown>): SplitName {
  const s = String(o.split);
  if (!SPLITS.includes(s)) throw new Error(`--split must be one of ${SPLITS.join(', ')}, got '${s}'`);
  return s as SplitName;
}

/**
 * Natural language -> shell command on tldr pages. Commands keep their `{{placeholders}}`
 * verbatim; BPE pieces split them (`{{`, `path`, `/`, ...) but decode restores them exactly, and
 * every metric anonymises them.
 */
export const codegenPreset: TextPreset = {
  app: 'codegen',
  description: 'natural language -> shell command (tldr pages) with an attentional LSTM',
  modelDefaults: { tokenizer: 'bpe', vocabSize: 4000, sharedVocab: false, lowercase: false, maxSourceLength: 60, maxTargetLength: 80, dropout: 0.3 },
  trainDefaults: { batchTokens: 4000, epochs: 40, patience: 6, validateSize: 1000 },
  decodeDefaults: { beam: 5 },
  datasets: ['tldr'],
  trainDataOptions: {
    pages: { type: 'string', description: 'tldr pages folder (searched recursively); trains on the fixed train split, validates on the valid split' },
    train: { type: 'string', description: 'or: training pairs, TSV description<TAB>command or JSONL source/target (nl/cmd)' },
    valid: { type: 'string', description: 'validation pairs with --train (same formats)' },
  },
  loadTrain(o, log, datasets) {
    const pages = pagesOf(o, datasets);
    if (pages) return { train: loadTldr(pages, 'train', log), valid: loadTldr(pages, 'valid', () => {}) };
    if (!o.train) throw new UsageError('give --dataset tldr, --pages DIR (tldr pages) or --train FILE');
    return { train: loadCommandPairs(String(o.train), log), valid: o.valid ? loadCommandPairs(String(o.valid), log) : [] };
  },
  evalDataOptions: {
    pages: { type: 'string', description: 'tldr-format markdown pages to score (searched recursively)' },
    split: { type: 'string', description: 'with --pages or --dataset tldr: all | train | valid | test (the fixed split by page name; all includes the training pages)', default: 'test' },
    data: { type: 'string', description: 'or: pairs to score, TSV description<TAB>command or JSONL' },
  },
  loadEval(o, log, datasets) {
    const pages = pagesOf(o, datasets);
    const pairs = pages ? loadTldr(pages, splitOf(o), log) : o.data ? loadCommandPairs(String(str(o, 'data')), log) : undefined;
    if (!pairs) throw new UsageError('give --dataset tldr, --pages DIR or --data FILE');
    return { sources: pairs.map((p) => p.source), references: pairs.map((p) => [p.target]) };
  },
  selection: { name: 'token F1', higherIsBetter: true, compute: (hyps, refs) => commandMetrics(hyps, refs).tokenF1 },
  evalMetrics: (hyps, set) => commandMetrics(hyps, set.references.map((r) => r[0]!)),
  decodeExtension: {
    options: {
      docs: { type: 'string', description: 'open book: command documentation to look names up in (tldr pages folder, or TSV name<TAB>summary); off by default' },
      'docs-examples': { type: 'string', description: "with --docs: training pairs whose descriptions are added to their command's doc (tldr pages folder: its train split only; or TSV/JSONL pairs)" },
      'docs-trust': { type: 'number', description: "with --docs: keep the model's output where its log-probability of the command name is at least this (a log-probability, <= 0; 1 = always look up)", default: -1.5 },
      'docs-top': { type: 'number', description: 'with --docs: documents tried as the command name per input', default: 5, integer: true, min: 1 },
      'docs-weight': { type: 'number', description: "with --docs: weight of a name's retrieval similarity in the score", default: 48, min: 0 },
      'docs-name-discount': { type: 'number', description: "with --docs: share (0-1) of the model's log-probability of a retrieved name that is forgiven", default: 1, min: 0 },
    },
    create(o, log) {
      if (!o.docs) return undefined;
      let docs = loadCommandDocs(String(o.docs));
      const ex = str(o, 'docs-examples');
      if (ex !== undefined) {
        // A pages folder gives its train split only: evaluating on valid/test never indexes their own descriptions.
        const pairs = existsSync(ex) && statSync(ex).isDirectory() ? loadTldr(ex, 'train', log) : loadCommandPairs(ex, log);
        docs = new CommandDocs(withExamples(docs.docs, pairs));
        log(`docs: ${pairs.length} example descriptions added from ${ex}`);
      }
      log(`docs: ${docs.docs.length} commands from ${String(o.docs)}`);
      return generateWithDocs(docs, { trust: Number(o['docs-trust']), top: Number(o['docs-top']), weight: Number(o['docs-weight']), nameDiscount: Number(o['docs-name-discount']) });
    },
  },
};
