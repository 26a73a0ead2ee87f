import type * as tf from '@tensorflow/tfjs';
import type { JsonValue } from '../json.js';
import { type CheckpointConfig, FILES, type OptimizerSpec, validateConfig } from './format.js';
import type { FileDigest } from './digest.js';
import { sha256Hex } from './digest.js';
import { checkManifest, decodeTensorGroup } from './weights-io.js';

export interface LoadedCheckpoint {
  config: CheckpointConfig;
  /** Model variables by full name; the caller owns (and disposes) them. */
  weights: Map<string, tf.Tensor>;
  /** Present when the checkpoint has optimizer state and it was asked for. */
  optimizerState?: { spec: OptimizerSpec; tensors: Map<string, tf.Tensor> };
}

/** The raw files of a checkpoint, however they were fetched (fs, fetch, IndexedDB). */
export interface CheckpointFiles {
  config: string;
  weights: string;
  weightsBin: ArrayBuffer;
  optimizer?: string;
  optimizerBin?: ArrayBuffer;
}

/**
 * Parses and validates checkpoint files. Pure JSON and binary: nothing from the checkpoint is ever
 * executed. `where` names the checkpoint in error messages.
 */
export function parseCheckpoint(files: CheckpointFiles, where: string, options: { optimizer?: boolean } = {}): LoadedCheckpoint {
  const config = validateConfig(parseJson(files.config, FILES.config, where), where);
  const weights = decodeTensorGroup(parseJson(files.weights, FILES.weights, where), files.weightsBin, FILES.weightsBin, where);
  if (!config.optimizer || options.optimizer === false) return { config, weights };
  try {
    if (files.optimizer === undefined || files.optimizerBin === undefined) {
      throw new Error(`corrupt checkpoint ${where}: config.json names optimizer state but ${FILES.optimizer} or ${FILES.optimizerBin} is missing`);
    }
    const tensors = decodeTensorGroup(parseJson(files.optimizer, FILES.optimizer, where), files.optimizerBin, FILES.optimizerBin, where);
    return { config, weights, optimizerState: { spec: config.optimizer, tensors } };
  } catch (e) {
    for (const t of weights.values()) t.dispose();
    throw e;
  }
}

/** JSON files of a checkpoint larger than this are refused unread (vocabularies take a few MB). */
export const MAX_CHECKPOINT_JSON_BYTES = 256 * 2 ** 20;

/**
 * Reads a checkpoint directory (Node). Fails with a message naming the directory, the file and the
 * problem for a missing directory or file, bad JSON, a wrong format version or a truncated binary.
 * Every file is stat-ed before it is opened: devices, FIFOs and other non-regular files are refused
 * (a FIFO would block the read, /dev/zero would never end), and a binary file must have exactly the
 * size its manifest (and config.json's `files`) describes, so nothing bigger than the checkpoint is
 * read or allocated. SHA-256 digests in config.json's `files` are verified (older checkpoints have
 * none). `optimizer: false` skips the optimizer state (inference).
 */
export async function loadCheckpoint(dir: string, options: { optimizer?: boolean } = {}): Promise<LoadedCheckpoint> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const where = `'${dir}'`;
  const fail = (why: string): never => {
    throw new Error(`corrupt checkpoint ${where}: ${why}`);
  };
  let digests: Record<string, FileDigest> | undefined;
  /**
   * Checks a file against config.json's record. Called after the structural checks, so an edited
   * manifest is still reported by what is wrong with it, and a binary's size is already known good.
   */
  const verify = async (name: string, buf: Buffer): Promise<void> => {
    const recorded = digests?.[name];
    if (!recorded) return;
    if (buf.byteLength !== recorded.bytes) fail(`${name} has ${buf.byteLength} bytes but config.json records ${recorded.bytes} (truncated or replaced file)`);
    if ((await sha256Hex(buf)) !== recorded.sha256) fail(`${name} does not match its SHA-256 in config.json (a flipped bit or an edited file)`);
  };
  /** Reads `name` after checking its type and size; undefined when absent and not required. */
  const read = async (name: string, required: boolean, size: { exact?: number; max?: number; source?: string } = {}): Promise<Buffer | undefined> => {
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw new Error(`cannot read checkpoint ${where}: ${name}: ${e.message}`);
      if (!required) return undefined;
      const dirExists = await fs.stat(dir).then(() => true, () => false);
      throw new Error(dirExists ? `corrupt checkpoint ${where}: missing ${name}` : `no checkpoint at ${where} (directory does not exist)`);
    });
    if (!st) return undefined;
    if (!st.isFile()) fail(`${name} is not a regular file (${fileKind(st)}); refusing to read it`);
    if (size.exact !== undefined && st.size !== size.exact) fail(`${name} has ${st.size} bytes but ${size.source ?? 'the manifest'} describes ${size.exact} (truncated or mismatched file)`);
    if (size.max !== undefined && st.size > size.max) fail(`${name} has ${st.size} bytes, more than the ${size.max} a checkpoint's JSON file may have`);
    return readExactly(file, st.size, () => fail(`${name} changed size while it was read`));
  };
  const configText = (await read(FILES.config, true, { max: MAX_CHECKPOINT_JSON_BYTES }))!.toString('utf8');
  // Only for the digests: parseCheckpoint validates the whole config again.
  const config = validateConfig(parseJson(configText, FILES.config, where), where);
  digests = config.files;
  const manifest = (await read(FILES.weights, true, { max: MAX_CHECKPOINT_JSON_BYTES }))!;
  const weights = manifest.toString('utf8');
  const weightsBytes = checkManifest(parseJson(weights, FILES.weights, where), FILES.weightsBin, where).bytes;
  const bin = (await read(FILES.weightsBin, true, { exact: weightsBytes }))!;
  await verify(FILES.weights, manifest);
  await verify(FILES.weightsBin, bin);
  const weightsBin = toArrayBuffer(bin);
  const files: CheckpointFiles = { config: configText, weights, weightsBin };
  if (options.optimizer !== false && config.optimizer) {
    const optManifest = await read(FILES.optimizer, false, { max: MAX_CHECKPOINT_JSON_BYTES });
    if (optManifest !== undefined) {
      const optimizer = optManifest.toString('utf8');
      files.optimizer = optimizer;
      const optBytes = checkManifest(parseJson(optimizer, FILES.optimizer, where), FILES.optimizerBin, where).bytes;
      const optBuf = await read(FILES.optimizerBin, false, { exact: optBytes });
      await verify(FILES.optimizer, optManifest);
      if (optBuf !== undefined) {
        await verify(FILES.optimizerBin, optBuf);
        files.optimizerBin = toArrayBuffer(optBuf);
      }
    }
  }
  return parseCheckpoint(files, where, options);
}

/** Reads exactly `size` bytes (the size stat-ed before); a file that grows or shrinks meanwhile fails. */
async function readExactly(file: string, size: number, changed: () => never): Promise<Buffer> {
  const fs = await import('node:fs/promises');
  const handle = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const { bytesRead } = await handle.read(buf, off, size - off, off);
      if (bytesRead === 0) changed();
      off += bytesRead;
    }
    const probe = await handle.read(Buffer.alloc(1), 0, 1, size);
    if (probe.bytesRead !== 0) changed();
    return buf;
  } finally {
    await handle.close();
  }
}

function fileKind(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'not a plain file';
}

function parseJson(text: string, file: string, where: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw new Error(`corrupt checkpoint ${where}: ${file} is not valid JSON (${(e as Error).message})`);
  }
}

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
