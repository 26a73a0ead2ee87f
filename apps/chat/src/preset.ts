import { UsageError } from '@seq2seq/cli';
import type { OptionSpecs } from '@seq2seq/cli';
import { join } from 'node:path';
import type { ChosenDataset } from '@seq2seq/datasets';
import type { TextPreset } from '@seq2seq/text2text';
import { contextDefaults, type ContextOptions, loadDialogues, loadPairs, siblingTrain } from './data.js';
import { replyMetrics } from './metrics.js';

const strings = (o: Record<string, unknown>, k: string): string[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).map(String) : []);

/** Files of named datasets: DailyDialog's train/validation dialogues, the chatterbot English folder (train only). */
function datasetFiles(datasets: readonly ChosenDataset[]): { train: string[]; valid: string[] } {
  const train: string[] = [];
  const valid: string[] = [];
  for (const d of datasets) {
    if (d.name === 'dailydialog') {
      train.push(join(d.dir, 'train', 'dialogues_train.txt.gz'));
      valid.push(join(d.dir, 'validation', 'dialogues_validation.txt.gz'));
    } else train.push(join(d.dir, 'english'));
  }
  return { train, valid };
}

/** Context flags; training, eval and talk must use the same values (the checkpoint does not store them). */
export const contextOptionSpecs = {
  'context-turns': { type: 'number', description: 'previous turns in the model input', default: contextDefaults.contextTurns, integer: true, min: 1 },
  'max-context-words': { type: 'number', description: 'keep the most recent N words of the context (0 = all)', default: contextDefaults.maxContextWords, integer: true, min: 0 },
} as const satisfies OptionSpecs;

export function readContextOptions(o: Record<string, unknown>): ContextOptions {
  return { contextTurns: Number(o['context-turns'] ?? contextDefaults.contextTurns), maxContextWords: Number(o['max-context-words'] ?? contextDefaults.maxContextWords) };
}

/** Eval data with dialogues seen in `--exclude` files (or DailyDialog's sibling train file) dropped. */
export function loadEvalPairs(o: Record<string, unknown>, log: (l: string) => void, datasets: readonly ChosenDataset[] = []): { source: string; target: string }[] {
  if (datasets.some((d) => d.name !== 'dailydialog')) throw new Error('--dataset for eval: only dailydialog has a held-out split (its validation dialogues)');
  const data = [...datasetFiles(datasets).valid, ...strings(o, 'data')];
  if (data.length === 0) throw new UsageError('give --dataset dailydialog or --data FILE');
  const exclude = strings(o, 'exclude');
  if (exclude.length === 0 && !o['keep-duplicates']) {
    for (const d of data) {
      const t = siblingTrain(d);
      if (t) {
        log(`de-duplicating against ${t} (DailyDialog repeats some dialogues across splits; --keep-duplicates to skip)`);
        exclude.push(t);
      }
    }
  }
  return loadPairs(data, readContextOptions(o), log, loadDialogues(exclude, () => {}));
}

/**
 * Dialogue: the last k turns -> the next turn (DailyDialog, chatterbot-corpus, users' TSV/JSONL).
 * Shared vocabulary (both sides are the same language); long contexts keep their latest words.
 */
export const chatPreset: TextPreset = {
  app: 'chat',
  description: 'a dialogue model (last k turns -> next turn) with an attentional LSTM',
  modelDefaults: { tokenizer: 'bpe', vocabSize: 8000, sharedVocab: true, lowercase: false, maxSourceLength: 100, maxTargetLength: 40, dropout: 0.3 },
  trainDefaults: { batchTokens: 6000, epochs: 20, patience: 4, validateSize: 500 },
  // The same blocking as `eval` and `talk` (replyDecodeSpecs): without it beam search repeats phrases.
  decodeDefaults: { beam: 5, noRepeatNgram: 3 },
  datasets: ['dailydialog', 'chatterbot'],
  trainDataOptions: {
    train: { type: 'strings', description: 'training data, repeatable: DailyDialog dialogues_*.txt(.gz), chatterbot-corpus folder or .yml, TSV context<TAB>reply, JSONL source/target (or --dataset)' },
    valid: { type: 'strings', description: 'validation data, repeatable (same formats; with --dataset dailydialog: its validation split); dialogues also in --train are dropped' },
    ...contextOptionSpecs,
  },
  loadTrain(o, log, datasets) {
    const c = readContextOptions(o);
    const named = datasetFiles(datasets);
    const trainFiles = [...named.train, ...strings(o, 'train')];
    if (trainFiles.length === 0) throw new UsageError('give --dataset dailydialog[,chatterbot] or --train FILE');
    const train = loadPairs(trainFiles, c, log);
    const validFiles = strings(o, 'valid').length > 0 ? strings(o, 'valid') : named.valid;
    const valid = loadPairs(validFiles, c, log, loadDialogues(trainFiles, () => {}));
    return { train, valid };
  },
  evalDataOptions: {
    data: { type: 'strings', description: 'data to score, repeatable: DailyDialog __eou__ text (.gz too), TSV or JSONL (or --dataset dailydialog: its validation split)' },
    exclude: { type: 'strings', description: 'drop dialogues that occur in these files (default for DailyDialog validation/test: ../train/dialogues_train.txt.gz)' },
    'keep-duplicates': { type: 'boolean', description: 'do not de-duplicate DailyDialog against its train split' },
    ...contextOptionSpecs,
  },
  loadEval(o, log, datasets) {
    const pairs = loadEvalPairs(o, log, datasets);
    return { sources: pairs.map((p) => p.source), references: pairs.map((p) => [p.target]) };
  },
  selection: { name: 'BLEU', higherIsBetter: true, compute: (hyps, refs) => replyMetrics(hyps, refs).bleu },
  evalMetrics: (hyps, set) => replyMetrics(hyps, set.references.map((r) => r[0]!)),
};
