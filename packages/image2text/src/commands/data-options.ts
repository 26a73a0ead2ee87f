import type { OptionSpecs } from '@seq2seq/cli';
import { datasetOptionSpec } from '@seq2seq/datasets';
import { datasetDir } from '@seq2seq/pipeline';
import { type CaptionedImage, type CaptionPair, groupByImage, readCaptionsTsv, ungroup } from '../captions-file.js';
import { emojiSplit, inValidSlice, loadEmoji } from '../emoji.js';
import { isHeldOut } from '../split.js';

type Opts = Record<string, unknown>;
const str = (o: Opts, k: string): string | undefined => (o[k] === undefined || o[k] === '' ? undefined : String(o[k]));
const list = (o: Opts, k: string): string[] | undefined => str(o, k)?.split(',').map((s) => s.trim()).filter(Boolean);

const common = {
  dataset: datasetOptionSpec(['emoji']),
  captions: { type: 'string', description: "TSV 'image<TAB>caption' (header optional, several lines per image, Flickr8k 'image#n' too); paths relative to its folder" },
  images: { type: 'string', description: 'folder the image names in --captions are relative to (default: the TSV folder)' },
  emoji: { type: 'string', description: 'emoji set folder (STYLE/64/*.png + captions.tsv); --dataset emoji finds it by name' },
} as const satisfies OptionSpecs;

export const trainDataOptions = {
  ...common,
  'valid-captions': { type: 'string', description: 'validation TSV (default: a fixed --valid-fraction of the images in --captions)' },
  'valid-fraction': { type: 'number', description: 'images of --captions held out for validation when no --valid-captions', default: 0.1, min: 0 },
  styles: { type: 'string', description: 'emoji styles to use, joined by commas (default: every style folder)' },
  'valid-style': { type: 'string', description: 'emoji: never train on this style; validate on its drawings of the training names (cross-style check)' },
  'valid-names': { type: 'number', description: 'emoji: fraction of names held out of training and validated on (0 = train on every name)', default: 0.1, min: 0 },
  'split-seed': { type: 'number', description: 'seed of the held-out name/image split', default: 0, integer: true },
  'valid-drawings': { type: 'number', description: "emoji with --valid-style: validate on this fraction of that style's drawings only; the rest is its test slice (eval --drawings test)", default: 1, min: 0 },
} as const satisfies OptionSpecs;

export const evalDataOptions = {
  ...common,
  style: { type: 'string', description: 'emoji: the style folder to score (any artist with the same file naming)' },
  names: { type: 'string', description: "emoji: 'all', 'train' (names the checkpoint trained on) or 'valid' (its held-out names)", default: 'all' },
  drawings: { type: 'string', description: "emoji: 'all', 'test' (drawings of the checkpoint's --valid-style outside its validation slice) or 'valid' (inside)", default: 'all' },
} as const satisfies OptionSpecs;

/** `--dataset emoji` becomes `--emoji DIR` (found in the data directories; see @seq2seq/datasets). */
export async function applyDatasetOption(o: Opts, log: (l: string) => void): Promise<void> {
  const dir = await datasetDir(o.dataset, ['emoji'], log);
  if (dir) o.emoji = dir;
}

/** Training data and what the checkpoint should remember about the split. */
export function loadTrainData(o: Opts, log: (l: string) => void): { train: CaptionPair[]; valid: CaptionedImage[]; split: Record<string, string | number> } {
  const splitSeed = Number(o['split-seed'] ?? 0);
  if (o.emoji) {
    const dir = String(o.emoji);
    const validNames = Number(o['valid-names'] ?? 0.1);
    const validStyle = str(o, 'valid-style');
    const validDrawings = Number(o['valid-drawings'] ?? 1);
    if (validDrawings < 1 && !validStyle) throw new Error('--valid-drawings needs --valid-style (the held-out artist whose drawings it splits)');
    const { train, valid } = emojiSplit(dir, { ...(list(o, 'styles') ? { styles: list(o, 'styles')! } : {}), validNames, ...(validStyle ? { validStyle } : {}), splitSeed, validDrawings });
    log(`emoji: ${train.length} training images (${[...new Set(train.map((t) => t.style))].join(', ')}), ${valid.length} validation images (${[...new Set(valid.map((t) => t.style))].join(', ')})`);
    // The held-out style and slice are recorded (only when used, so older splits stay equal) for eval --drawings.
    const styleSplit = validStyle ? { validStyle, ...(validDrawings < 1 ? { validDrawings } : {}) } : {};
    return { train: ungroup(train), valid, split: { kind: 'emoji-names', validNames, splitSeed, ...styleSplit } };
  }
  const path = str(o, 'captions');
  if (!path) throw new Error('give training data: --captions FILE (with --images DIR) or --emoji DIR');
  const imageDir = str(o, 'images');
  const all = groupByImage(readCaptionsTsv(path, imageDir ? { imageDir } : {}));
  const validPath = str(o, 'valid-captions');
  if (validPath) return { train: ungroup(all), valid: groupByImage(readCaptionsTsv(validPath, imageDir ? { imageDir } : {})), split: { kind: 'file' } };
  const fraction = Number(o['valid-fraction'] ?? 0.1);
  const held = (g: CaptionedImage) => isHeldOut(g.image, fraction, splitSeed);
  const train = all.filter((g) => !held(g));
  log(`captions: ${all.length} images, ${train.length} for training, ${all.length - train.length} held out for validation`);
  return { train: ungroup(train), valid: all.filter(held), split: { kind: 'images', validFraction: fraction, splitSeed } };
}

/** --drawings: all of a style's drawings, or the test/validation slice of the checkpoint's held-out style. */
function selectDrawings<T extends { file: string }>(images: T[], drawings: string, style: string, split: Record<string, unknown> | undefined): T[] {
  if (drawings === 'all') return images;
  if (drawings !== 'test' && drawings !== 'valid') throw new Error(`--drawings must be all, test or valid, got '${drawings}'`);
  if (split?.validStyle !== style || split.validDrawings === undefined) {
    throw new Error(`--drawings ${drawings}: the checkpoint was not trained with --valid-style ${style} --valid-drawings F (its split: ${JSON.stringify(split ?? {})})`);
  }
  const inValid = (img: T) => inValidSlice(img.file, Number(split.validDrawings), Number(split.splitSeed ?? 0));
  return images.filter((img) => (drawings === 'valid' ? inValid(img) : !inValid(img)));
}

/** Images to score with their references; `split` is what the checkpoint recorded (for --names). */
export function loadEvalData(o: Opts, split: Record<string, unknown> | undefined): CaptionedImage[] {
  if (o.emoji) {
    const dir = String(o.emoji);
    const style = str(o, 'style');
    if (!style) throw new Error('--emoji needs --style (the style folder to score)');
    const images = selectDrawings(loadEmoji(dir, [style]), String(o.drawings ?? 'all'), style, split);
    const names = String(o.names ?? 'all');
    if (names === 'all') return images;
    if (names !== 'train' && names !== 'valid') throw new Error(`--names must be all, train or valid, got '${names}'`);
    if (split?.kind !== 'emoji-names') throw new Error(`--names ${names}: the checkpoint was not trained with an emoji name split`);
    const held = (img: CaptionedImage) => isHeldOut(img.captions[0]!, Number(split.validNames), Number(split.splitSeed));
    return images.filter((img) => (names === 'valid' ? held(img) : !held(img)));
  }
  const path = str(o, 'captions');
  if (!path) throw new Error('give evaluation data: --captions FILE (TSV image<TAB>caption) or --emoji DIR --style STYLE');
  const imageDir = str(o, 'images');
  return groupByImage(readCaptionsTsv(path, imageDir ? { imageDir } : {}));
}
