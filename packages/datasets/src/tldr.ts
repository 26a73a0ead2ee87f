import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readText } from './lines.js';

/** One (description -> command) example of a tldr page. */
export interface TldrExample {
  description: string;
  command: string;
  /** The page's command name (file name without `.md`). */
  page: string;
}

/** Removes tldr's mnemonic brackets (`[c]reate` -> `create`) and the trailing colon. */
export function cleanTldrDescription(s: string): string {
  return s.replace(/\[([A-Za-z0-9]+)\]/g, '$1').replace(/:\s*$/, '').trim();
}

/**
 * Examples of one tldr page: each `- description:` line paired with the next `` `command` `` line.
 * Placeholders (`{{path/to/file}}`) are kept verbatim. A description without a command (or the
 * reverse) is counted in `unpaired`.
 */
export function parseTldrPage(text: string, page: string): { examples: TldrExample[]; unpaired: number } {
  const examples: TldrExample[] = [];
  let unpaired = 0;
  let pending: string | undefined;
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('- ')) {
      if (pending !== undefined) unpaired++;
      pending = cleanTldrDescription(line.slice(2));
    } else if (line.startsWith('`') && line.endsWith('`') && line.length > 2) {
      const command = line.slice(1, -1).trim();
      if (pending === undefined || pending === '' || command === '') unpaired++;
      else examples.push({ description: pending, command, page });
      pending = undefined;
    }
  }
  if (pending !== undefined) unpaired++;
  return { examples, unpaired };
}

/** A command's documentation from a tldr page's header: `# name` and its `> ` summary lines. */
export interface CommandDoc {
  /** The command as the page's title writes it (`tar`, `git commit`). */
  name: string;
  /** The summary lines joined by spaces, without the `More information:` link line. */
  summary: string;
}

/** The header of one tldr page, or undefined when it has no `# name` title. */
export function parseTldrDoc(text: string): CommandDoc | undefined {
  let name: string | undefined;
  const summary: string[] = [];
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const line = raw.trim();
    if (name === undefined && line.startsWith('# ')) name = line.slice(2).trim();
    else if (line.startsWith('> ') && !/^> more information:/i.test(line)) summary.push(line.slice(2).trim());
  }
  return name ? { name, summary: summary.join(' ') } : undefined;
}

/**
 * The documentation headers of every `.md` page under `dir` (a page or a folder, recursively), one
 * per distinct name: the same command on several platforms (`common/date.md`, `osx/date.md`) keeps
 * the first page's summary and adds the others' new sentences.
 */
export function readTldrDocs(dir: string): CommandDoc[] {
  const byName = new Map<string, CommandDoc>();
  for (const f of tldrFiles(dir)) {
    const doc = parseTldrDoc(readText(f));
    if (!doc) continue;
    const seen = byName.get(doc.name);
    if (!seen) byName.set(doc.name, doc);
    else {
      const sentences = seen.summary.split(/(?<=\.)\s+/);
      const added = doc.summary.split(/(?<=\.)\s+/).filter((x) => x !== '' && !sentences.includes(x));
      seen.summary = [seen.summary, ...added].filter((x) => x !== '').join(' ');
    }
  }
  return [...byName.values()];
}

function tldrFiles(dir: string): string[] {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new Error(`tldr pages folder '${dir}' does not exist`);
  }
  const files = st.isDirectory() ? markdownFiles(dir) : [dir];
  if (files.length === 0) throw new Error(`no .md pages under '${dir}'`);
  return files;
}

/** Every `.md` page under `dir` (recursively, sorted paths), parsed. */
export function readTldrPages(dir: string): { examples: TldrExample[]; pages: number; unpaired: number } {
  const files = tldrFiles(dir);
  const examples: TldrExample[] = [];
  let unpaired = 0;
  for (const f of files) {
    const page = parseTldrPage(readText(f), basename(f, '.md'));
    examples.push(...page.examples);
    unpaired += page.unpaired;
  }
  return { examples, pages: files.length, unpaired };
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}
