// Writes a dataset manifest (`path<TAB>bytes<TAB>sha256` per file, sorted, gzipped) from a local
// copy whose files are byte-identical to the upstream repository at the pinned commit:
//   node --import tsx packages/datasets/scripts/make-manifest.ts ../shared/data/fsdd recordings README.md > packages/datasets/manifests/fsdd.tsv.gz
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const [root, ...parts] = process.argv.slice(2);
if (!root || parts.length === 0) throw new Error('usage: make-manifest.ts DATASET_DIR PATH...');
const files: string[] = [];
const walk = (p: string): void => {
  if (statSync(p).isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
  else files.push(relative(root, p));
};
for (const p of parts) walk(join(root, p));
const lines = files.sort().map((f) => {
  const data = readFileSync(join(root, f));
  return `${f}\t${data.length}\t${createHash('sha256').update(data).digest('hex')}\n`;
});
// mtime 0 and no name in the gzip header: the same files always give the same bytes.
process.stdout.write(gzipSync(lines.join(''), { level: 9 }));
