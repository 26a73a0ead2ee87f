import { PNG } from 'pngjs';
import type { Canvas } from './canvas.js';

/** PNG bytes of a canvas. */
export function encodePng(c: Canvas): Uint8Array {
  const png = new PNG({ width: c.width, height: c.height });
  png.data.set(c.data);
  return PNG.sync.write(png);
}
