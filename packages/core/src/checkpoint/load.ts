import type * as tf from '@tensorflow/tfjs';
import type { JsonValue } from '../json.js';
import { type CheckpointConfig, FILES, type OptimizerSpec, validateConfig } from './format.js';
import { decodeTensorGroup } from './weights-io.js';

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

/**
 * Reads a checkpoint directory (Node). Fails with a message naming the directory and the problem
 * for a missing directory or file, bad JSON, a wrong format version or a truncated binary.
 * `optimizer: false` skips the optimizer state (inference).
 */
export async function loadCheckpoint(dir: string, options: { optimizer?: boolean } = {}): Promise<LoadedCheckpoint> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const where = `'${dir}'`;
  const read = async (name: string, required: boolean): Promise<Buffer | undefined> => {
    try {
      return await fs.readFile(path.join(dir, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      if (!required) return undefined;
      const dirExists = await fs.stat(dir).then(() => true, () => false);
      throw new Error(dirExists ? `corrupt checkpoint ${where}: missing ${name}` : `no checkpoint at ${where} (directory does not exist)`);
    }
  };
  const config = (await read(FILES.config, true))!.toString('utf8');
  const weights = (await read(FILES.weights, true))!.toString('utf8');
  const weightsBin = toArrayBuffer((await read(FILES.weightsBin, true))!);
  const wantOpt = options.optimizer !== false;
  const optimizer = wantOpt ? (await read(FILES.optimizer, false))?.toString('utf8') : undefined;
  const optBuf = wantOpt ? await read(FILES.optimizerBin, false) : undefined;
  const files: CheckpointFiles = { config, weights, weightsBin };
  if (optimizer !== undefined) files.optimizer = optimizer;
  if (optBuf !== undefined) files.optimizerBin = toArrayBuffer(optBuf);
  return parseCheckpoint(files, where, options);
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
