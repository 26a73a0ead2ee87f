export interface ResampleOptions {
  /** Filter half-width in zero crossings of the sinc; higher = sharper, slower. Default 16. */
  zeroCrossings?: number;
  /** Low-pass cutoff as a fraction of the lower Nyquist frequency. Default 0.94. */
  rolloff?: number;
  /** Kaiser window beta (stop-band attenuation; 8.6 is about 90 dB). Default 8.6. */
  beta?: number;
}

/**
 * Band-limited resampling with a Kaiser-windowed sinc (the textbook method used by libsamplerate /
 * resampy). The low-pass cutoff sits below the lower of the two Nyquist frequencies, so
 * downsampling does not alias. Rates with a small rational ratio (every common pair) use a
 * precomputed polyphase table.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, options: ResampleOptions = {}): Float32Array {
  if (!(fromRate > 0 && toRate > 0)) throw new Error(`resample: rates must be positive, got ${fromRate} -> ${toRate}`);
  if (fromRate === toRate) return x.slice();
  const zc = options.zeroCrossings ?? 16;
  const cutoff = ((options.rolloff ?? 0.94) * Math.min(fromRate, toRate)) / fromRate; // relative to input rate, 1 = input Nyquist
  const beta = options.beta ?? 8.6;
  const half = Math.ceil(zc / cutoff); // taps on each side, in input samples
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  const outLen = Math.ceil((x.length * toRate) / fromRate);
  const i0b = besselI0(beta);
  const kernel = (d: number): number => {
    const r = d / (half + 1);
    if (Math.abs(r) >= 1) return 0;
    const w = besselI0(beta * Math.sqrt(1 - r * r)) / i0b;
    const a = Math.PI * cutoff * d;
    return cutoff * w * (a === 0 ? 1 : Math.sin(a) / a);
  };
  // Polyphase table: output j sits at input time j*down/up = k0 + p/up; taps k0-half+1 .. k0+half.
  const width = 2 * half;
  const table = Number.isInteger(up) && up <= 4096 ? new Float32Array(up * width) : undefined;
  if (table) for (let p = 0; p < up; p++) for (let m = 0; m < width; m++) table[p * width + m] = kernel(p / up - (m - half + 1));
  const y = new Float32Array(outLen);
  for (let j = 0; j < outLen; j++) {
    let k0: number;
    let p: number;
    let frac: number;
    if (table) {
      k0 = Math.floor((j * down) / up);
      p = j * down - k0 * up;
      frac = p / up;
    } else {
      const t = (j * fromRate) / toRate;
      k0 = Math.floor(t);
      p = 0;
      frac = t - k0;
    }
    let acc = 0;
    for (let m = 0; m < width; m++) {
      const k = k0 + m - half + 1;
      if (k < 0 || k >= x.length) continue; // zeros outside the signal
      acc += x[k]! * (table ? table[p * width + m]! : kernel(frac - (m - half + 1)));
    }
    y[j] = acc;
  }
  return y;
}

function gcd(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return 1;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}
