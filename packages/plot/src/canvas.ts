import { GLYPH_CHARS, GLYPH_HEIGHT, GLYPH_WIDTH, GLYPHS } from './font-data.js';

export type Rgb = readonly [number, number, number];

const glyphIndex = new Map([...GLYPH_CHARS].map((c, i) => [c, i]));

/** An RGBA raster with rectangles and monospaced text (the bundled DejaVu Sans Mono bitmaps). */
export class Canvas {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, rgb: Rgb): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.set(xx, yy, rgb, 1);
    }
  }

  /** Draws `text` with its top-left corner at (x, y); `vertical` runs it bottom-to-top from (x, y) upwards. */
  text(x: number, y: number, text: string, rgb: Rgb = [0, 0, 0], vertical = false): void {
    [...text].forEach((ch, k) => {
      const glyph = GLYPHS[glyphIndex.get(ch) ?? glyphIndex.get('?')!]!;
      for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
        for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
          const a = parseInt(glyph[gy * GLYPH_WIDTH + gx]!, 16) / 15;
          if (a === 0) continue;
          if (vertical) this.set(x + gy, y - k * GLYPH_WIDTH - gx, rgb, a);
          else this.set(x + k * GLYPH_WIDTH + gx, y + gy, rgb, a);
        }
      }
    });
  }

  private set(x: number, y: number, rgb: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 4;
    for (let c = 0; c < 3; c++) this.data[i + c] = Math.round(this.data[i + c]! * (1 - alpha) + rgb[c]! * alpha);
    this.data[i + 3] = 255;
  }
}

/** Pixel width of `text` in the bundled font. */
export function textWidth(text: string): number {
  return [...text].length * GLYPH_WIDTH;
}

export { GLYPH_HEIGHT, GLYPH_WIDTH };
