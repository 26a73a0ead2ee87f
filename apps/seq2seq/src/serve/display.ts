import { relative } from 'node:path';

/** A model directory as answers show it: relative to the working directory when inside it, else as given. */
export function displayPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}
