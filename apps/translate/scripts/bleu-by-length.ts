// `node --import tsx apps/translate/scripts/bleu-by-length.ts SRC REF HYP [--edges 10,15,20,25]`:
// sacreBLEU (13a) per source-length bucket (length in whitespace words), one JSON line per bucket.
// Use with `translate eval --output-file HYP` to see how quality falls with sentence length.
import { readLines } from '@seq2seq/datasets';
import { corpusBleu } from '@seq2seq/metrics';

const [src, ref, hyp] = process.argv.slice(2, 5);
if (!src || !ref || !hyp) throw new Error('usage: bleu-by-length.ts SRC REF HYP [--edges 10,15,20,25]');
const edgesArg = process.argv.indexOf('--edges');
const edges = (edgesArg > 0 ? process.argv[edgesArg + 1]! : '10,15,20,25').split(',').map(Number);
const [s, r, h] = [readLines(src), readLines(ref), readLines(hyp)];
if (s.length !== r.length || s.length !== h.length) throw new Error(`line counts differ: ${s.length} / ${r.length} / ${h.length}`);
const bounds = [0, ...edges, Infinity];
for (let b = 0; b + 1 < bounds.length; b++) {
  const idx = s.map((line, i) => [line.trim().split(/\s+/).length, i] as const).filter(([n]) => n > bounds[b]! && n <= bounds[b + 1]!).map(([, i]) => i);
  if (idx.length === 0) continue;
  const bleu = corpusBleu(idx.map((i) => h[i]!), [idx.map((i) => r[i]!)]).score;
  console.log(JSON.stringify({ words: `${bounds[b]! + 1}-${bounds[b + 1] === Infinity ? '' : bounds[b + 1]}`, n: idx.length, bleu: Math.round(bleu * 100) / 100 }));
}
