import * as wavefileModule from 'wavefile';
import { AudioInputError } from './errors.js';
import type { WavEncoding } from './wav-encode.js';

export interface DecodeWavOptions {
  /** Files longer than this are rejected before their samples are decoded. Default 60 s. */
  maxDurationSec?: number;
  /** Peak |sample| below which the audio is flagged `silent` (not an error). Default 1e-4 (-80 dBFS). */
  silenceThreshold?: number;
}

export interface DecodedAudio {
  /** [N] mono samples in [-1, 1] (channels averaged) */
  samples: Float32Array;
  sampleRate: number;
  /** Channels in the file before down-mixing. */
  channels: number;
  encoding: WavEncoding;
  durationSec: number;
  /** True when the peak is below `silenceThreshold`: allowed, but callers may want to skip it. */
  silent: boolean;
}

interface Fmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  subformat: number[];
}
interface DataChunk {
  chunkSize: number;
  samples: Uint8Array;
}

// Node loads wavefile's CommonJS build (its classes hang off the default export); bundlers take its
// ES module ("module" field), which has named exports and no default.
type WavefileModule = typeof wavefileModule;
const WaveFile: WavefileModule['WaveFile'] = (wavefileModule as Partial<WavefileModule>).WaveFile ?? (Reflect.get(wavefileModule, 'default') as WavefileModule).WaveFile;

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/**
 * Decodes RIFF/RIFX WAV bytes: PCM 8/16/24/32-bit, IEEE float 32/64-bit (also in
 * WAVE_FORMAT_EXTENSIBLE), any channel count (averaged to mono), any sample rate. `wavefile` parses
 * the chunks; samples are converted here, straight from the data bytes, so the format decision is ours.
 */
export function decodeWav(bytes: Uint8Array, file: string, options: DecodeWavOptions = {}): DecodedAudio {
  const fail = (reason: string): never => {
    throw new AudioInputError(file, reason);
  };
  if (bytes.length === 0) fail('empty file (0 bytes), not a WAV file');
  if (bytes.length < 12) fail(`too short (${bytes.length} bytes) to be a WAV file`);
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (e) {
    fail(`not a valid WAV file: ${(e as Error).message}`);
  }
  const fmt = wav.fmt as Fmt;
  const data = wav.data as DataChunk;
  const format = fmt.audioFormat === EXTENSIBLE ? (fmt.subformat[0] ?? 0) : fmt.audioFormat;
  const encoding = encodingOf(format, fmt.bitsPerSample) ?? fail(`unsupported WAV encoding (format tag ${fmt.audioFormat}, ${fmt.bitsPerSample} bits); supported: PCM 8/16/24/32-bit and float 32/64-bit`);
  const nch = fmt.numChannels;
  const bps = fmt.bitsPerSample / 8;
  if (nch < 1 || fmt.sampleRate <= 0) fail(`bad fmt chunk (${nch} channels, ${fmt.sampleRate} Hz)`);
  if (fmt.blockAlign !== nch * bps) fail(`bad fmt chunk (block align ${fmt.blockAlign}, expected ${nch * bps})`);
  const declaredFrames = Math.floor(data.chunkSize / fmt.blockAlign);
  const maxSec = options.maxDurationSec ?? 60;
  const declaredSec = declaredFrames / fmt.sampleRate;
  if (declaredSec > maxSec) fail(`audio is ${declaredSec.toFixed(1)} s long, above the maximum of ${maxSec} s (option maxDurationSec)`);
  if (data.samples.length < data.chunkSize) fail(`truncated: data chunk declares ${data.chunkSize} bytes but only ${data.samples.length} are present`);
  if (declaredFrames === 0) fail('contains no audio samples');
  const samples = toMono(data.samples, declaredFrames, nch, encoding, wav.container === 'RIFX');
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  if (!Number.isFinite(peak)) fail('contains non-finite float samples');
  return {
    samples,
    sampleRate: fmt.sampleRate,
    channels: nch,
    encoding,
    durationSec: declaredSec,
    silent: peak < (options.silenceThreshold ?? 1e-4),
  };
}

function encodingOf(format: number, bits: number): WavEncoding | undefined {
  if (format === PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32)) return `pcm${bits}` as WavEncoding;
  if (format === FLOAT && (bits === 32 || bits === 64)) return `float${bits}` as WavEncoding;
  return undefined;
}

/** Interleaved bytes -> [frames] mono floats in [-1, 1]. */
function toMono(raw: Uint8Array, frames: number, nch: number, enc: WavEncoding, bigEndian: boolean): Float32Array {
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const le = !bigEndian;
  const read: (at: number) => number = {
    pcm8: (at: number) => (v.getUint8(at) - 128) / 128,
    pcm16: (at: number) => v.getInt16(at, le) / 32768,
    pcm24: (at: number) => {
      const [b0, b1, b2] = le ? [v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2)] : [v.getUint8(at + 2), v.getUint8(at + 1), v.getUint8(at)];
      return (((b2 << 24) | (b1 << 16) | (b0 << 8)) >> 8) / 8388608;
    },
    pcm32: (at: number) => v.getInt32(at, le) / 2147483648,
    float32: (at: number) => v.getFloat32(at, le),
    float64: (at: number) => v.getFloat64(at, le),
  }[enc];
  const bps = { pcm8: 1, pcm16: 2, pcm24: 3, pcm32: 4, float32: 4, float64: 8 }[enc];
  const out = new Float32Array(frames);
  let at = 0;
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < nch; c++, at += bps) sum += read(at);
    out[i] = sum / nch;
  }
  return out;
}
