import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { headerSize, sniffFormat } from './header.js';
import { trimTransparent } from './trim.js';

/** An RGB image in row-major HWC order with values in [0, 255] (float, so resizing keeps precision). */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** [H * W * 3] */
  readonly data: Float32Array;
}

export interface DecodeOptions {
  /** RGB (0-255) that transparent pixels are composited onto. Default white [255, 255, 255]: emoji PNGs are transparent. */
  background?: readonly [number, number, number];
  /** Largest width * height accepted, checked from the header before decoding. Default 40,000,000 (40 MP). */
  maxPixels?: number;
  /** Crop to the square around the drawn (non-transparent) pixels before compositing (`trimTransparent`). Default false. */
  trim?: boolean;
}

export const DEFAULT_MAX_PIXELS = 40_000_000;

/**
 * What jpeg-js may allocate per pixel: its coefficient blocks (4 bytes per pixel per component,
 * 3 components), line buffers and the RGBA output take about 21 bytes a pixel for a 4:4:4 JPEG;
 * 24 leaves room. At the default 40 MP that is a documented ceiling of 916 MB for one image.
 */
export const JPEG_BYTES_PER_PIXEL = 24;

/** The jpeg-js memory cap (MB) for images up to `maxPixels`: never below jpeg-js's own 512 MB default. */
export function jpegMemoryLimitMB(maxPixels: number): number {
  return Math.max(512, Math.ceil((maxPixels * JPEG_BYTES_PER_PIXEL) / 2 ** 20));
}

/**
 * Decodes a PNG or JPEG (recognised by its magic bytes) into RGB, compositing any alpha onto the
 * background. `name` (usually the file path) is named in every error.
 */
export function decodeImage(bytes: Uint8Array, name: string, options: DecodeOptions = {}): RgbImage {
  if (bytes.length === 0) throw imageError(name, 'the file is empty (0 bytes)');
  const format = sniffFormat(bytes);
  if (!format) throw imageError(name, `not a PNG or JPEG (first bytes: ${hex(bytes.subarray(0, 8))})`);
  const label = format.toUpperCase();
  let size: { width: number; height: number };
  try {
    size = headerSize(bytes, format);
  } catch (e) {
    throw imageError(name, (e as Error).message);
  }
  const pixels = size.width * size.height;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (pixels > maxPixels) throw imageError(name, `${size.width}x${size.height} = ${pixels} pixels exceeds maxPixels ${maxPixels}`);
  if (pixels === 0) throw imageError(name, `${label} header says ${size.width}x${size.height}`);
  let rgba: { width: number; height: number; data: Uint8Array };
  try {
    rgba = format === 'png' ? decodePng(bytes) : decodeJpeg(bytes, maxPixels);
  } catch (e) {
    const why = (e as Error).message;
    // jpeg-js's own limits are about size, not damage: say so rather than "corrupt".
    if (/maxMemoryUsageInMB|maxResolutionInMP/.test(why)) throw imageError(name, `${size.width}x${size.height} ${label} needs more memory than the decoder's limit (${why})`);
    throw imageError(name, `corrupt or truncated ${label} (${why})`);
  }
  return composite(options.trim ? trimTransparent(rgba) : rgba, options.background ?? [255, 255, 255]);
}

/** Errors about one input name it, so a bad file in a batch of thousands is easy to find. */
export function imageError(name: string, why: string): Error {
  return new Error(`cannot decode image '${name}': ${why}`);
}

function decodePng(bytes: Uint8Array): { width: number; height: number; data: Uint8Array } {
  // pngjs expands palette, grey and 16-bit images to 8-bit RGBA.
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: png.data };
}

function decodeJpeg(bytes: Uint8Array, maxPixels: number): { width: number; height: number; data: Uint8Array } {
  // tolerantDecoding off: a cut-off JPEG is an error, not a half-grey picture.
  return jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    tolerantDecoding: false,
    maxResolutionInMP: Math.ceil(maxPixels / 1e6),
    maxMemoryUsageInMB: jpegMemoryLimitMB(maxPixels),
  });
}

/** RGBA bytes -> RGB floats, alpha-blended over `bg`. */
export function composite(rgba: { width: number; height: number; data: Uint8Array }, bg: readonly [number, number, number]): RgbImage {
  const n = rgba.width * rgba.height;
  if (rgba.data.length < n * 4) throw new Error(`RGBA buffer holds ${rgba.data.length} bytes, expected ${n * 4}`);
  const out = new Float32Array(n * 3);
  for (let p = 0; p < n; p++) {
    const a = rgba.data[p * 4 + 3]! / 255;
    for (let c = 0; c < 3; c++) out[p * 3 + c] = rgba.data[p * 4 + c]! * a + bg[c]! * (1 - a);
  }
  return { width: rgba.width, height: rgba.height, data: out };
}

function hex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ') || '(none)';
}
