import { addDeltas } from './deltas.js';
import { featureConfig, featureDim, type FeatureConfig } from './feature-config.js';
import { frameGeometry, makeWindow, numFrames, prepareFrame } from './frames.js';
import { meydaFrame, meydaMelBank } from './meyda.js';
import { normalizeUtterance } from './normalize.js';
import { resample } from './resample.js';
import { warpFilterBank } from './vtlp.js';

/** One utterance's features. */
export interface FeatureMatrix {
  /** [frames, dim] row-major */
  data: Float32Array;
  frames: number;
  dim: number;
}

/** Training-time perturbations of the front end. */
export interface FeatureAugment {
  /** VTLP warp factor (1 = none), e.g. drawn from [0.9, 1.1] per utterance; see vtlp.ts. */
  vtlp?: number;
}

/**
 * Mono samples at `sampleRate` -> features per `config`: resample to config.sampleRate, frame
 * (config.frameMs window, config.hopMs hop), meyda MFCC or log-mel per frame, deltas, then CMVN.
 */
export function extractFeatures(samples: Float32Array, sampleRate: number, config: Partial<FeatureConfig> = {}, augment: FeatureAugment = {}): FeatureMatrix {
  const c = featureConfig(config);
  const x = sampleRate === c.sampleRate ? samples : resample(samples, sampleRate, c.sampleRate);
  const { frameLength, hop, fftSize } = frameGeometry(c.sampleRate, c.frameMs, c.hopMs);
  const window = makeWindow(c.window, frameLength);
  const frames = numFrames(x.length, frameLength, hop);
  const base = c.kind === 'mfcc' ? c.numCoefficients : c.melBands;
  const stat = new Float32Array(frames * base);
  const meydaCfg = { sampleRate: c.sampleRate, fftSize, melBands: c.melBands, numberOfMFCCCoefficients: c.kind === 'mfcc' ? c.numCoefficients : 1 };
  const warp = augment.vtlp ?? 1;
  const bank = warp === 1 ? undefined : warpFilterBank(meydaMelBank(meydaCfg), warp, c.sampleRate, fftSize);
  for (let f = 0; f < frames; f++) {
    const frame = prepareFrame(x, f, hop, window, fftSize, c.preEmphasis, 32768);
    const v = meydaFrame(frame, c.kind === 'mfcc' ? 'mfcc' : 'melBands', meydaCfg, bank);
    stat.set(v.subarray(0, base), f * base);
  }
  const dim = featureDim(c);
  const data = addDeltas(stat, frames, base, c.deltaOrder, c.deltaWindow);
  if (c.normalize === 'utterance') normalizeUtterance(data, frames, dim);
  return { data, frames, dim };
}
