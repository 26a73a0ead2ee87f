import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Activation codes of `gemm` (the wasm _FusedMatMul's fusable set, minus prelu). */
export const ACTIVATION = { linear: 0, relu: 1, relu6: 2, sigmoid: 3, leakyrelu: 4, elu: 5 } as const;
export type NativeActivation = keyof typeof ACTIVATION;

export interface NativeBlasInfo {
  /** 'openblas', or 'cblas' for another CBLAS (no thread control) */
  blas: string;
  /** OpenBLAS's build configuration string */
  config: string;
  cores: number;
  maxThreads: number;
  minFlopsThreaded: number;
}

/** The addon's functions. Offsets and strides count float32 elements of `heap`. */
export interface NativeBlas {
  /**
   * For each batch entry i: C_i = act(op(A_i)·op(B_i) + bias), row-major; A_i at aOff + i·aStride
   * ([m, k], or [k, m] when transA), B_i at bOff + i·bStride ([k, n] or [n, k]), C_i at
   * cOff + i·cStride ([m, n]); a stride of 0 broadcasts. biasOff < 0: no bias, else [n] there.
   * Every range is checked against heap.length (a TypeError when outside).
   */
  gemm(
    heap: Float32Array,
    batch: number,
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    aOff: number,
    aStride: number,
    bOff: number,
    bStride: number,
    cOff: number,
    cStride: number,
    biasOff: number,
    activation: number,
    alpha: number,
  ): void;
  /**
   * A whole masked LSTM layer (gates i, f, g, o): proj [B, T, 4H] (input projections with bias),
   * u [H, 4H], h0 / c0 [B, H], mask [B, T] (1 real; padded rows keep their state) -> out
   * [B, T + 2, H] (outputs · mask, final h, final c); and for the backward pass, time-major
   * gates [T, B, 4H] (activated), hPrev, cPrev, tanh(c) [T, B, H]. Steps run from T-1 down when reverse.
   */
  lstmForward(
    heap: Float32Array,
    b: number,
    t: number,
    h: number,
    reverse: number,
    projOff: number,
    uOff: number,
    h0Off: number,
    c0Off: number,
    maskOff: number,
    outOff: number,
    gatesOff: number,
    hPrevOff: number,
    cPrevOff: number,
    tcOff: number,
  ): void;
  /** lstmForward's gradient: dy [B, T + 2, H] -> dProj [B, T, 4H], dU [H, 4H], dState [2, B, H] (h0, c0). */
  lstmBackward(
    heap: Float32Array,
    b: number,
    t: number,
    h: number,
    reverse: number,
    uOff: number,
    maskOff: number,
    gatesOff: number,
    hPrevOff: number,
    cPrevOff: number,
    tcOff: number,
    dyOff: number,
    dProjOff: number,
    dUOff: number,
    dStateOff: number,
  ): void;
  /** Products of at least minFlopsThreaded FLOPs run on maxThreads OpenBLAS threads, smaller ones on one. */
  setThreads(maxThreads: number, minFlopsThreaded?: number): void;
  info(): NativeBlasInfo;
}

export type NativeLoad = { ok: true; blas: NativeBlas; file: string } | { ok: false; reason: string };

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where `npm install` (scripts/build.cjs) puts the addon. */
export const ADDON_FILE = path.join(here, '..', 'build', 'Release', 'seq2seq_native.node');

function isNativeBlas(x: unknown): x is NativeBlas {
  const o = x as Partial<Record<keyof NativeBlas, unknown>> | null;
  return typeof o === 'object' && o !== null && (['gemm', 'lstmForward', 'lstmBackward', 'setThreads', 'info'] as const).every((k) => typeof o[k] === 'function');
}

/**
 * Loads the addon; never throws. `{ ok: false, reason }` (one line) when SEQ2SEQ_NATIVE=0, when the
 * addon was not built, or when it fails to load (missing libopenblas, ABI mismatch, a broken file).
 */
export function loadNative(file: string = ADDON_FILE): NativeLoad {
  if (process.env.SEQ2SEQ_NATIVE === '0') return { ok: false, reason: 'native addon disabled (SEQ2SEQ_NATIVE=0)' };
  if (!fs.existsSync(file)) return { ok: false, reason: 'native addon not built (apt-get install libopenblas-dev, then npm rebuild @seq2seq/native)' };
  try {
    const mod: unknown = createRequire(import.meta.url)(file);
    if (!isNativeBlas(mod)) return { ok: false, reason: `native addon ${path.basename(file)} is out of date (npm rebuild @seq2seq/native)` };
    return { ok: true, blas: mod, file };
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    return { ok: false, reason: `native addon failed to load (${msg.slice(0, 200)})` };
  }
}
