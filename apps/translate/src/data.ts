import { UsageError } from '@seq2seq/cli';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadedPairs, readAlignedPairs, readTsvPairs, totalSkipped } from '@seq2seq/datasets';

const here = dirname(fileURLToPath(import.meta.url));
/** Bundled demo corpus (see data/README.md). */
export const DEMO_TRAIN = join(here, '../data/demo.train.tsv');
export const DEMO_VALID = join(here, '../data/demo.valid.tsv');

/**
 * Loads pairs from `--data FILE.tsv` (pairs, Tatoeba/ManyThings format) or `--source F --target F`
 * (line-aligned, plain or .gz), or a Multi30k split (`--multi30k DIR --split NAME --src en --tgt de`).
 */
export function loadPairs(o: { data?: string; source?: string; target?: string; multi30k?: string; split: string; src: string; tgt: string }, log: (l: string) => void, what: string): LoadedPairs {
  let loaded: LoadedPairs;
  if (o.data) loaded = readTsvPairs(o.data);
  else if (o.source && o.target) loaded = readAlignedPairs(o.source, o.target);
  else if (o.multi30k) loaded = readAlignedPairs(join(o.multi30k, `${o.split}.${o.src}.gz`), join(o.multi30k, `${o.split}.${o.tgt}.gz`));
  else throw new UsageError(`${what}: give --dataset multi30k, or --${what === 'train' ? 'train' : 'data'} FILE.tsv, or --source FILE --target FILE, or --multi30k DIR`);
  const skipped = totalSkipped(loaded.skipped);
  if (skipped > 0) log(`${what}: skipped ${skipped} lines (${JSON.stringify(loaded.skipped)}); first: ${loaded.firstSkipped.join(' | ')}`);
  return loaded;
}
