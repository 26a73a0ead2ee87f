import MeydaModule from 'meyda';

/** The part of meyda's global analyser object we use (meyda keeps its settings on one shared object). */
interface MeydaGlobal {
  bufferSize: number;
  sampleRate: number;
  melBands: number;
  numberOfMFCCCoefficients: number;
  windowingFunction: string;
  /** meyda caches this and, in 5.6.3, does not rebuild it when only sampleRate changes */
  melFilterBank?: number[][];
  extract(features: string[], signal: Float32Array): Record<string, unknown> | null;
}

// meyda ships CommonJS (`module.exports = Meyda`) with ESM typings; accept both shapes.
const Meyda = ((MeydaModule as unknown as { default?: MeydaGlobal }).default ?? MeydaModule) as unknown as MeydaGlobal;

export interface MeydaFrameConfig {
  sampleRate: number;
  /** FFT size, a power of two: the frame is already windowed and zero-padded to it */
  fftSize: number;
  melBands: number;
  numberOfMFCCCoefficients: number;
}

// The filter bank we last saw meyda build for our settings: if another meyda user in this process
// changed the global settings (and so the bank), we reconfigure instead of using a stale bank.
let ourBank: number[][] | undefined;

/**
 * Runs meyda on one windowed, zero-padded frame and returns `mfcc` (DCT-II, scale 2, of the log
 * mel energies) or `melBands` (ln(1 + mel energy) with meyda's triangular filters from 0 Hz to
 * Nyquist over |FFT|^2). Windowing is done by the caller ('rect' here) because meyda would window
 * the whole zero-padded FFT buffer, not the 25 ms frame.
 */
export function meydaFrame(frame: Float32Array, feature: 'mfcc' | 'melBands', cfg: MeydaFrameConfig, bank?: number[][]): Float32Array {
  const same =
    Meyda.bufferSize === cfg.fftSize &&
    Meyda.sampleRate === cfg.sampleRate &&
    Meyda.melBands === cfg.melBands &&
    Meyda.numberOfMFCCCoefficients === cfg.numberOfMFCCCoefficients &&
    Meyda.windowingFunction === 'rect' &&
    Meyda.melFilterBank === ourBank;
  if (!same || ourBank === undefined) {
    Meyda.bufferSize = cfg.fftSize;
    Meyda.sampleRate = cfg.sampleRate;
    Meyda.melBands = cfg.melBands;
    Meyda.numberOfMFCCCoefficients = cfg.numberOfMFCCCoefficients;
    Meyda.windowingFunction = 'rect';
    Meyda.melFilterBank = undefined; // force a rebuild for the new rate/size
  }
  if (frame.length !== cfg.fftSize) throw new Error(`meydaFrame: frame length ${frame.length} != fftSize ${cfg.fftSize}`);
  let out: Record<string, unknown> | null;
  if (bank) {
    // A warped bank (VTLP) for this frame only; meyda keeps a bank while its length is melBands.
    const own = Meyda.melFilterBank;
    Meyda.melFilterBank = bank;
    try {
      out = Meyda.extract([feature], frame);
    } finally {
      Meyda.melFilterBank = own;
    }
  } else {
    out = Meyda.extract([feature], frame);
  }
  ourBank = Meyda.melFilterBank;
  const v = out?.[feature];
  if (!Array.isArray(v) && !(v instanceof Float32Array)) throw new Error(`meyda returned no ${feature}`);
  return Float32Array.from(v as ArrayLike<number>);
}

/** The mel filter bank meyda uses for these settings ([melBands][fftSize/2 + 1], over FFT bins). */
export function meydaMelBank(cfg: MeydaFrameConfig): number[][] {
  meydaFrame(new Float32Array(cfg.fftSize), 'melBands', cfg);
  if (!ourBank) throw new Error('meyda built no mel filter bank');
  return ourBank;
}
