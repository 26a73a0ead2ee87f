import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { decodeUtf8Text } from '@seq2seq/core';

/** One (image, caption) pair; `image` is a path usable from the current directory. */
export interface CaptionPair {
  image: string;
  caption: string;
}

/** One image with all its reference captions. */
export interface CaptionedImage {
  image: string;
  captions: string[];
}

export interface ReadCaptionsOptions {
  /** Folder relative image names are resolved against. Default: the captions file's folder. */
  imageDir?: string;
}

/**
 * Reads `image<TAB>caption` lines (an `image<TAB>caption` header line is skipped; several lines per
 * image allowed). Flickr8k's `name.jpg#2<TAB>caption` layout works too: the `#n` suffix is dropped.
 * Every malformed line is an error naming the file and line.
 */
export function readCaptionsTsv(path: string, options: ReadCaptionsOptions = {}): CaptionPair[] {
  let text: string;
  try {
    text = decodeUtf8Text(readFileSync(path), path);
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new Error(`cannot read captions file '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const base = options.imageDir ?? dirname(path);
  const out: CaptionPair[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${path}:${i + 1}: expected 'image<TAB>caption', found no tab`);
    const name = line.slice(0, tab).trim().replace(/#\d+$/, '');
    const caption = line.slice(tab + 1).trim();
    if (i === 0 && name.toLowerCase() === 'image' && caption.toLowerCase() === 'caption') return;
    if (name === '') throw new Error(`${path}:${i + 1}: empty image name`);
    out.push({ image: isAbsolute(name) ? name : join(base, name), caption });
  });
  return out;
}

/** Groups pairs by image, in order of first appearance. */
export function groupByImage(pairs: readonly CaptionPair[]): CaptionedImage[] {
  const byImage = new Map<string, string[]>();
  for (const p of pairs) {
    const list = byImage.get(p.image);
    if (list) list.push(p.caption);
    else byImage.set(p.image, [p.caption]);
  }
  return [...byImage].map(([image, captions]) => ({ image, captions }));
}

/** One pair per (image, caption). */
export function ungroup(images: readonly CaptionedImage[]): CaptionPair[] {
  return images.flatMap((g) => g.captions.map((caption) => ({ image: g.image, caption })));
}
