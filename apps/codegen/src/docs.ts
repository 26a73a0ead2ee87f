import { existsSync, readFileSync, statSync } from 'node:fs';
import { type CommandDoc, readTldrDocs } from '@seq2seq/datasets';
import { TfidfIndex } from '@seq2seq/text';

/** A retrieved document: the command's name and its TF-IDF cosine similarity to the query (0-1). */
export interface DocHit {
  name: string;
  score: number;
}

/**
 * Command documentation to look names up in (DocPrompting's idea: a model can name a command it
 * never saw in training when the command's documentation is at hand). Each doc is indexed by its
 * name and summary (`git commit` + `Record changes to the repository.`).
 */
export class CommandDocs {
  private readonly index: TfidfIndex;

  constructor(readonly docs: readonly CommandDoc[]) {
    if (docs.length === 0) throw new Error('command docs: no documents');
    this.index = new TfidfIndex(docs.map((d) => `${d.name} ${d.summary}`));
  }

  /** The k documents most similar to a description, best first. */
  retrieve(description: string, k: number): DocHit[] {
    return this.index.search(description, k).map((h) => ({ name: this.docs[h.index]!.name, score: h.score }));
  }
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
