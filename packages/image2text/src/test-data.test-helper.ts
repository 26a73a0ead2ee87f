// Tiny synthetic captioning data for tests: flat-coloured shapes on white, written as real PNGs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'seq2seq-image2text-test-'));
}

const COLOURS = { red: [220, 30, 30], blue: [30, 60, 220], green: [30, 170, 60] } as const;
export type Colour = keyof typeof COLOURS;
export type Shape = 'square' | 'circle';

/** A size x size RGBA PNG: a coloured square or circle on a transparent background. */
export function shapePng(colour: Colour, shape: Shape, size = 16): Buffer {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = shape === 'square' ? Math.abs(x - c) < size * 0.3 && Math.abs(y - c) < size * 0.3 : (x - c) ** 2 + (y - c) ** 2 < (size * 0.35) ** 2;
      const [r, g, b] = COLOURS[colour];
      png.data.set(inside ? [r, g, b, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** Writes the 6 colour x shape images and a captions TSV (with header) into a fresh folder. */
export function writeShapeSet(dir = tempDir()): { dir: string; tsv: string; images: string[] } {
  const lines = ['image\tcaption'];
  const images: string[] = [];
  for (const colour of Object.keys(COLOURS) as Colour[]) {
    for (const shape of ['square', 'circle'] as const) {
      const name = `${colour}-${shape}.png`;
      writeFileSync(join(dir, name), shapePng(colour, shape));
      lines.push(`${name}\t${colour === 'red' ? 'Red' : colour} ${shape}`);
      images.push(join(dir, name));
    }
  }
  const tsv = join(dir, 'captions.tsv');
  writeFileSync(tsv, `${lines.join('\n')}\n`);
  return { dir, tsv, images };
}
