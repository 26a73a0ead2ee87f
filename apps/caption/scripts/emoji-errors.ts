// `node --import tsx apps/caption/scripts/emoji-errors.ts OUTPUT_FILE [CAPTIONS_TSV]`
// Breaks an emoji eval's errors down (OUTPUT_FILE from `caption eval ... --output-file`, lines
// `path<TAB>caption`): exact match, the base name (the caption before ':') right, and for drawings
// whose name has skin tones the tones right (all of them, in order), overall and where the base is right.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [outFile, tsv = '../shared/data/emoji/captions.tsv'] = process.argv.slice(2);
if (!outFile) throw new Error('usage: emoji-errors.ts OUTPUT_FILE [CAPTIONS_TSV]');
const norm = (s: string) => s.toLowerCase().replace(/\s*([:,])\s*/g, '$1 ').replace(/\s+/g, ' ').trim();
const refs = new Map(readFileSync(tsv, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t') as [string, string]).map(([f, c]) => [f, norm(c)]));
const base = (c: string) => c.split(':')[0]!.trim();
const tones = (c: string) => c.match(/[a-z-]+ skin tone/g) ?? [];
const n = { all: 0, exact: 0, base: 0, toned: 0, toneRight: 0, tonedBaseRight: 0, toneRightGivenBase: 0 };
for (const line of readFileSync(outFile, 'utf8').split('\n')) {
  if (line === '') continue;
  const [path, hyp = ''] = line.split('\t');
  const ref = refs.get(basename(path!));
  if (ref === undefined) throw new Error(`${path}: not in ${tsv}`);
  const h = norm(hyp);
  n.all++;
  if (h === ref) n.exact++;
  const baseRight = base(h) === base(ref);
  if (baseRight) n.base++;
  const t = tones(ref);
  if (t.length === 0) continue;
  const toneRight = tones(h).join(',') === t.join(',');
  n.toned++;
  if (toneRight) n.toneRight++;
  if (baseRight) {
    n.tonedBaseRight++;
    if (toneRight) n.toneRightGivenBase++;
  }
}
const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((10000 * a) / b) / 100);
console.log(JSON.stringify({ n: n.all, exact: pct(n.exact, n.all), baseRight: pct(n.base, n.all), toned: n.toned, toneRight: pct(n.toneRight, n.toned), toneRightWhereBaseRight: pct(n.toneRightGivenBase, n.tonedBaseRight) }));
