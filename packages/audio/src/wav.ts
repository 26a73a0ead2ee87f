import { readFile } from 'node:fs/promises';
import { AudioInputError } from './errors.js';
import { decodeWav, type DecodedAudio, type DecodeWavOptions } from './wav-decode.js';

// Node only (node:fs); wav-decode.ts decodes bytes and is shared with browser bundles.
export * from './wav-decode.js';

/** Reads and decodes a WAV file; every error is an AudioInputError naming `path`. */
export async function readWav(path: string, options: DecodeWavOptions = {}): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new AudioInputError(path, `cannot read file (${(e as Error).message})`);
  }
  return decodeWav(bytes, path, options);
}
