import * as tf from '@tensorflow/tfjs';

/**
 * 3x3 depthwise convolution with TF 'SAME' padding, stride 1 or 2, built from Pad, Slice, Reshape,
 * Mul and AddN only: the wasm backend (the training backend) has no DepthwiseConv2dNative gradient
 * kernels, while these ops all have gradients and wasm kernels. Equals `tf.depthwiseConv2d(x, filter,
 * stride, 'same')` (tested, values and gradients).
 *
 * x [B, H, W, C], filter [3, 3, C, 1] -> [B, H / stride, W / stride, C]; stride 2 needs even H and W
 * (every stride-2 MobileNet block sees an even grid).
 */
export function depthwiseConv3x3(x: tf.Tensor4D, filter: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  const [b, h, w, c] = x.shape;
  const [fh, fw, fc, m] = filter.shape;
  if (fh !== 3 || fw !== 3 || fc !== c || m !== 1) throw new Error(`depthwiseConv3x3: filter must be [3, 3, ${c}, 1], got [${filter.shape}]`);
  if (stride === 2 && (h % 2 !== 0 || w % 2 !== 0)) throw new Error(`depthwiseConv3x3: stride 2 needs an even grid, got ${h}x${w}`);
  return tf.tidy(() => {
    const taps = tf.reshape(filter, [9, c]); // tap i * 3 + j = filter[i, j, :, 0]
    const tap = (i: number, j: number) => tf.slice(taps, [i * 3 + j, 0], [1, c]);
    const terms: tf.Tensor4D[] = [];
    if (stride === 1) {
      // SAME, stride 1: one zero row/column on each side; tap (i, j) reads x[y + i - 1, x + j - 1].
      const p = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) terms.push(tf.mul(tf.slice(p, [0, i, j, 0], [b, h, w, c]), tap(i, j)));
    } else {
      // SAME, stride 2 on an even grid pads bottom/right by 1 (top/left 0): output y reads rows 2y + i.
      // Padding by 2 makes the sides even, so rows split into (pair, phase) = (y + (i >> 1), i & 1);
      // the second extra row is never read. Columns likewise, with the phase folded into channels.
      const [ho, wo] = [h / 2, w / 2];
      const p = tf.reshape(tf.pad(x, [[0, 0], [0, 2], [0, 2], [0, 0]]), [b, ho + 1, 2, wo + 1, 2 * c]);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const s = tf.slice(p, [0, i >> 1, i & 1, j >> 1, (j & 1) * c], [b, ho, 1, wo, c]);
          terms.push(tf.mul(tf.reshape(s, [b, ho, wo, c]), tap(i, j)));
        }
      }
    }
    return tf.addN(terms);
  });
}
