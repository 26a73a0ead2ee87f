import * as tf from '@tensorflow/tfjs';
import { floatOutputs, inputData, type JsKernelBackend } from './js-kernel-io.js';

/**
 * Inference-only fused kernels in plain JS for the `cpu` and `wasm` backends: one LSTM cell
 * update and one attention step, each one kernel call instead of 10-20 small ops. At decoding
 * batch sizes the cost of a TF.js op is its dispatch (several microseconds), not its arithmetic,
 * so single-sentence latency is bound by the op count. The kernels have no gradient: callers use
 * them only when the tape is off (`fusable`) and the work is small enough that a scalar JS loop
 * beats XNNPACK's vectorised ops.
 */
export const LSTM_CELL_KERNEL = 'Seq2SeqLstmCell';
export const ATTEND_KERNEL = 'Seq2SeqAttendStep';

/**
 * Above this many (cost-weighted) elements per call the op path (vectorised wasm) is faster than
 * the JS loop. SEQ2SEQ_FUSED_MAX overrides it (0 turns the fused kernels off), for benchmarks.
 */
let fusedMaxElements = Number(globalThis.process?.env?.SEQ2SEQ_FUSED_MAX ?? 1 << 16);

/** Sets the size limit of fused calls (0 = never fuse); returns the previous one. */
export function setFusedMaxElements(n: number): number {
  const old = fusedMaxElements;
  fusedMaxElements = n;
  return old;
}

/** A float32 input's data (the fused kernels take float inputs only). */
function fview(b: JsKernelBackend, t: tf.TensorInfo): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`fused kernel: float32 input expected, got ${t.dtype}`);
  return inputData(b, t) as Float32Array;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

type Args = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: Record<string, unknown> };

/**
 * z [B, 4H] recurrent gate pre-activations h·U (order i, f, g, o), h, c [B, H], optional x (the
 * input projection added to z: [B, 4H], or [B, T, 4H] read at time `step`), optional mask ([B], or
 * [B, T] read at `step`; 1 = real, a row with 0 keeps its state) -> [h', c']. Reading x and the
 * mask at a step saves the caller a slice and an add per step. Reads every input before writing
 * (outputs are fresh buffers).
 */
function lstmCell({ inputs, backend, attrs }: Args): tf.TensorInfo[] {
  const b = backend as JsKernelBackend;
  const [rows, units] = inputs.h!.shape as [number, number];
  const step = Number(attrs?.step ?? 0);
  const out = floatOutputs(b, [[rows, units], [rows, units]]);
  const [z, h, c] = [fview(b, inputs.z!), fview(b, inputs.h!), fview(b, inputs.c!)];
  const x = inputs.x ? fview(b, inputs.x) : undefined;
  const xSteps = inputs.x?.shape.length === 3 ? inputs.x.shape[1]! : 1;
  const m = inputs.mask ? fview(b, inputs.mask) : undefined;
  const mSteps = inputs.mask?.shape.length === 2 ? inputs.mask.shape[1]! : 1;
  const [ho, co] = out.data as [Float32Array, Float32Array];
  for (let r = 0; r < rows; r++) {
    const zr = r * 4 * units;
    const o = r * units;
    if (m && m[r * mSteps + step] === 0) {
      ho.set(h.subarray(o, o + units), o);
      co.set(c.subarray(o, o + units), o);
      continue;
    }
    const xr = (r * xSteps + step) * 4 * units;
    // Gate pre-activation k of unit j: z + x (x absent: 0).
    const gate = (k: number, j: number) => z[zr + k * units + j]! + (x ? x[xr + k * units + j]! : 0);
    for (let j = 0; j < units; j++) {
      const cn = sigmoid(gate(1, j)) * c[o + j]! + sigmoid(gate(0, j)) * Math.tanh(gate(2, j));
      co[o + j] = cn;
      ho[o + j] = sigmoid(gate(3, j)) * Math.tanh(cn);
    }
  }
  return out.infos;
}

/**
 * One query per row: q [B, K], keys [B, S, K], values [B, S, D], mask [B, S] (1 = real) ->
 * [weights [B, S], context [B, D]]. Scores q·key, softmax over the real positions; padded
 * positions get weight 0, and a row with none real gets all-zero weights (as maskedSoftmax).
 */
function attendStep({ inputs, backend }: Args): tf.TensorInfo[] {
  const b = backend as JsKernelBackend;
  const [rows, len, k] = inputs.keys!.shape as [number, number, number];
  const d = inputs.values!.shape[2]!;
  const out = floatOutputs(b, [[rows, len], [rows, d]]);
  const [q, keys, values, mask] = [fview(b, inputs.q!), fview(b, inputs.keys!), fview(b, inputs.values!), fview(b, inputs.mask!)];
  const [w, ctx] = out.data as [Float32Array, Float32Array];
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let s = 0; s < len; s++) {
      if (mask[r * len + s] === 0) continue;
      let dot = 0;
      const kb = (r * len + s) * k;
      for (let j = 0; j < k; j++) dot += q[r * k + j]! * keys[kb + j]!;
      w[r * len + s] = dot;
      if (dot > max) max = dot;
    }
    let sum = 0;
    for (let s = 0; s < len; s++) {
      const e = mask[r * len + s] === 0 ? 0 : Math.exp(w[r * len + s]! - max);
      w[r * len + s] = e;
      sum += e;
    }
    const cb = r * d;
    for (let j = 0; j < d; j++) ctx[cb + j] = 0;
    for (let s = 0; s < len; s++) {
      const p = sum > 0 ? w[r * len + s]! / sum : 0;
      w[r * len + s] = p;
      if (p === 0) continue;
      const vb = (r * len + s) * d;
      for (let j = 0; j < d; j++) ctx[cb + j]! += p * values[vb + j]!;
    }
  }
  return out.infos;
}

for (const backendName of ['cpu', 'wasm']) {
  for (const [kernelName, kernelFunc] of [[LSTM_CELL_KERNEL, lstmCell], [ATTEND_KERNEL, attendStep]] as const) {
    if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}

/**
 * Relative JS cost per element: an LSTM cell element takes 5 transcendental functions, an
 * attention element one multiply-add. Measured on 2 wasm threads: greedy decoding of 64 sentences
 * (64 x 256 cell elements) was ~25% slower with the fused cell than with vectorised ops, while one
 * sentence (20 x 512 attention elements) was ~2.5x faster fused.
 */
const COST: Record<string, number> = { [LSTM_CELL_KERNEL]: 16, [ATTEND_KERNEL]: 1 };

/** Whether a fused kernel may run now: no gradient is being recorded, the backend has it, and the call is small. */
export function fusable(kernel: string, elements: number): boolean {
  return elements * (COST[kernel] ?? 1) <= fusedMaxElements && !tf.engine().isTapeOn() && tf.getKernel(kernel, tf.getBackend()) !== undefined;
}

/** What the fused cell adds to h·U and which rows it updates (see `lstmCell`). */
export interface FusedCellExtras {
  /** Input projection: [B, 4H], or [B, T, 4H] read at `step`. */
  x?: tf.Tensor2D | tf.Tensor3D;
  /** float32, 1 = real: [B], or [B, T] read at `step`. Absent: every row real. */
  mask?: tf.Tensor1D | tf.Tensor2D;
  /** Time index into a [B, T, 4H] x or a [B, T] mask. Default 0. */
  step?: number;
}

/** Fused LSTM cell (see `lstmCell`): z = h·U [B, 4H] plus `extras.x` -> the next h, c. */
export function lstmCellFused(z: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D, extras: FusedCellExtras = {}): { h: tf.Tensor2D; c: tf.Tensor2D } {
  const inputs: tf.NamedTensorMap = { z, h, c };
  if (extras.x) inputs.x = extras.x;
  if (extras.mask) inputs.mask = extras.mask;
  const [hn, cn] = tf.engine().runKernel(LSTM_CELL_KERNEL, inputs, { step: extras.step ?? 0 }) as tf.Tensor2D[];
  return { h: hn!, c: cn! };
}

/** Fused attention step (see `attendStep`). */
export function attendFused(q: tf.Tensor2D, keys: tf.Tensor3D, values: tf.Tensor3D, mask: tf.Tensor2D): { weights: tf.Tensor2D; context: tf.Tensor2D } {
  const [weights, context] = tf.engine().runKernel(ATTEND_KERNEL, { q, keys, values, mask }, {}) as tf.Tensor2D[];
  return { weights: weights!, context: context! };
}
