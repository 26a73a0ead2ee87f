import { resample } from '@seq2seq/audio';

/** Random draws used by the mixer (a seeded generator in practice). */
export type Rand = () => number;

export interface MixOptions {
  sampleRate: number;
  /** Silence between clips, ms, drawn uniformly. Default [50, 300]. */
  pauseMs?: [number, number];
  /** Silence before the first and after the last clip, ms. Default [0, 150]. */
  edgeMs?: [number, number];
  /** White-noise level relative to the speech RMS, dB (e.g. -35 = light). Default [-45, -25]. */
  noiseDb?: [number, number];
  /** Speed perturbation factors, one drawn per utterance (Kaldi uses 0.9/1.0/1.1). Default [1]. */
  speeds?: readonly number[];
  /** Overall gain, dB, drawn uniformly. Default [0, 0]. */
  gainDb?: [number, number];
}

const uniform = (rand: Rand, [lo, hi]: [number, number]): number => lo + (hi - lo) * rand();

/**
 * Concatenates clips with random pauses, applies one speed factor (resampling: tempo and pitch
 * change together) and gain, and adds white noise at a level relative to the speech RMS.
 */
export function mixClips(clips: readonly Float32Array[], rand: Rand, o: MixOptions): Float32Array {
  const sr = o.sampleRate;
  const gap = () => Math.round((uniform(rand, o.pauseMs ?? [50, 300]) * sr) / 1000);
  const edge = () => Math.round((uniform(rand, o.edgeMs ?? [0, 150]) * sr) / 1000);
  const gaps = clips.map((_, i) => (i === 0 ? 0 : gap()));
  const lead = edge();
  const tail = edge();
  const total = lead + tail + clips.reduce((n, c, i) => n + c.length + gaps[i]!, 0);
  let x: Float32Array = new Float32Array(total);
  let at = lead;
  clips.forEach((c, i) => {
    at += gaps[i]!;
    x.set(c, at);
    at += c.length;
  });
  const speeds = o.speeds ?? [1];
  const speed = speeds[Math.floor(rand() * speeds.length)] ?? 1;
  // Played `speed` times faster: treat the samples as recorded at sr*speed and bring them back to sr.
  if (speed !== 1) x = resample(x, Math.round(sr * speed), sr);
  const gain = 10 ** (uniform(rand, o.gainDb ?? [0, 0]) / 20);
  let energy = 0;
  for (const s of x) energy += s * s;
  const rms = Math.sqrt(energy / Math.max(1, x.length));
  const noise = rms * 10 ** (uniform(rand, o.noiseDb ?? [-45, -25]) / 20);
  for (let i = 0; i < x.length; i++) x[i] = Math.max(-1, Math.min(1, gain * (x[i]! + noise * gaussian(rand))));
  return x;
}

/** Standard normal draw (Box-Muller). */
function gaussian(rand: Rand): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
