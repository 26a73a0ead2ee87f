import * as tf from '@tensorflow/tfjs';

/**
 * The matMul ceiling of the reference model on this backend: every matrix product of one training
 * step (forward shapes; the backward pass does twice the forward work at the transposed shapes),
 * timed alone at its own shape. A training step can never be faster than the sum of these, so
 * `ceilingTrainTokensPerSec` bounds `trainTokensPerSec` from above whatever the rest costs.
 */
const [B, S, T, E, H, V] = [64, 20, 20, 128, 256, 1000];

/**
 * [label, batch, M, K, N, times per forward pass]. Attention scores and context (4BTSH, under 2% of
 * the FLOPs) are left out: they are elementwise products and sums here, not matMuls, and leaving
 * work out keeps the ceiling an upper bound.
 */
const PRODUCTS: [string, number, number, number, number, number][] = [
  ['input projections (enc+dec)', 1, B * S, E, 4 * H, 2],
  ['recurrent step (enc+dec)', 1, B, H, 4 * H, S + T],
  ['attention keys', 1, B * S, H, H, 1],
  ['attentional combine', 1, B * T, 2 * H, H, 1],
  ['output projection', 1, B * T, H, V, 1],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function secondsPerProduct(batch: number, m: number, k: number, n: number): Promise<number> {
  const a = tf.randomNormal(batch === 1 ? [m, k] : [batch, m, k]);
  const b = tf.randomNormal(batch === 1 ? [k, n] : [batch, k, n]);
  const reps = Math.max(3, Math.round(2e8 / (2 * batch * m * k * n)));
  const once = async () => {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).dispose();
    await tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D).data();
    return (performance.now() - t0) / 1000 / (reps + 1);
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await once());
  tf.dispose([a, b]);
  return median(times);
}

export async function matmulCeiling(): Promise<Record<string, unknown>> {
  let seconds = 0;
  let flops = 0;
  const rates: Record<string, number> = {};
  for (const [label, batch, m, k, n, times] of PRODUCTS) {
    const s = await secondsPerProduct(batch, m, k, n);
    const f = 2 * batch * m * k * n;
    rates[label] = +(f / s / 1e9).toFixed(1);
    seconds += 3 * times * s;
    flops += 3 * times * f;
  }
  return {
    matmulGflopsByShape: rates,
    matmulGflopsStep: +(flops / seconds / 1e9).toFixed(1),
    ceilingTrainTokensPerSec: Math.round((B * T) / seconds),
  };
}
