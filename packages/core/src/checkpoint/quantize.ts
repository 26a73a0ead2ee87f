/**
 * Weight quantisation in the tf.io manifest format (`quantization: {dtype: 'float16'}` or
 * `{dtype: 'uint8', min, scale}`), so shipped checkpoints are small and any TF.js loader reads them
 * back as float32. Encoding is ours (tf.io only decodes); decoding is tf.io's.
 */

/** How float32 weights are stored on disk. int32 tensors are always stored as they are. */
export type WeightsDtype = 'float32' | 'float16' | 'uint8';
export const WEIGHTS_DTYPES: readonly WeightsDtype[] = ['float32', 'float16', 'uint8'];

/** The manifest's `quantization` entry for one tensor. */
export type Quantization = { dtype: 'float16' } | { dtype: 'uint8'; min: number; scale: number };

/** Bytes per stored value. */
export const QUANTIZED_BYTES: Record<Quantization['dtype'], number> = { float16: 2, uint8: 1 };

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half precision, round to nearest even; overflow -> +-Inf, tiny values -> subnormals or 0. */
export function float32ToFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i]!;
    const x = u32[0]!;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0); // Inf or NaN
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000; // implicit leading 1
      const shift = 14 - e;
      let half = mant >>> shift;
      const rest = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rest > halfway || (rest === halfway && (half & 1))) half++;
      out[i] = sign | half;
      continue;
    }
    let half = (e << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    if (rest > 0x1000 || (rest === 0x1000 && (half & 1))) half++; // may carry into the exponent: still right
    out[i] = sign | half;
  }
  return out;
}

/**
 * Affine uint8 over the tensor's range: v ~= q * scale + min. `min` and `max` are nudged so that 0
 * is exactly representable (zero biases and padding rows stay exactly zero).
 */
export function quantizeUint8(values: Float32Array): { data: Uint8Array; min: number; scale: number } {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let scale = (hi - lo) / 255;
  if (!(scale > 0) || !Number.isFinite(scale)) scale = 1;
  const zero = Math.round(-lo / scale);
  const min = -zero * scale;
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round((values[i]! - min) / scale);
    data[i] = q < 0 ? 0 : q > 255 ? 255 : q;
  }
  return { data, min: Math.fround(min), scale: Math.fround(scale) };
}

/** Stores float32 values as `dtype`; returns the bytes and the manifest's quantization entry. */
export function quantizeValues(values: Float32Array, dtype: 'float16' | 'uint8'): { bytes: Uint8Array; quantization: Quantization } {
  if (dtype === 'float16') {
    const half = float32ToFloat16(values);
    return { bytes: new Uint8Array(half.buffer, half.byteOffset, half.byteLength), quantization: { dtype: 'float16' } };
  }
  const { data, min, scale } = quantizeUint8(values);
  return { bytes: data, quantization: { dtype: 'uint8', min, scale } };
}
