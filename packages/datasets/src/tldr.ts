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

/** Every `.md` page under `dir` (recursively, sorted paths), parsed. */
export function readTldrPages(dir: string): { examples: TldrExample[]; pages: number; unpaired: number } {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new Error(`tldr pages folder '${dir}' does not exist`);
  }
  const files = st.isDirectory() ? markdownFiles(dir) : [dir];
  if (files.length === 0) throw new Error(`no .md pages under '${dir}'`);
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
