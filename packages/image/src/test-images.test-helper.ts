// Writes tiny real PNG/JPEG files with the pngjs and jpeg-js encoders, for tests.
import jpeg from 'jpeg-js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export type Rgba = [number, number, number, number];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'seq2seq-image-test-'));
}

export function pngBytes(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  return PNG.sync.write(png);
}

export function jpegBytes(width: number, height: number, pixel: (x: number, y: number) => Rgba, quality = 95): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return jpeg.encode({ width, height, data }, quality).data;
}

export function writeFile(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
