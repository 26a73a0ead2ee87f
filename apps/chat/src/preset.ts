import type { OptionSpecs } from '@seq2seq/cli';
import type { TextPreset } from '@seq2seq/text2text';
import { contextDefaults, type ContextOptions, loadDialogues, loadPairs, siblingTrain } from './data.js';
import { replyMetrics } from './metrics.js';

const strings = (o: Record<string, unknown>, k: string): string[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).map(String) : []);

/** Context flags; training, eval and talk must use the same values (the checkpoint does not store them). */
export const contextOptionSpecs = {
  'context-turns': { type: 'number', description: 'previous turns in the model input', default: contextDefaults.contextTurns, integer: true, min: 1 },
  'max-context-words': { type: 'number', description: 'keep the most recent N words of the context (0 = all)', default: contextDefaults.maxContextWords, integer: true, min: 0 },
} as const satisfies OptionSpecs;

export function readContextOptions(o: Record<string, unknown>): ContextOptions {
  return { contextTurns: Number(o['context-turns'] ?? contextDefaults.contextTurns), maxContextWords: Number(o['max-context-words'] ?? contextDefaults.maxContextWords) };
}

/** Eval data with dialogues seen in `--exclude` files (or DailyDialog's sibling train file) dropped. */
export function loadEvalPairs(o: Record<string, unknown>, log: (l: string) => void): { source: string; target: string }[] {
  const data = strings(o, 'data');
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
  decodeDefaults: { beam: 5 },
  trainDataOptions: {
    train: { type: 'strings', description: 'training data, repeatable: DailyDialog dialogues_*.txt(.gz), chatterbot-corpus folder or .yml, TSV context<TAB>reply, JSONL source/target', required: true },
    valid: { type: 'strings', description: 'validation data, repeatable (same formats); dialogues also in --train are dropped' },
    ...contextOptionSpecs,
  },
  loadTrain(o, log) {
    const c = readContextOptions(o);
    const train = loadPairs(strings(o, 'train'), c, log);
    const valid = loadPairs(strings(o, 'valid'), c, log, loadDialogues(strings(o, 'train'), () => {}));
    return { train, valid };
  },
  evalDataOptions: {
    data: { type: 'strings', description: 'data to score, repeatable: DailyDialog __eou__ text (.gz too), TSV or JSONL', required: true },
    exclude: { type: 'strings', description: 'drop dialogues that occur in these files (default for DailyDialog validation/test: ../train/dialogues_train.txt.gz)' },
    'keep-duplicates': { type: 'boolean', description: 'do not de-duplicate DailyDialog against its train split' },
    ...contextOptionSpecs,
  },
  loadEval(o, log) {
    const pairs = loadEvalPairs(o, log);
    return { sources: pairs.map((p) => p.source), references: pairs.map((p) => [p.target]) };
  },
  selection: { name: 'BLEU', higherIsBetter: true, compute: (hyps, refs) => replyMetrics(hyps, refs).bleu },
  evalMetrics: (hyps, set) => replyMetrics(hyps, set.references.map((r) => r[0]!)),
};
