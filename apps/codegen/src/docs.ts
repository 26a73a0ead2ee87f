import { existsSync, readFileSync, statSync } from 'node:fs';
import { type CommandDoc, readTldrDocs } from '@seq2seq/datasets';
import { porterStem } from '@seq2seq/metrics';
import { TfidfIndex } from '@seq2seq/text';
import { startsWithName } from './docs-decode.js';

/** A retrieved document: the command's name and its TF-IDF cosine similarity to the query (0-1). */
export interface DocHit {
  name: string;
  score: number;
}

/**
 * Lower-cased alphanumeric words, Porter-stemmed ("compressing" and "compress" match). On the
 * validation pages, with training descriptions in the docs, top-1 retrieval 28.67% -> 29.59% over
 * stripping a plural s only (`TfidfIndex`'s default terms).
 */
export const stemmedTerms = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map(porterStem);

/**
 * Command documentation to look names up in (DocPrompting's idea: a model can name a command it
 * never saw in training when the command's documentation is at hand). Each doc is indexed by its
 * name and summary (`git commit` + `Record changes to the repository.`).
 */
export class CommandDocs {
  private readonly index: TfidfIndex;

  constructor(readonly docs: readonly CommandDoc[]) {
    if (docs.length === 0) throw new Error('command docs: no documents');
    this.index = new TfidfIndex(docs.map((d) => `${d.name} ${d.summary}`), stemmedTerms);
  }

  /** The k documents most similar to a description, best first. */
  retrieve(description: string, k: number): DocHit[] {
    return this.index.search(description, k).map((h) => ({ name: this.docs[h.index]!.name, score: h.score }));
  }
}

/**
 * Docs with example descriptions added: each `(description, command)` pair goes to the doc of the
 * longest name its command starts with (`git commit -m x` -> `git commit`, after any `sudo`); a
 * command without a doc gets one named by its first word. Training descriptions say what users ask
 * of a command in their own words, which a one-line summary often does not (on the tldr validation
 * pages, top-1 retrieval 24.6% -> 26.6% with the training split's descriptions).
 */
export function withExamples(docs: readonly CommandDoc[], examples: readonly { source: string; target: string }[]): CommandDoc[] {
  const extra = new Map<string, string[]>(docs.map((d) => [d.name, []]));
  // Names by their first word, longest first, so `git commit` is tried before `git`.
  const byFirst = new Map<string, string[]>();
  const add = (name: string) => {
    const first = name.split(' ')[0]!;
    byFirst.set(first, [...(byFirst.get(first) ?? []), name].sort((a, b) => b.length - a.length));
  };
  docs.forEach((d) => add(d.name));
  for (const e of examples) {
    const first = e.target.trim().replace(/^sudo\s+/, '').split(/\s+/)[0];
    if (!first || e.source.trim() === '') continue;
    const name = byFirst.get(first)?.find((n) => startsWithName(e.target, n)) ?? first;
    if (!extra.has(name)) {
      extra.set(name, []);
      add(name);
    }
    extra.get(name)!.push(e.source.trim());
  }
  const summaries = new Map(docs.map((d) => [d.name, d.summary]));
  return [...extra].map(([name, more]) => ({ name, summary: [summaries.get(name) ?? '', ...more].filter((x) => x !== '').join(' ') }));
}

/**
 * Docs from tldr-format pages (a folder, searched recursively, or one `.md` page; only the `# name`
 * and `> summary` header lines are read) or a TSV of `name<TAB>summary` lines (e.g. from `whatis`).
 */
export function loadCommandDocs(path: string): CommandDocs {
  if (!existsSync(path)) throw new Error(`--docs: '${path}' does not exist`);
  if (statSync(path).isDirectory() || path.endsWith('.md')) return new CommandDocs(readTldrDocs(path));
  const docs: CommandDoc[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const [name, summary] = line.split('\t');
      if (!name?.trim() || summary === undefined) throw new Error(`--docs ${path}:${i + 1}: expected 'name<TAB>summary'`);
      docs.push({ name: name.trim(), summary: summary.trim() });
    });
  return new CommandDocs(docs);
}
