import { readLines } from './lines.js';

/** DailyDialog's end-of-utterance marker. */
export const EOU = '__eou__';

/**
 * Dialogues of a DailyDialog `dialogues_<split>.txt(.gz)` file: one dialogue per line, utterances
 * ended by `__eou__`. Blank lines and dialogues with fewer than two turns are skipped and counted.
 * `lines[i]` is the raw line of `dialogues[i]` (used to de-duplicate splits).
 */
export function readDailyDialog(path: string): { dialogues: string[][]; lines: string[]; skipped: { empty: number; oneTurn: number } } {
  const dialogues: string[][] = [];
  const lines: string[] = [];
  const skipped = { empty: 0, oneTurn: 0 };
  for (const line of readLines(path)) {
    const turns = line.split(EOU).map((t) => t.trim()).filter((t) => t !== '');
    if (turns.length === 0) skipped.empty++;
    else if (turns.length === 1) skipped.oneTurn++;
    else {
      dialogues.push(turns);
      lines.push(line.trim());
    }
  }
  return { dialogues, lines, skipped };
}

/** Drops dialogues that also occur (same turns) in `seen`, e.g. validation dialogues found in train. */
export function dropSeenDialogues(dialogues: readonly string[][], seen: readonly string[][]): { kept: string[][]; dropped: number } {
  const key = (d: readonly string[]): string => d.join('\u0001');
  const seenKeys = new Set(seen.map(key));
  const kept = dialogues.filter((d) => !seenKeys.has(key(d)));
  return { kept, dropped: dialogues.length - kept.length };
}

export interface ContextPairOptions {
  /** Turns of history in the source (the last k before the reply). Default 2. */
  contextTurns?: number;
  /** Placed between turns in the source. Default ' __eou__ '. */
  separator?: string;
  /** Keep only the last N whitespace words of the context (0 = all). Default 0. */
  maxContextWords?: number;
}

/**
 * (context -> next turn) pairs from each dialogue: for every turn after the first, the previous
 * `contextTurns` turns joined by `separator`. Long contexts keep their most recent words, since
 * the reply depends most on them (the shared pipeline would otherwise cut the end).
 */
export function dialoguePairs(dialogues: readonly string[][], o: ContextPairOptions = {}): { source: string; target: string }[] {
  const k = o.contextTurns ?? 2;
  const sep = o.separator ?? ` ${EOU} `;
  const out: { source: string; target: string }[] = [];
  for (const d of dialogues) {
    for (let i = 1; i < d.length; i++) {
      out.push({ source: contextOf(d.slice(Math.max(0, i - k), i), sep, o.maxContextWords ?? 0), target: d[i]! });
    }
  }
  return out;
}

/** Joins turns and keeps the last `maxWords` whitespace words (0 = all). */
export function contextOf(turns: readonly string[], separator = ` ${EOU} `, maxWords = 0): string {
  const text = turns.join(separator);
  if (maxWords <= 0) return text;
  const words = text.split(/\s+/).filter((w) => w !== '');
  return words.slice(-maxWords).join(' ');
}
