import * as tf from '@tensorflow/tfjs';

/**
 * A minimal batched beam search for the bench (packages/search was not ready): fixed length, no
 * EOS handling or length penalty. Beams live as rows b·k + j of every tensor.
 */
export async function beamSearch<M extends { states: tf.Tensor3D; keys: tf.Tensor3D; bias: tf.Tensor2D; mask: tf.Tensor2D }>(o: {
  batch: number;
  k: number;
  steps: number;
  vocab: number;
  mem: M;
  h: tf.Tensor2D;
  c: tf.Tensor2D;
  step: (prev: tf.Tensor1D, st: { h: tf.Tensor2D; c: tf.Tensor2D }, mem: M) => { logits: tf.Tensor2D; h: tf.Tensor2D; c: tf.Tensor2D };
}): Promise<void> {
  const { batch: B, k: K, steps, vocab: V } = o;
  const expand = tf.tensor1d(Array.from({ length: B * K }, (_, i) => Math.floor(i / K)), 'int32');
  const mem = { ...o.mem, states: tf.gather(o.mem.states, expand), keys: tf.gather(o.mem.keys, expand), bias: tf.gather(o.mem.bias, expand), mask: tf.gather(o.mem.mask, expand) } as M;
  let st = { h: tf.gather(o.h, expand) as tf.Tensor2D, c: tf.gather(o.c, expand) as tf.Tensor2D };
  // Only beam 0 is live at the start so the k beams do not start as copies.
  let scores = tf.tidy(() => tf.tile(tf.tensor2d([[0, ...Array(K - 1).fill(-1e9)]]), [B, 1]) as tf.Tensor2D);
  const start = tf.fill([B * K], 1, 'int32') as tf.Tensor1D;
  let prev = start;
  const rowBase = tf.tensor2d(Array.from({ length: B * K }, (_, i) => Math.floor(i / K) * K), [B, K], 'int32');
  const history: tf.Tensor[] = [];
  for (let s = 0; s < steps; s++) {
    const r = o.step(prev, st, mem);
    const next = tf.tidy(() => {
      const total = tf.add(tf.logSoftmax(r.logits), scores.reshape([B * K, 1])).reshape([B, K * V]);
      const { values, indices } = tf.topk(total, K);
      const beamIdx = tf.add(tf.floorDiv(indices, V).cast("int32"), rowBase).reshape([B * K]) as tf.Tensor1D;
      const tok = tf.mod(indices, V).reshape([B * K]).cast('int32') as tf.Tensor1D;
      return { values, beamIdx, tok, h: tf.gather(r.h, beamIdx) as tf.Tensor2D, c: tf.gather(r.c, beamIdx) as tf.Tensor2D };
    });
    tf.dispose([r, st, scores]);
    history.push(next.beamIdx, next.tok);
    st = { h: next.h, c: next.c };
    scores = next.values as tf.Tensor2D;
    prev = next.tok;
  }
  await scores.data();
  tf.dispose([history, st, scores, expand, rowBase, start, mem.states, mem.keys, mem.bias, mem.mask]);
}
