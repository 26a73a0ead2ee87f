import * as tf from '@tensorflow/tfjs';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { paletteByName, paletteGrid, SKIN_TONES } from './palette.js';

const rgb = (h: number): number[] => [(h >> 16) & 255, (h >> 8) & 255, h & 255].map((v) => v / 255);

describe('paletteGrid', () => {
  it('gives each cell the share of its pixels nearest each channel within the radius; other colours count nowhere', async () => {
    // A 4x4 image, 2x2 cells: top-left all Noto light; top-right half Twemoji dark, half white;
    // bottom-left a shade 10 levels off Noto medium (within the radius); bottom-right yellow.
    const px: number[][] = [];
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        if (y < 2 && x < 2) px.push(rgb(0xf8d8b8));
        else if (y < 2) px.push(x === 2 ? rgb(0x785038) : rgb(0xffffff));
        else if (x < 2) px.push(rgb(0xc29272));
        else px.push(rgb(0xffcc33));
      }
    }
    const pixels = tf.tensor4d(px.flat(), [1, 4, 4, 3]);
    await expectNoLeaks(async () => {
      const g = paletteGrid(pixels, 2, SKIN_TONES);
      expect(g.shape).toEqual([1, 4, 5]);
      const v = Array.from(await g.data()).map((x) => Math.round(x * 100) / 100);
      expect(v).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
      g.dispose();
    });
    expect(() => paletteGrid(pixels, 3, SKIN_TONES)).toThrow(/does not split into a 3x3 grid/);
    pixels.dispose();
  });

  it('is named in a table that lists the known names on a miss', () => {
    expect(paletteByName('skin-tones')).toBe(SKIN_TONES);
    expect(() => paletteByName('sepia')).toThrow(/unknown palette 'sepia'; known: skin-tones/);
  });
});
