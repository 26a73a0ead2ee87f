import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { lstmLayer } from '../nn/lstm-layer.js';
import { compareWasmCpu, expectClose, rand, valueAndGrads } from './compare.test-helper.js';

const B = 3;
const T = 4;
const H = 5;
/** Row 1 has 2 real steps, row 2 has 3. */
const MASK = [1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0];

/** The plain autodiff LSTM the custom gradient must equal. */
function reference(proj: tf.Tensor, u: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, reverse: boolean): tf.Tensor {
  const mask = tf.tensor2d(MASK, [B, T]);
  let h = h0 as tf.Tensor2D;
  let c = c0 as tf.Tensor2D;
  const outs: tf.Tensor[] = new Array(T);
  for (let k = 0; k < T; k++) {
    const i = reverse ? T - 1 - k : k;
    const z = tf.add(tf.squeeze(tf.slice(proj, [0, i, 0], [B, 1, 4 * H]), [1]), tf.matMul(h, u as tf.Tensor2D));
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    const cn = tf.add(tf.mul(tf.sigmoid(zf!), c), tf.mul(tf.sigmoid(zi!), tf.tanh(zg!)));
    const hn = tf.mul(tf.sigmoid(zo!), tf.tanh(cn));
    const m = tf.slice(mask, [0, i], [B, 1]);
    h = tf.add(h, tf.mul(m, tf.sub(hn, h))) as tf.Tensor2D;
    c = tf.add(c, tf.mul(m, tf.sub(cn, c))) as tf.Tensor2D;
    outs[i] = tf.mul(h, m);
  }
  return tf.concat([tf.stack(outs, 1), h.expandDims(1), c.expandDims(1)], 1);
}

function fused(proj: tf.Tensor, u: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, reverse: boolean): tf.Tensor {
  const mask = tf.tensor2d(MASK, [B, T]);
  const r = lstmLayer(proj as tf.Tensor3D, u as tf.Tensor2D, mask, reverse, { h: h0 as tf.Tensor2D, c: c0 as tf.Tensor2D });
  return tf.concat([r.outputs, r.h.expandDims(1), r.c.expandDims(1)], 1);
}

const inputs = () => [rand(B * T * 4 * H, 1), rand(H * 4 * H, 2), rand(B * H, 3), rand(B * H, 4)];
const shapes = [[B, T, 4 * H], [H, 4 * H], [B, H], [B, H]];

describe('lstmLayer (custom gradient)', () => {
  for (const reverse of [false, true]) {
    it(`equals autodiff of the plain cell on cpu, masked, reverse=${reverse}`, async () => {
      const a = await valueAndGrads('cpu', inputs(), shapes, (p, u, h, c) => fused(p!, u!, h!, c!, reverse));
      const b = await valueAndGrads('cpu', inputs(), shapes, (p, u, h, c) => reference(p!, u!, h!, c!, reverse));
      expectClose(a, b);
    });
    it(`on wasm equals cpu, reverse=${reverse}`, async () => {
      await compareWasmCpu(inputs(), shapes, (p, u, h, c) => fused(p!, u!, h!, c!, reverse));
    });
  }
});
