/**
 * Per-utterance mean and variance normalisation (CMVN) of each channel, in place on [frames, dim].
 * A constant channel (e.g. silence) gets only its mean removed: dividing by ~0 would blow it up.
 */
export function normalizeUtterance(data: Float32Array, frames: number, dim: number, eps = 1e-5): Float32Array {
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let t = 0; t < frames; t++) mean += data[t * dim + j]!;
    mean /= frames;
    let v = 0;
    for (let t = 0; t < frames; t++) v += (data[t * dim + j]! - mean) ** 2;
    const std = Math.sqrt(v / frames);
    const inv = std > eps ? 1 / std : 1;
    for (let t = 0; t < frames; t++) data[t * dim + j] = (data[t * dim + j]! - mean) * inv;
  }
  return data;
}
