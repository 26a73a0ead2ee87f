import * as tf from '@tensorflow/tfjs';
import { floatOutputs, inputData, type JsKernelBackend } from './js-kernel-io.js';

/**
 * Softmax cross-entropy as two JS kernels for cpu and wasm (the loss's forward and backward, see
 * loss.ts). The [N, V] logits are the largest tensors of a text model; the op path makes ~8 passes
 * over them, and the wasm backend's Exp is a scalar libm loop (~30-60 ns per element), where one
 * JS loop with Math.exp makes 3 passes at a few ns per element. No gradient is needed: the forward
 * runs inside the loss's customGrad and the backward inside its gradient function.
 */
export const XENT_FORWARD_KERNEL = 'Seq2SeqSoftmaxXent';
export const XENT_BACKWARD_KERNEL = 'Seq2SeqSoftmaxXentGrad';

type Args = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

/**
 * logits [N, V], targets [N] int32, weights [N], attr eps -> [probs [N, V], perToken [N]] with
 * perToken = w · ((1-eps)(logZ - x_y) + eps(logZ - mean x)), the label-smoothed NLL.
 */
function forward({ inputs, backend, attrs }: Args): tf.TensorInfo[] {
  const b = backend as JsKernelBackend;
  const [n, v] = inputs.logits!.shape as [number, number];
  const eps = attrs!.eps as number;
  const out = floatOutputs(b, [[n, v], [n]]);
  const x = inputData(b, inputs.logits!);
  const ids = inputData(b, inputs.targets!);
  const w = inputData(b, inputs.weights!);
  const [p, loss] = out.data as [Float32Array, Float32Array];
  for (let r = 0; r < n; r++) {
    const o = r * v;
    let max = -Infinity;
    let total = 0;
    for (let j = 0; j < v; j++) {
      const xj = x[o + j]!;
      if (xj > max) max = xj;
      total += xj;
    }
    let sum = 0;
    for (let j = 0; j < v; j++) {
      const e = Math.exp(x[o + j]! - max);
      p[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < v; j++) p[o + j]! *= inv;
    const logZ = Math.log(sum) + max;
    const y = ids[r]!;
    if (!(y >= 0 && y < v)) throw new Error(`cross-entropy: target id ${y} is not in [0, ${v - 1}]`);
    const nll = logZ - x[o + y]!;
    loss[r] = w[r]! * (eps > 0 ? (1 - eps) * nll + eps * (logZ - total / v) : nll);
  }
  return out.infos;
}

/** probs [N, V], targets [N] int32, scale [N] (weight x upstream gradient), attr eps -> (p - q) · scale. */
function backward({ inputs, backend, attrs }: Args): tf.TensorInfo {
  const b = backend as JsKernelBackend;
  const [n, v] = inputs.probs!.shape as [number, number];
  const eps = attrs!.eps as number;
  const out = floatOutputs(b, [[n, v]]);
  const p = inputData(b, inputs.probs!);
  const ids = inputData(b, inputs.targets!);
  const s = inputData(b, inputs.scale!);
  const g = out.data[0]!;
  const u = eps / v;
  for (let r = 0; r < n; r++) {
    const o = r * v;
    const sr = s[r]!;
    if (sr === 0) {
      g.fill(0, o, o + v);
      continue;
    }
    for (let j = 0; j < v; j++) g[o + j] = (p[o + j]! - u) * sr;
    g[o + ids[r]!]! -= (1 - eps) * sr;
  }
  return out.infos[0]!;
}

for (const backendName of ['cpu', 'wasm']) {
  for (const [kernelName, kernelFunc] of [[XENT_FORWARD_KERNEL, forward], [XENT_BACKWARD_KERNEL, backward]] as const) {
    if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}

let enabled = true;

/** Turns the JS kernels off (loss.ts then uses ops everywhere) or back on; returns the old setting. For tests and benchmarks. */
export function setXentKernels(on: boolean): boolean {
  const old = enabled;
  enabled = on;
  return old;
}

/** Whether the current backend has the JS cross-entropy kernels and they are on (else loss.ts uses ops). */
export function hasXentKernels(): boolean {
  return enabled && tf.getKernel(XENT_FORWARD_KERNEL, tf.getBackend()) !== undefined;
}
