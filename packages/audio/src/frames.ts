/** Samples per window and per hop at `sampleRate` (rounded), and the FFT size (next power of two). */
export function frameGeometry(sampleRate: number, frameMs: number, hopMs: number): { frameLength: number; hop: number; fftSize: number } {
  const frameLength = Math.max(1, Math.round((sampleRate * frameMs) / 1000));
  const hop = Math.max(1, Math.round((sampleRate * hopMs) / 1000));
  let fftSize = 2;
  while (fftSize < frameLength) fftSize *= 2;
  return { frameLength, hop, fftSize };
}

/**
 * F = 1 + floor((N - L) / H) whole frames (Kaldi's snip-edges convention: no frame runs past the
 * end), but at least 1 so a clip shorter than one window still yields a (zero-padded) frame.
 */
export function numFrames(numSamples: number, frameLength: number, hop: number): number {
  if (numSamples <= frameLength) return 1;
  return 1 + Math.floor((numSamples - frameLength) / hop);
}

export function makeWindow(kind: 'hamming' | 'hann', n: number): Float32Array {
  const w = new Float32Array(n);
  const a = kind === 'hamming' ? 0.54 : 0.5;
  // Symmetric window over the frame (denominator n - 1), as in HTK/Kaldi.
  for (let i = 0; i < n; i++) w[i] = a - (1 - a) * Math.cos((2 * Math.PI * i) / Math.max(1, n - 1));
  return w;
}

/**
 * Frame f of x: samples [f*hop, f*hop + L) (zeros past the end), DC removed, pre-emphasised
 * (x[i] - p*x[i-1], first sample against itself, as Kaldi), windowed, scaled and zero-padded to
 * fftSize. `scale` lifts [-1, 1] audio to the 16-bit range, so meyda's ln(1 + E) behaves like ln E
 * above the noise floor (the same convention as Kaldi's int16 input).
 */
export function prepareFrame(x: Float32Array, f: number, hop: number, window: Float32Array, fftSize: number, preEmphasis: number, scale: number): Float32Array {
  const n = window.length;
  const start = f * hop;
  const buf = new Float32Array(fftSize);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[start + i] ?? 0;
  mean /= n;
  for (let i = 0; i < n; i++) buf[i] = (x[start + i] ?? 0) - mean;
  for (let i = n - 1; i > 0; i--) buf[i] = buf[i]! - preEmphasis * buf[i - 1]!;
  buf[0] = buf[0]! * (1 - preEmphasis);
  for (let i = 0; i < n; i++) buf[i] = buf[i]! * window[i]! * scale;
  return buf;
}
