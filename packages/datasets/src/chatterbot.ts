import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readText } from './lines.js';

/**
 * Conversations from chatterbot-corpus YAML (`{categories, conversations: [[utterance, reply,
 * ...], ...]}`): one file, or every `.yml`/`.yaml` file in a folder (sorted, not recursive).
 * Non-string turns are stringified; conversations with fewer than two non-empty turns are skipped.
 */
export function readChatterbot(path: string): { conversations: string[][]; skipped: number; files: number } {
  const files = statSync(path).isDirectory()
    ? readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f))
    : [path];
  const conversations: string[][] = [];
  let skipped = 0;
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readText(file));
    } catch (e) {
      throw new Error(`'${file}' is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    const convs = (doc as { conversations?: unknown } | null)?.conversations;
    if (!Array.isArray(convs)) throw new Error(`'${file}' has no 'conversations' list`);
    for (const c of convs) {
      const turns = Array.isArray(c) ? c.filter((t) => t !== null && t !== undefined).map((t) => String(t).replace(/\s+/g, ' ').trim()).filter((t) => t !== '') : [];
      if (turns.length < 2) skipped++;
      else conversations.push(turns);
    }
  }
  return { conversations, skipped, files: files.length };
}
