import * as tf from '@tensorflow/tfjs';

/** Reference colours, one output channel per name; a channel may have several colours (one per artist). */
export interface Palette {
  readonly names: readonly string[];
  /** RGB 0-255 per channel (same order as names). */
  readonly colours: readonly (readonly (readonly [number, number, number])[])[];
  /** A pixel counts toward the channel of its nearest reference colour when it lies within this RGB distance (0-255 scale). */
  readonly radius: number;
}

/**
 * The five emoji skin tones (Fitzpatrick 1-2 to 6), each as two artists draw the skin: Noto
 * (google) then Twemoji (twitter). Pretrained CNN features blur these neighbouring shades, and
 * colour augmentation shifts them further, so a captioner could not name the tone of a third
 * artist's drawing (one tone in three right across artists); the shares of pixels near these
 * colours keep it (a nearest-colour rule names the single tone of 85.7% of OpenMoji's toned emoji).
 */
export const SKIN_TONES: Palette = {
  names: ['light', 'medium-light', 'medium', 'medium-dark', 'dark'],
  colours: [
    [[0xf8, 0xd8, 0xb8], [0xf0, 0xd8, 0xc8]],
    [[0xe0, 0xb8, 0x90], [0xf0, 0xd0, 0xa0]],
    [[0xb8, 0x88, 0x68], [0xd0, 0xa8, 0x88]],
    [[0xa0, 0x68, 0x40], [0xa8, 0x78, 0x50]],
    [[0x70, 0x50, 0x48], [0x78, 0x50, 0x38]],
  ],
  radius: 20,
};

/** Palettes by the name a model config stores. */
export const PALETTES: Readonly<Record<string, Palette>> = { 'skin-tones': SKIN_TONES };

/** The palette of a config name; throws listing the known names. */
export function paletteByName(name: string): Palette {
  const p = PALETTES[name];
  if (!p) throw new Error(`unknown palette '${name}'; known: ${Object.keys(PALETTES).join(', ')}`);
  return p;
}

/**
 * pixels [B, H, W, 3] in [0, 1] -> [B, side * side, P]: per cell of a side x side grid, the share
 * of its pixels whose nearest reference colour is within the radius and belongs to channel p
 * (row-major cells, like a CNN grid reshaped). H and W must be multiples of side.
 */
export function paletteGrid(pixels: tf.Tensor4D, side: number, palette: Palette): tf.Tensor3D {
  const [b, h, w] = pixels.shape;
  if (h % side !== 0 || w % side !== 0) throw new Error(`paletteGrid: a ${h}x${w} image does not split into a ${side}x${side} grid`);
  const refs = palette.colours.flatMap((cs) => cs.map((c) => c.map((v) => v / 255)));
  const channelOf = palette.colours.flatMap((cs, p) => cs.map(() => p));
  return tf.tidy(() => {
    const x = tf.reshape(pixels, [-1, 3]);
    const r = tf.tensor2d(refs, [refs.length, 3]);
    // |x - r|^2 = |x|^2 - 2 x.r + |r|^2, for every pixel and reference at once.
    const d2 = tf.add(tf.sub(tf.sum(tf.square(x), 1, true), tf.mul(2, tf.matMul(x, r, false, true))), tf.sum(tf.square(r), 1).reshape([1, -1]));
    const near = tf.less(tf.min(d2, 1), (palette.radius / 255) ** 2);
    const channel = tf.gather(tf.tensor1d(channelOf, 'int32'), tf.argMin(d2, 1));
    const hits = tf.mul(tf.oneHot(channel, palette.names.length), tf.expandDims(tf.cast(near, 'float32'), 1));
    const cells = tf.avgPool(tf.reshape(hits, [b, h, w, palette.names.length]) as tf.Tensor4D, [h / side, w / side], [h / side, w / side], 'valid');
    return tf.reshape(cells, [b, side * side, palette.names.length]);
  });
}
