import { readLines } from './lines.js';

/** Counts of JSONL lines left out; `firstError` says what the first malformed line looked like. */
export interface JsonlSkips {
  malformed: number;
  notObject: number;
  firstError?: string;
}

export interface JsonlRow {
  value: Record<string, unknown>;
  /** 1-based line number. */
  line: number;
}

/**
 * Reads JSON Lines (plain or .gz). Blank lines are ignored; lines that do not parse, or are not
 * objects, are skipped and counted. A file where no non-blank line parses is an error, since it
 * is almost certainly not JSONL at all.
 */
export function readJsonl(path: string): { rows: JsonlRow[]; skipped: JsonlSkips } {
  const rows: JsonlRow[] = [];
  const skipped: JsonlSkips = { malformed: 0, notObject: 0 };
  readLines(path).forEach((text, i) => {
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      skipped.malformed++;
      skipped.firstError ??= `line ${i + 1}: ${(e as Error).message}`;
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      skipped.notObject++;
      skipped.firstError ??= `line ${i + 1}: not a JSON object`;
    } else rows.push({ value: value as Record<string, unknown>, line: i + 1 });
  });
  if (rows.length === 0 && skipped.malformed + skipped.notObject > 0) throw new Error(`'${path}' is not JSON Lines (${skipped.firstError})`);
  return { rows, skipped };
}

/** One source with one or more references (e.g. a SciTLDR paper and its TLDRs). */
export interface MultiRefExample {
  source: string;
  targets: string[];
  line: number;
}

export interface MultiRefSkips extends JsonlSkips {
  missingField: number;
  emptySource: number;
  emptyTarget: number;
}

export interface JsonlPairOptions {
  /** Field holding the source: a string, or a list of strings joined with `joiner`. Default 'source'. */
  sourceField?: string;
  /** Field holding the reference(s): a string or a list of strings. Default 'target'. */
  targetField?: string;
  /** Joins a list-valued source (e.g. SciTLDR's sentences). Default ' '. */
  joiner?: string;
}

/**
 * JSONL rows -> source + references. Accepts SciTLDR's rows (`source`: sentences, `target`: TLDRs)
 * and plain `{"source": "...", "target": "..."}`. Rows without the fields, or with an empty side,
 * are skipped and counted; empty references inside a list are dropped.
 */
export function readJsonlExamples(path: string, o: JsonlPairOptions = {}): { examples: MultiRefExample[]; skipped: MultiRefSkips } {
  const sf = o.sourceField ?? 'source';
  const tf = o.targetField ?? 'target';
  const { rows, skipped: base } = readJsonl(path);
  const skipped: MultiRefSkips = { ...base, missingField: 0, emptySource: 0, emptyTarget: 0 };
  const examples: MultiRefExample[] = [];
  for (const { value, line } of rows) {
    const src = textList(value[sf]);
    const tgt = textList(value[tf]);
    if (src === undefined || tgt === undefined) skipped.missingField++;
    else {
      const source = src.join(o.joiner ?? ' ').trim();
      const targets = tgt.map((t) => t.trim()).filter((t) => t !== '');
      if (source === '') skipped.emptySource++;
      else if (targets.length === 0) skipped.emptyTarget++;
      else examples.push({ source, targets, line });
    }
  }
  return { examples, skipped };
}

/** A string or a list of strings; anything else is undefined. */
function textList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}
