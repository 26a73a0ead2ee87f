/** RGBA bytes in row-major order. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** [H * W * 4] */
  readonly data: Uint8Array;
}

/** Alpha above which a pixel counts as drawn (anti-aliased fringes below it do not move the box). */
export const TRIM_ALPHA_THRESHOLD = 16;

/**
 * Crops an RGBA image to the square around its drawn pixels (alpha > threshold), centred, with
 * transparent padding where the square leaves the canvas. Icons and emoji from different artists
 * come with different margins (OpenMoji leaves ~15% each side, Noto almost none); trimming makes the
 * drawing fill the frame alike. A fully transparent or fully opaque image (a photo) is returned as is.
 */
export function trimTransparent(img: RgbaImage, threshold = TRIM_ALPHA_THRESHOLD): RgbaImage {
  const { width: w, height: h, data } = img;
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (data[(y * w + x) * 4 + 3]! <= threshold) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0 || (x0 === 0 && y0 === 0 && x1 === w - 1 && y1 === h - 1)) return img;
  const side = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const ox = x0 - Math.floor((side - (x1 - x0 + 1)) / 2);
  const oy = y0 - Math.floor((side - (y1 - y0 + 1)) / 2);
  const out = new Uint8Array(side * side * 4);
  for (let y = 0; y < side; y++) {
    const sy = oy + y;
    if (sy < 0 || sy >= h) continue;
    for (let x = 0; x < side; x++) {
      const sx = ox + x;
      if (sx < 0 || sx >= w) continue;
      out.set(data.subarray((sy * w + sx) * 4, (sy * w + sx) * 4 + 4), (y * side + x) * 4);
    }
  }
  return { width: side, height: side, data: out };
}
