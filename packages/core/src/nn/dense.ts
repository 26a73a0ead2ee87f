import * as tf from '@tensorflow/tfjs';
import type { ParamStore } from '../params.js';

export interface DenseParams {
  /** [In, Out] */
  kernel: tf.Variable;
  /** [Out] */
  bias?: tf.Variable;
}

export function createDense(store: ParamStore, name: string, inDim: number, outDim: number, useBias = true): DenseParams {
  const s = store.scope(name);
  const kernel = s.variable('kernel', [inDim, outDim], { kind: 'glorot' });
  return useBias ? { kernel, bias: s.variable('bias', [outDim], { kind: 'zeros' }) } : { kernel };
}

/** x [..., In] -> [..., Out]; reshapes rank > 2 to one matMul. */
export function dense(x: tf.Tensor, p: DenseParams): tf.Tensor {
  return tf.tidy(() => {
    const inDim = p.kernel.shape[0] as number;
    const outDim = p.kernel.shape[1] as number;
    const lead = x.shape.slice(0, -1);
    const x2 = x.rank === 2 ? (x as tf.Tensor2D) : x.reshape([-1, inDim]);
    const a = x2 as tf.Tensor2D;
    const b = p.kernel as tf.Tensor2D;
    // Inference: bias inside the matMul kernel, one dispatch instead of two (decoding latency).
    const y = !p.bias ? tf.matMul(a, b) : tf.engine().isTapeOn() ? tf.add(tf.matMul(a, b), p.bias) : tf.fused.matMul({ a, b, bias: p.bias });
    return x.rank === 2 ? y : y.reshape([...lead, outDim]);
  });
}
