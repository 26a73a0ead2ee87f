// `node --import tsx apps/caption/scripts/emoji-subset.ts EMOJI_DIR HELD_OUT OUT_DIR [--names-fraction 0.1] [--valid-drawings 0.2] [--split-seed 0]`
// Leave-one-artist-out TSVs over a fixed sample of the names (the same sample as
// `nn-baseline.ts --names-fraction`): OUT_DIR/train.tsv (every other style's drawings of the sampled
// names), valid.tsv (HELD_OUT's validation slice, `inValidSlice`, as `caption train --valid-drawings`)
// and test.tsv (the rest of HELD_OUT's drawings of those names). Image names are relative to
// EMOJI_DIR, so `caption train --captions OUT/train.tsv --images EMOJI_DIR` reads the same paths (and
// hits the same feature cache entries) as `--emoji EMOJI_DIR`. Why: a captioner can then be trained
// and compared with the nearest-neighbour baseline where extracting every drawing's features is too slow.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { emojiStyles, inValidSlice, isHeldOut, loadEmoji } from '@seq2seq/image2text';

const [dir, heldOut, out] = process.argv.slice(2);
if (!dir || !heldOut || !out) throw new Error('usage: emoji-subset.ts EMOJI_DIR HELD_OUT OUT_DIR [--names-fraction F] [--valid-drawings V] [--split-seed S]');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const fraction = Number(arg('names-fraction', '0.1'));
const validDrawings = Number(arg('valid-drawings', '0.2'));
const seed = Number(arg('split-seed', '0'));
const sampled = (caption: string) => fraction >= 1 || isHeldOut(caption, fraction, 7);
const tsv = (images: ReturnType<typeof loadEmoji>) => ['image\tcaption', ...images.map((i) => `${relative(dir, i.image)}\t${i.captions[0]}`)].join('\n') + '\n';
const train = loadEmoji(dir, emojiStyles(dir).filter((s) => s !== heldOut)).filter((i) => sampled(i.captions[0]!));
const held = loadEmoji(dir, [heldOut]).filter((i) => sampled(i.captions[0]!));
const valid = held.filter((i) => inValidSlice(i.file, validDrawings, seed));
const test = held.filter((i) => !inValidSlice(i.file, validDrawings, seed));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'train.tsv'), tsv(train));
writeFileSync(join(out, 'valid.tsv'), tsv(valid));
writeFileSync(join(out, 'test.tsv'), tsv(test));
console.log(JSON.stringify({ heldOut, namesFraction: fraction, train: train.length, valid: valid.length, test: test.length }));
