import { readFile } from 'node:fs/promises';
import { decodeImage, DEFAULT_MAX_PIXELS, imageError } from './decode.js';
import { normalizePixels, type Normalization } from './normalize.js';
import { resizeImage, type ResizeMethod } from './resize.js';

/** Everything between the bytes of a file and the pixels an encoder sees. */
export interface ImageFrontEndOptions {
  /** Output height. Default 224 (MobileNet). */
  height?: number;
  /** Output width. Default 224. */
  width?: number;
  /** Default 'auto' (area when shrinking, bilinear otherwise). */
  resize?: ResizeMethod;
  /** Default 'zero-one'. */
  normalization?: Normalization;
  /** RGB that transparency is composited onto. Default white. */
  background?: readonly [number, number, number];
  /** Largest width * height accepted, checked from the header. Default 40,000,000. */
  maxPixels?: number;
  /**
   * Crop to the square around the drawn pixels (alpha), so icons drawn with different margins fill
   * the frame alike; images without transparency are unchanged. Default false.
   */
  trim?: boolean;
}

/** One image ready for batching. */
export interface PreparedImage {
  /** The file path or name it came from. */
  readonly source: string;
  readonly height: number;
  readonly width: number;
  /** [H * W * 3] normalised HWC values */
  readonly data: Float32Array;
}

/** Decodes, composites, resizes and normalises one encoded image. */
export function prepareImage(bytes: Uint8Array, source: string, options: ImageFrontEndOptions = {}): PreparedImage {
  const height = options.height ?? 224;
  const width = options.width ?? 224;
  const rgb = decodeImage(bytes, source, {
    background: options.background ?? [255, 255, 255],
    maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
    trim: options.trim ?? false,
  });
  const resized = resizeImage(rgb, height, width, options.resize ?? 'auto');
  return { source, height, width, data: normalizePixels(resized.data, options.normalization ?? 'zero-one') };
}

/** Reads and prepares one image file; every error names the file. */
export async function loadImage(path: string, options: ImageFrontEndOptions = {}): Promise<PreparedImage> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw imageError(path, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  return prepareImage(bytes, path, options);
}

export interface LoadImagesOptions extends ImageFrontEndOptions {
  /** Skip unreadable images (reporting them in `skipped`) instead of throwing. Default false. */
  skipBad?: boolean;
}

export interface LoadedImages {
  /** The good images, in input order. */
  images: PreparedImage[];
  /** The bad ones with the reason (only with skipBad). */
  skipped: { path: string; error: string }[];
}

/** Loads many files for a batch job. Without `skipBad` the first bad file throws. */
export async function loadImages(paths: readonly string[], options: LoadImagesOptions = {}): Promise<LoadedImages> {
  const out: LoadedImages = { images: [], skipped: [] };
  for (const path of paths) {
    try {
      out.images.push(await loadImage(path, options));
    } catch (e) {
      if (!options.skipBad) throw e;
      out.skipped.push({ path, error: (e as Error).message });
    }
  }
  return out;
}
