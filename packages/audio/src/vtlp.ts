/**
 * Vocal tract length perturbation (Jaitly & Hinton 2013): the spectrum's frequency axis is warped by
 * a factor alpha (about 0.9-1.1) below a boundary and linearly above it, so Nyquist stays put.
 * Formants move as they do between speakers with longer or shorter vocal tracts, which is what
 * separates e.g. "six" from "eight" across speakers; speed perturbation moves them too, but only
 * together with the tempo.
 */
export function vtlpWarp(f: number, alpha: number, nyquist: number, boundaryHz = 0.8 * nyquist): number {
  const knee = boundaryHz * Math.min(alpha, 1);
  const fHi = knee / alpha;
  if (f <= fHi) return f * alpha;
  return nyquist - ((nyquist - knee) / (nyquist - fHi)) * (nyquist - f);
}

/**
 * A mel filter bank over FFT bins, warped: the warped filter m at bin k weighs the power that the
 * original filter would weigh at frequency warp(f_k). Applying it equals filtering a spectrum whose
 * energy at f has moved to warp(f).
 */
export function warpFilterBank(bank: readonly (readonly number[])[], alpha: number, sampleRate: number, fftSize: number): number[][] {
  const nyquist = sampleRate / 2;
  const binHz = sampleRate / fftSize;
  return bank.map((filter) =>
    filter.map((_, k) => {
      const pos = vtlpWarp(k * binHz, alpha, nyquist) / binHz;
      const i = Math.floor(pos);
      const t = pos - i;
      const a = filter[i] ?? 0;
      const b = filter[i + 1] ?? 0;
      return a + t * (b - a);
    }),
  );
}
