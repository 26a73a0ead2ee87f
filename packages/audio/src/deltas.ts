/**
 * Appends regression deltas (and delta-deltas for order 2) along time:
 * d[t] = sum_{n=1..N} n (c[t+n] - c[t-n]) / (2 sum n^2), frames clamped at the edges (HTK/Kaldi).
 * `data` is [frames, dim] row-major; returns [frames, dim * (1 + order)].
 */
export function addDeltas(data: Float32Array, frames: number, dim: number, order: 0 | 1 | 2, window = 2): Float32Array {
  if (order === 0) return data.slice();
  const d1 = delta(data, frames, dim, window);
  const parts = order === 2 ? [data, d1, delta(d1, frames, dim, window)] : [data, d1];
  const outDim = dim * parts.length;
  const out = new Float32Array(frames * outDim);
  for (let t = 0; t < frames; t++) {
    parts.forEach((p, k) => out.set(p.subarray(t * dim, (t + 1) * dim), t * outDim + k * dim));
  }
  return out;
}

function delta(c: Float32Array, frames: number, dim: number, N: number): Float32Array {
  let denom = 0;
  for (let n = 1; n <= N; n++) denom += 2 * n * n;
  const out = new Float32Array(frames * dim);
  const clamp = (t: number) => Math.min(frames - 1, Math.max(0, t));
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let n = 1; n <= N; n++) s += n * (c[clamp(t + n) * dim + j]! - c[clamp(t - n) * dim + j]!);
      out[t * dim + j] = s / denom;
    }
  }
  return out;
}
