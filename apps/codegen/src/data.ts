import { readJsonlExamples, readTldrPages, readTsvPairs, splitByKey, type TldrExample, totalSkipped } from '@seq2seq/datasets';

/** The fixed split of tldr pages by page name: 5% validation, 5% test, seed 17. */
export const SPLIT = { valid: 0.05, test: 0.05, seed: 17 } as const;
export type SplitName = 'all' | 'train' | 'valid' | 'test';

/**
 * Splits tldr examples by page name (never by example), so every example of a command is on one
 * side; `common/tar.md` and `linux/tar.md` share a name and hence a side.
 */
export function splitTldr(examples: TldrExample[]): { train: TldrExample[]; valid: TldrExample[]; test: TldrExample[] } {
  return splitByKey(examples, (e) => e.page, { valid: SPLIT.valid, test: SPLIT.test }, SPLIT.seed);
}

/** tldr pages under `dir` (recursive), restricted to one side of the fixed split. */
export function loadTldr(dir: string, split: SplitName, log: (l: string) => void): { source: string; target: string }[] {
  const { examples, pages, unpaired } = readTldrPages(dir);
  log(`${dir}: ${pages} pages, ${examples.length} examples${unpaired ? ` (${unpaired} unpaired lines skipped)` : ''}`);
  const chosen = split === 'all' ? examples : splitTldr(examples)[split];
  if (split !== 'all') log(`split '${split}' (by page name, seed ${SPLIT.seed}): ${chosen.length} examples`);
  return chosen.map((e) => ({ source: e.description, target: e.command }));
}

/** Users' pairs: JSONL (`source`/`target`, or `nl`/`cmd` as in DocPrompting) or TSV `description<TAB>command`. */
export function loadCommandPairs(path: string, log: (l: string) => void): { source: string; target: string }[] {
  if (/\.jsonl?(\.gz)?$/.test(path)) {
    let loaded = readJsonlExamples(path);
    if (loaded.examples.length === 0) loaded = readJsonlExamples(path, { sourceField: 'nl', targetField: 'cmd' });
    const { firstError, ...counts } = loaded.skipped;
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    if (n > 0) log(`${path}: skipped ${n} rows (${JSON.stringify(loaded.skipped)})`);
    return loaded.examples.map((e) => ({ source: e.source, target: e.targets[0]! }));
  }
  const { pairs, skipped } = readTsvPairs(path);
  if (totalSkipped(skipped) > 0) log(`${path}: skipped ${totalSkipped(skipped)} lines (${JSON.stringify(skipped)})`);
  return pairs.map((p) => ({ source: p.source, target: p.target }));
}
