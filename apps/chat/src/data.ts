import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dialoguePairs, dropSeenDialogues, readChatterbot, readDailyDialog, readJsonlExamples, readLines, readTsvPairs, totalSkipped } from '@seq2seq/datasets';

export interface ContextOptions {
  /** Turns of history in the source. Default 2. */
  contextTurns: number;
  /** Most recent whitespace words of history kept (0 = all). Default 60. */
  maxContextWords: number;
}

export const contextDefaults: ContextOptions = { contextTurns: 2, maxContextWords: 60 };

/** What a file holds: whole dialogues (turned into context -> reply pairs) or ready pairs. */
export interface DialogueData {
  dialogues: string[][];
  pairs: { source: string; target: string }[];
}

/**
 * Reads one dialogue source, by its shape:
 * - a folder or `.yml`/`.yaml`: chatterbot-corpus conversations;
 * - `.jsonl(.gz)`: `{"source": context, "target": reply}` pairs;
 * - a file whose first non-blank line contains `__eou__`: DailyDialog dialogues (plain or .gz);
 * - else TSV `context<TAB>reply` pairs.
 * Blank lines, one-turn dialogues, missing columns and malformed JSON are skipped and counted.
 */
export function readDialogueData(path: string, log: (l: string) => void): DialogueData {
  const say = (n: number, detail: object) => n > 0 && log(`${path}: skipped ${n} (${JSON.stringify(detail)})`);
  if ((existsSync(path) && statSync(path).isDirectory()) || /\.ya?ml$/.test(path)) {
    const c = readChatterbot(path);
    say(c.skipped, { shortConversations: c.skipped });
    return { dialogues: c.conversations, pairs: [] };
  }
  if (/\.jsonl?(\.gz)?$/.test(path)) {
    const { examples, skipped } = readJsonlExamples(path);
    const { firstError, ...counts } = skipped;
    say(Object.values(counts).reduce((a, b) => a + b, 0), skipped);
    return { dialogues: [], pairs: examples.map((e) => ({ source: e.source, target: e.targets[0]! })) };
  }
  const first = readLines(path).find((l) => l.trim() !== '') ?? '';
  if (first.includes('__eou__')) {
    const d = readDailyDialog(path);
    say(d.skipped.empty + d.skipped.oneTurn, d.skipped);
    return { dialogues: d.dialogues, pairs: [] };
  }
  const { pairs, skipped } = readTsvPairs(path);
  say(totalSkipped(skipped), skipped);
  return { dialogues: [], pairs: pairs.map((p) => ({ source: p.source, target: p.target })) };
}

/** DailyDialog's train file next to a `dialogues_validation`/`dialogues_test` file, when present. */
export function siblingTrain(path: string): string | undefined {
  const m = /dialogues_(validation|test)\.txt(\.gz)?$/.exec(path);
  if (!m) return undefined;
  const candidate = join(dirname(path), '..', 'train', `dialogues_train.txt${m[2] ?? ''}`);
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Context -> reply pairs from several files. Dialogues that also occur in `exclude` (DailyDialog
 * has validation/test dialogues copied verbatim from train) are dropped and counted.
 */
export function loadPairs(paths: readonly string[], o: ContextOptions, log: (l: string) => void, exclude: string[][] = []): { source: string; target: string }[] {
  const out: { source: string; target: string }[] = [];
  for (const p of paths) {
    const data = readDialogueData(p, log);
    let dialogues = data.dialogues;
    if (exclude.length > 0 && dialogues.length > 0) {
      const { kept, dropped } = dropSeenDialogues(dialogues, exclude);
      if (dropped > 0) log(`${p}: dropped ${dropped} dialogues that also occur in the training data`);
      dialogues = kept;
    }
    out.push(...dialoguePairs(dialogues, { contextTurns: o.contextTurns, maxContextWords: o.maxContextWords }), ...data.pairs);
  }
  return out;
}

/** All dialogues in these files (to de-duplicate evaluation data against). */
export function loadDialogues(paths: readonly string[], log: (l: string) => void): string[][] {
  return paths.flatMap((p) => readDialogueData(p, log).dialogues);
}
