import * as tf from '@tensorflow/tfjs';
import { NATIVE_LSTM_GRAD_KERNEL, NATIVE_LSTM_KERNEL, nativeEnabled } from '../backend/native-state.js';
import { fusable, LSTM_CELL_KERNEL, lstmCellFused } from './fused-kernels.js';
import { valuesIfSync } from './host-read.js';

/**
 * A whole masked LSTM layer as one tf.customGrad op: the forward loop runs with the tape off, and
 * the backward pass is written out (one transposed-recurrent matMul per step, then dU as one big
 * matMul over all steps). Gate order i, f, g, o as in LstmParams. tanh is computed as
 * 2·sigmoid(2x) − 1 (absolute error ~1e-7): the wasm tanh is a scalar libm loop ~7x slower than
 * XNNPACK's sigmoid.
 *
 * proj [B, T, 4H] input projections (bias included), recurrent [H, 4H], mask [B, T] (1 = real;
 * padded steps keep the state), reverse: run from T-1 to 0.
 * Returns outputs [B, T, H] (zero at padding), final h and c [B, H].
 */
export function lstmLayer(
  proj: tf.Tensor3D,
  recurrent: tf.Tensor2D,
  mask: tf.Tensor2D,
  reverse = false,
  /** start state [B, H] each; zeros when absent */
  initial?: { h: tf.Tensor2D; c: tf.Tensor2D },
): { outputs: tf.Tensor3D; h: tf.Tensor2D; c: tf.Tensor2D } {
  const [b, t, g4] = proj.shape;
  const units = g4 / 4;
  if (fusable(LSTM_CELL_KERNEL, b * units)) return lstmLayerInference(proj, recurrent, mask, reverse, initial);
  if (tf.getBackend() === 'wasm' && nativeEnabled() && tf.getKernel(NATIVE_LSTM_KERNEL, 'wasm') && proj.dtype === 'float32' && recurrent.dtype === 'float32') return lstmLayerNative(proj, recurrent, mask, reverse, initial);
  // Undefined where the backend cannot read synchronously (webgpu): then every step is masked.
  const maskVals = valuesIfSync(mask);
  // Per step: undefined when every row is real there (no masking ops), else the [B, 1] mask.
  const stepMask: (tf.Tensor2D | undefined)[] = [];
  let anyPad = false;
  const keep: tf.Tensor[] = [];
  const maskF = mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
  if (maskF !== mask) keep.push(maskF);
  for (let i = 0; i < t; i++) {
    let full = maskVals !== undefined;
    for (let r = 0; full && r < b; r++) if (maskVals![r * t + i] !== 1) full = false;
    if (full) stepMask.push(undefined);
    else {
      anyPad = true;
      const m = tf.slice(maskF, [0, i], [b, 1]);
      keep.push(m);
      stepMask.push(m);
    }
  }
  const order = [...Array(t).keys()];
  if (reverse) order.reverse();

  // tf.customGrad supports several outputs at runtime; its typing only says one.
  const body = (projIn: tf.Tensor, uIn: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, save: tf.GradSaveFunc) => {
    const scale = gateScale(units);
    const u = tf.mul(uIn, scale) as tf.Tensor2D;
    // [T, B, 4H]: time-major so each step's slice is contiguous.
    const projT = tf.mul(tf.transpose(projIn, [1, 0, 2]), scale);
    const steps = tf.unstack(projT) as tf.Tensor2D[];
    let h = h0 as tf.Tensor2D;
    let c = c0 as tf.Tensor2D;
    const outs: tf.Tensor2D[] = new Array(t);
    const saved: tf.Tensor[] = [];
    for (const i of order) {
      const a = tf.sigmoid(tf.add(tf.matMul(h, u), steps[i]!)) as tf.Tensor2D;
      const [ai, af, ag, ao] = tf.split(a, 4, 1) as tf.Tensor2D[];
      const gg = tf.sub(tf.mul(ag!, 2), 1);
      let cn = tf.add(tf.mul(af!, c), tf.mul(ai!, gg)) as tf.Tensor2D;
      const tc = tanhViaSigmoid(cn);
      let hn = tf.mul(ao!, tc) as tf.Tensor2D;
      saved.push(a, gg, tc, h, c);
      const m = stepMask[i];
      if (m) {
        hn = tf.add(h, tf.mul(m, tf.sub(hn, h))) as tf.Tensor2D;
        cn = tf.add(c, tf.mul(m, tf.sub(cn, c))) as tf.Tensor2D;
      }
      h = hn;
      c = cn;
      outs[i] = h;
    }
    let outputs = tf.stack(outs, 1) as tf.Tensor3D;
    if (anyPad) outputs = tf.mul(outputs, maskF.expandDims(2)) as tf.Tensor3D;
    // Masks go through save() too: the caller may dispose its mask before the backward pass.
    const masks = stepMask.filter((m): m is tf.Tensor2D => m !== undefined);
    save([u, maskF, ...masks, ...saved]);
    // customGrad takes one output tensor: outputs, h and c packed as [B, T + 2, H].
    return {
      value: tf.concat([outputs, h.expandDims(1), c.expandDims(1)], 1),
      gradFunc: (dy: tf.Tensor, sv: tf.Tensor[]) => backward(tf.split(dy, [t, 1, 1], 1), sv, { b, t, units, order, padded: stepMask.map((m) => m !== undefined), anyPad }),
    };
  };
  return runPacked(body, proj, recurrent, initial, [b, t, units], keep);
}

/**
 * lstmLayer when no gradient is recorded and the batch is small (decoding): per step one matMul
 * and one fused cell kernel, which reads the step's input projection and mask in place and keeps
 * the state of padded rows.
 */
function lstmLayerInference(proj: tf.Tensor3D, recurrent: tf.Tensor2D, mask: tf.Tensor2D, reverse: boolean, initial?: { h: tf.Tensor2D; c: tf.Tensor2D }) {
  return tf.tidy(() => {
    const [b, t, g4] = proj.shape;
    const units = g4 / 4;
    const maskF = tf.cast(mask, 'float32') as tf.Tensor2D;
    const full = maskF.min().dataSync()[0] === 1;
    let h = initial?.h ?? (tf.zeros([b, units]) as tf.Tensor2D);
    let c = initial?.c ?? (tf.zeros([b, units]) as tf.Tensor2D);
    const outs: tf.Tensor2D[] = new Array(t);
    for (let k = 0; k < t; k++) {
      const i = reverse ? t - 1 - k : k;
      ({ h, c } = lstmCellFused(tf.matMul(h, recurrent), h, c, { x: proj, step: i, ...(full ? {} : { mask: maskF }) }));
      outs[i] = h;
    }
    // [B, T·H] -> [B, T, H]: two calls where tf.stack makes T + 1.
    let outputs = tf.reshape(tf.concat(outs, 1), [b, t, units]) as tf.Tensor3D;
    if (!full) outputs = tf.mul(outputs, maskF.expandDims(2)) as tf.Tensor3D;
    return { outputs, h, c };
  });
}

/**
 * lstmLayer on the native addon (wasm + OpenBLAS): the forward pass and its gradient are one
 * native call each (per step: one sgemm and the gate arithmetic in C++; dU as one sgemm). Same
 * contract and custom gradient as the op path; real tanh instead of 2·sigmoid(2x) − 1.
 */
function lstmLayerNative(
  proj: tf.Tensor3D,
  recurrent: tf.Tensor2D,
  mask: tf.Tensor2D,
  reverse: boolean,
  initial?: { h: tf.Tensor2D; c: tf.Tensor2D },
): { outputs: tf.Tensor3D; h: tf.Tensor2D; c: tf.Tensor2D } {
  const [b, t, g4] = proj.shape;
  const units = g4 / 4;
  const keep: tf.Tensor[] = [];
  const maskF = mask.dtype === 'float32' ? mask : tf.cast(mask, 'float32');
  if (maskF !== mask) keep.push(maskF);
  const attrs = { reverse };
  const body = (projIn: tf.Tensor, uIn: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor, save: tf.GradSaveFunc) => {
    const [packed, gates, hPrev, cPrev, tc] = tf.engine().runKernel(NATIVE_LSTM_KERNEL, { proj: projIn, u: uIn, h0, c0, mask: maskF }, attrs) as tf.Tensor[];
    // The mask goes through save() too: the caller may dispose it before the backward pass.
    save([uIn, maskF, gates!, hPrev!, cPrev!, tc!]);
    return {
      value: packed!,
      gradFunc: (dy: tf.Tensor, sv: tf.Tensor[]) => {
        const [u, m, ga, hp, cp, th] = sv;
        const [dProj, dU, dState] = tf.engine().runKernel(NATIVE_LSTM_GRAD_KERNEL, { dy, u: u!, mask: m!, gates: ga!, hPrev: hp!, cPrev: cp!, tc: th! }, attrs) as tf.Tensor[];
        const [dh0, dc0] = tf.unstack(dState!);
        dState!.dispose();
        return [dProj!, dU!, dh0!, dc0!];
      },
    };
  };
  return runPacked(body, proj, recurrent, initial, [b, t, units], keep);
}

interface Ctx {
  b: number;
  t: number;
  units: number;
  order: number[];
  /** per step: whether it has padded rows (its [B, 1] mask is saved) */
  padded: boolean[];
  anyPad: boolean;
}


/**
 * Runs a packed LSTM body ([outputs; h; c] along time, one custom gradient) from `initial` or zeros,
 * splits the result, and frees `keep` (the caller's temporaries) whatever happens.
 */
function runPacked(body: unknown, proj: tf.Tensor3D, recurrent: tf.Tensor2D, initial: { h: tf.Tensor2D; c: tf.Tensor2D } | undefined, [b, t, units]: [number, number, number], keep: tf.Tensor[]) {
  const f = tf.customGrad(body as Parameters<typeof tf.customGrad>[0]);
  const h0 = initial?.h ?? tf.zeros([b, units]);
  const c0 = initial?.c ?? tf.zeros([b, units]);
  if (!initial) keep.push(h0, c0);
  try {
    const packed = f(proj, recurrent, h0, c0);
    const [outputs, h, c] = tf.split(packed, [t, 1, 1], 1);
    return { outputs: outputs as tf.Tensor3D, h: tf.squeeze(h!, [1]) as tf.Tensor2D, c: tf.squeeze(c!, [1]) as tf.Tensor2D };
  } finally {
    tf.dispose(keep);
  }
}
function backward(dys: tf.Tensor[], sv: tf.Tensor[], ctx: Ctx): tf.Tensor[] {
  const { b, t, units, order } = ctx;
  const u = sv[0] as tf.Tensor2D;
  const mask = sv[1] as tf.Tensor2D;
  const stepMask: (tf.Tensor | undefined)[] = [];
  let next = 2;
  for (const p of ctx.padded) stepMask.push(p ? sv[next++] : undefined);
  const first = next;
  const ut = tf.transpose(u) as tf.Tensor2D;
  let dOut = dys[0] as tf.Tensor3D;
  if (ctx.anyPad) dOut = tf.mul(dOut, mask.expandDims(2)) as tf.Tensor3D;
  const dOutSteps = tf.unstack(tf.transpose(dOut, [1, 0, 2])) as tf.Tensor2D[];
  let dh = tf.squeeze(dys[1]!, [1]) as tf.Tensor2D;
  let dc = tf.squeeze(dys[2]!, [1]) as tf.Tensor2D;
  const dz: tf.Tensor2D[] = new Array(t);
  const hPrev: tf.Tensor2D[] = new Array(t);
  for (let k = t - 1; k >= 0; k--) {
    const i = order[k]!;
    const base = first + 5 * k;
    const a = sv[base] as tf.Tensor2D;
    const gg = sv[base + 1] as tf.Tensor2D;
    const tc = sv[base + 2] as tf.Tensor2D;
    hPrev[i] = sv[base + 3] as tf.Tensor2D;
    const cPrev = sv[base + 4] as tf.Tensor2D;
    let dhN = tf.add(dh, dOutSteps[i]!) as tf.Tensor2D;
    let dcN = dc;
    let dhCarry: tf.Tensor2D | undefined;
    let dcCarry: tf.Tensor2D | undefined;
    const m = stepMask[i];
    if (m) {
      const keepM = tf.sub(1, m);
      dhCarry = tf.mul(dhN, keepM) as tf.Tensor2D;
      dcCarry = tf.mul(dcN, keepM) as tf.Tensor2D;
      dhN = tf.mul(dhN, m) as tf.Tensor2D;
      dcN = tf.mul(dcN, m) as tf.Tensor2D;
    }
    const [ai, af, , ao] = tf.split(a, 4, 1) as tf.Tensor2D[];
    const dao = tf.mul(dhN, tc);
    const dcTot = tf.add(dcN, tf.mul(tf.mul(dhN, ao!), tf.sub(1, tf.square(tc))));
    const dai = tf.mul(dcTot, gg);
    const daf = tf.mul(dcTot, cPrev);
    // g = 2·sigmoid(.) − 1, so d/da_g = 2.
    const dag = tf.mul(tf.mul(dcTot, ai!), 2);
    const da = tf.concat([dai, daf, dag, dao], 1);
    const dzi = tf.mul(da, tf.mul(a, tf.sub(1, a))) as tf.Tensor2D;
    dz[i] = dzi;
    dc = tf.mul(dcTot, af!) as tf.Tensor2D;
    dh = tf.matMul(dzi, ut);
    if (dhCarry) dh = tf.add(dh, dhCarry);
    if (dcCarry) dc = tf.add(dc, dcCarry);
  }
  const scale = gateScale(units);
  // [B, T, 4H] and the recurrent gradient as one matMul over all B·T rows.
  const dzAll = tf.stack(dz, 1);
  const dProj = tf.mul(dzAll, scale);
  const hAll = tf.stack(hPrev, 1).reshape([b * t, units]) as tf.Tensor2D;
  const dU = tf.mul(tf.matMul(hAll, dzAll.reshape([b * t, 4 * units]) as tf.Tensor2D, true, false), scale);
  return [dProj, dU, dh, dc];
}

/** [4H]: 1 for the sigmoid gates, 2 for the candidate (tanh(x) = 2·sigmoid(2x) − 1). */
function gateScale(units: number): tf.Tensor1D {
  return tf.concat([tf.ones([2 * units]), tf.fill([units], 2), tf.ones([units])]) as tf.Tensor1D;
}

/** tanh(x) = 2·sigmoid(2x) − 1: three cheap XNNPACK ops instead of the wasm backend's slow tanh. */
export function tanhViaSigmoid<T extends tf.Tensor>(x: T): T {
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1) as T;
}
