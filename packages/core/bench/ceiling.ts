import * as tf from '@tensorflow/tfjs';

/**
 * The matMul ceiling of the reference model on this backend: every matrix product of one training
 * step (forward shapes; the backward pass does twice the forward work at the transposed shapes),
 * timed alone at its own shape. A training step can never be faster than the sum of these, so
 * `ceilingTrainTokensPerSec` bounds `trainTokensPerSec` from above whatever the rest costs.
 * `ceilingGreedyTokensPerSec` does the same for greedy decoding of 64 sentences (encoder, then one
 * [64, .] product per layer and step; the decoder's input projection is a table lookup there).
 */
const [B, S, T, E, H, V] = [64, 20, 20, 128, 256, 1000];

/**
 * [label, batch, M, K, N, times per forward pass]. Attention scores and context (4BTSH, under 2% of
 * the FLOPs) are left out: they are elementwise products and sums here, not matMuls, and leaving
 * work out keeps the ceiling an upper bound.
 */
type Product = [string, number, number, number, number, number];
const PRODUCTS: Product[] = [
  ['input projections (enc+dec)', 1, B * S, E, 4 * H, 2],
  ['recurrent step (enc+dec)', 1, B, H, 4 * H, S + T],
  ['attention keys', 1, B * S, H, H, 1],
  ['attentional combine', 1, B * T, 2 * H, H, 1],
  ['output projection', 1, B * T, H, V, 1],
];

/** Greedy decoding, forward only: [label, batch, M, K, N, times per batch of 64 sentences]. */
const GREEDY_PRODUCTS: Product[] = [
  ['encoder input projection', 1, B * S, E, 4 * H, 1],
  ['encoder recurrent step', 1, B, H, 4 * H, S],
  ['attention keys', 1, B * S, H, H, 1],
  ['decoder recurrent step', 1, B, H, 4 * H, T],
  ['attentional combine step', 1, B, 2 * H, H, T],
  ['output projection step', 1, B, H, V, T],
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

/** Seconds and FLOPs of a list of products (each `passes` times: 3 for forward + backward). */
async function timeProducts(products: Product[], passes: number, rates: Record<string, number>) {
  let seconds = 0;
  let flops = 0;
  for (const [label, batch, m, k, n, times] of products) {
    const s = await secondsPerProduct(batch, m, k, n);
    const f = 2 * batch * m * k * n;
    rates[label] = +(f / s / 1e9).toFixed(1);
    seconds += passes * times * s;
    flops += passes * times * f;
  }
  return { seconds, flops };
}

export async function matmulCeiling(): Promise<Record<string, unknown>> {
  const rates: Record<string, number> = {};
  const train = await timeProducts(PRODUCTS, 3, rates);
  const greedy = await timeProducts(GREEDY_PRODUCTS, 1, rates);
  return {
    matmulGflopsByShape: rates,
    matmulGflopsStep: +(train.flops / train.seconds / 1e9).toFixed(1),
    ceilingTrainTokensPerSec: Math.round((B * T) / train.seconds),
    ceilingGreedyTokensPerSec: Math.round((B * T) / greedy.seconds),
  };
}
