import { readAeslc, readJsonlExamples, readTsvPairs, totalSkipped } from '@seq2seq/datasets';

/** A document with one or more reference summaries. */
export interface SummaryExample {
  source: string;
  targets: string[];
}

/**
 * Reads summarisation data, choosing the reader by file name:
 * - `*.tar.gz` / `*.tgz`: AESLC archives (email body -> subject). For `eval`, the annotators'
 *   subjects (`@ann0..2`) are the references when present (dev/test), else the original subject;
 *   for training, the original subject.
 * - `*.jsonl` / `*.jsonl.gz` / `*.json`: one object per line with `source` (string or list of
 *   sentences, joined by spaces) and `target` (string or list of references), e.g. SciTLDR.
 * - anything else: TSV `document<TAB>summary` (optional header line).
 * Bad lines (empty, missing column, malformed JSON) are skipped and counted in the log.
 */
export function loadSummaries(path: string, purpose: 'train' | 'eval', log: (l: string) => void): SummaryExample[] {
  if (/\.(tar\.gz|tgz|tar)$/.test(path)) {
    const { emails, skipped } = readAeslc([path]);
    report(path, skipped.emptyBody + skipped.noSubject, skipped, log);
    return emails.map((e) => ({ source: e.body, targets: purpose === 'eval' && e.annotations.length > 0 ? e.annotations : [e.subject || e.annotations[0]!] }));
  }
  if (/\.jsonl?(\.gz)?$/.test(path)) {
    const { examples, skipped } = readJsonlExamples(path);
    const { firstError, ...counts } = skipped;
    report(path, Object.values(counts).reduce((a, b) => a + b, 0), skipped, log);
    return examples.map((e) => ({ source: e.source, targets: e.targets }));
  }
  const { pairs, skipped } = readTsvPairs(path);
  report(path, totalSkipped(skipped), skipped, log);
  return pairs.map((p) => ({ source: p.source, targets: [p.target] }));
}

/** Many files (e.g. AESLC's two train archives) concatenated. */
export function loadAll(paths: readonly string[], purpose: 'train' | 'eval', log: (l: string) => void): SummaryExample[] {
  return paths.flatMap((p) => loadSummaries(p, purpose, log));
}

function report(path: string, n: number, detail: object, log: (l: string) => void): void {
  if (n > 0) log(`${path}: skipped ${n} examples (${JSON.stringify(detail)})`);
}
