import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type CaptionedImage, readCaptionsTsv } from './captions-file.js';
import { isHeldOut } from './split.js';

/** An emoji image: its file name (e.g. `1f44d-1f3fd.png`), the artist and the CLDR name. */
export interface EmojiImage extends CaptionedImage {
  file: string;
  style: string;
}

/** Style folders of an emoji set: subfolders holding a `64/` folder of PNGs (e.g. google, twitter). */
export function emojiStyles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    // Symbolic links count too: a third artist's folder next to links to the shared styles.
    .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && existsSync(join(dir, d.name, '64')))
    .map((d) => d.name)
    .sort();
}

/**
 * The images of the given styles (`DIR/<style>/64/<file>.png`) captioned from `DIR/captions.tsv`;
 * files a style did not draw are left out.
 */
export function loadEmoji(dir: string, styles: readonly string[]): EmojiImage[] {
  const pairs = readCaptionsTsv(join(dir, 'captions.tsv'), { imageDir: '' });
  const out: EmojiImage[] = [];
  for (const style of styles) {
    const folder = join(dir, style, '64');
    if (!existsSync(folder)) throw new Error(`emoji style '${style}' has no folder ${folder}; known: ${emojiStyles(dir).join(', ')}`);
    const present = new Set(readdirSync(folder));
    for (const p of pairs) if (present.has(p.image)) out.push({ image: join(folder, p.image), captions: [p.caption], file: p.image, style });
  }
  return out;
}

export interface EmojiSplitOptions {
  /** Styles trained on. Default: every style folder. */
  styles?: readonly string[];
  /** Fraction of names (captions) held out of training and validated on. Default 0.1. */
  validNames?: number;
  /** A style validated on and never trained on (cross-style check on the training names). */
  validStyle?: string;
  /** Seed of the name split. Default 0. */
  splitSeed?: number;
  /**
   * With `validStyle`: validate on this fixed fraction of that style's drawings only (chosen by file
   * name, `inValidSlice`), leaving the rest as its test slice, which model selection never sees
   * (`caption eval --drawings test`). Default 1: every drawing of the style is validated on.
   */
  validDrawings?: number;
}

/**
 * Whether a drawing (its file name) of a held-out style is in the style's validation slice: a fixed
 * function of the name, fraction and seed, so train, eval and the scripts agree on the slices.
 */
export function inValidSlice(file: string, fraction: number, seed = 0): boolean {
  return fraction >= 1 || isHeldOut(`drawing\u0000${file}`, fraction, seed);
}

/**
 * Train/validation images of an emoji set. Validation: the held-out names in every style, or, with
 * `validStyle`, that style's drawings of the training names (the cross-style check). With neither,
 * a fixed 5% sample of the training images.
 */
export function emojiSplit(dir: string, o: EmojiSplitOptions = {}): { train: EmojiImage[]; valid: EmojiImage[] } {
  const all = o.styles ?? emojiStyles(dir);
  const trainStyles = all.filter((s) => s !== o.validStyle);
  if (trainStyles.length === 0) throw new Error(`no style left to train on (styles: ${all.join(', ')}, validation style: ${o.validStyle})`);
  const heldOut = (img: EmojiImage) => isHeldOut(img.captions[0]!, o.validNames ?? 0.1, o.splitSeed ?? 0);
  const train = loadEmoji(dir, trainStyles).filter((img) => !heldOut(img));
  const slice = (img: EmojiImage) => inValidSlice(img.file, o.validDrawings ?? 1, o.splitSeed ?? 0);
  const valid = o.validStyle ? loadEmoji(dir, [o.validStyle]).filter((img) => !heldOut(img) && slice(img)) : loadEmoji(dir, trainStyles).filter(heldOut);
  // Every name trained on and no validation style: a fixed 5% of the training images still tells
  // training how it goes and picks a best checkpoint (they are seen, so it is no held-out score).
  // Keyed by style and file, not by path, so the sample is the same wherever the set lies; never empty.
  if (valid.length === 0 && !o.validStyle) {
    const sample = train.filter((img) => isHeldOut(`${img.style}/${img.file}`, 0.05, o.splitSeed ?? 0));
    return { train, valid: sample.length > 0 ? sample : train.slice(0, 1) };
  }
  return { train, valid };
}
