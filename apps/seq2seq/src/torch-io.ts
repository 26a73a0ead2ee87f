import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  atomicWriteDir,
  writeCheckpointFiles,
  buildModel,
  type CheckpointConfig,
  encodeTensorGroup,
  FILES,
  type JsonValue,
  loadCheckpoint,
  readSafetensors,
  SafetensorsError,
  type SafetensorsInput,
  safetensorsFloat32,
  validateConfig,
  writeSafetensors,
} from '@seq2seq/core';

/**
 * Checkpoints both ways between our format (config.json + weights.json/.bin) and an export folder
 * for PyTorch: `model.safetensors` (every weight, float32, under the same names and shapes as in our
 * checkpoints) and `config.json` (our config, training state and optimizer dropped; its `task` keeps
 * the vocabularies, tokenisers and preprocessing the apps need). python/seq2seq_torch reads and
 * writes exactly this folder.
 */
export const EXPORT_FILES = { weights: 'model.safetensors', config: FILES.config } as const;

/** `__metadata__` keys of our exports (safetensors metadata values are strings). */
export const EXPORT_FORMAT = 'seq2seq-safetensors';
export const EXPORT_FORMAT_VERSION = '1';

/** The packages whose import registers each encoder/decoder kind (loaded only when a config names it). */
const KIND_PACKAGES: Record<string, string> = {
  'text-rnn': '@seq2seq/text',
  'audio-rnn': '@seq2seq/audio',
  mobilenet: '@seq2seq/image',
  conv: '@seq2seq/image',
  lstm: '@seq2seq/decoder-lstm',
};

async function registerKinds(config: CheckpointConfig, where: string): Promise<void> {
  for (const [side, kind] of [['encoder', config.encoder.kind], ['decoder', config.decoder.kind]] as const) {
    const pkg = KIND_PACKAGES[kind];
    if (!pkg) throw new Error(`${where}: ${side} kind '${kind}' is not one this toolkit knows (${Object.keys(KIND_PACKAGES).join(', ')})`);
    await import(pkg);
  }
}

/** Checkpoint dir: DIR itself, or DIR/best for a training output folder. */
export function resolveCheckpointDir(dir: string): string {
  if (!existsSync(join(dir, FILES.config)) && existsSync(join(dir, 'best', FILES.config))) return join(dir, 'best');
  return dir;
}

export interface ExportResult {
  out: string;
  tensors: number;
  parameters: number;
  bytes: number;
}

/** Writes OUT/model.safetensors and OUT/config.json from a checkpoint directory (float16/uint8 weights are widened to float32). */
export async function exportSafetensors(modelDir: string, out: string): Promise<ExportResult> {
  const src = resolveCheckpointDir(modelDir);
  const { config, weights } = await loadCheckpoint(src, { optimizer: false });
  try {
    const tensors = new Map<string, SafetensorsInput>();
    let parameters = 0;
    for (const [name, t] of weights) {
      const values = t.dtype === 'int32' ? new Int32Array(t.dataSync() as Int32Array) : new Float32Array(t.dataSync() as Float32Array);
      tensors.set(name, { shape: t.shape, values });
      parameters += t.size;
    }
    const file = writeSafetensors(tensors, exportMetadata(config));
    const { files: _digests, ...plain } = config; // they describe our files, not the export's
    const exported: CheckpointConfig = { ...plain, training: null, optimizer: null };
    await atomicWriteDir(out, async (write) => {
      await write(EXPORT_FILES.weights, file);
      await write(EXPORT_FILES.config, `${JSON.stringify(exported, null, 2)}\n`);
    });
    return { out, tensors: tensors.size, parameters, bytes: file.byteLength };
  } finally {
    for (const t of weights.values()) t.dispose();
  }
}

export function exportMetadata(config: CheckpointConfig): Record<string, string> {
  return {
    format: 'pt',
    'seq2seq.format': EXPORT_FORMAT,
    'seq2seq.version': EXPORT_FORMAT_VERSION,
    'seq2seq.encoder': config.encoder.kind,
    'seq2seq.decoder': config.decoder.kind,
  };
}

export interface ImportResult {
  out: string;
  tensors: number;
  parameters: number;
  app: string;
}

/**
 * Reads an export folder (or a .safetensors file with config.json beside it, or `configPath`),
 * checks every tensor against the model its config describes, and writes our checkpoint to `out`.
 * Refused, naming the tensor, before anything is written: another architecture (unexpected or
 * missing tensors, other encoder/decoder kinds in the metadata), wrong shapes, non-float dtypes,
 * non-finite values, and any malformed or lying safetensors header. Nothing from the files is run.
 */
export async function importSafetensors(input: string, out: string, configPath?: string): Promise<ImportResult> {
  const isDir = existsSync(input) && statSync(input).isDirectory();
  const weightsPath = isDir ? join(input, EXPORT_FILES.weights) : input;
  const cfgPath = configPath ?? join(isDir ? input : dirname(input), EXPORT_FILES.config);
  const where = `'${weightsPath}'`;
  if (!existsSync(weightsPath)) throw new Error(`no ${isDir ? EXPORT_FILES.weights + ' in' : 'file'} '${isDir ? input : weightsPath}'`);
  if (!existsSync(cfgPath)) throw new Error(`no config.json for ${where} (looked for '${cfgPath}'; pass --config)`);
  let json: JsonValue;
  try {
    json = JSON.parse(readFileSync(cfgPath, 'utf8')) as JsonValue;
  } catch (e) {
    throw new Error(`'${cfgPath}' is not valid JSON (${(e as Error).message})`);
  }
  const config = validateConfig(json, `'${cfgPath}'`);
  const file = readSafetensors(new Uint8Array(readFileSync(weightsPath)), where);
  const meta = file.metadata;
  for (const side of ['encoder', 'decoder'] as const) {
    const said = meta[`seq2seq.${side}`];
    if (said !== undefined && said !== config[side].kind) {
      throw new Error(`${where}: its metadata says ${side} '${said}' but '${cfgPath}' describes '${config[side].kind}' (another architecture?)`);
    }
  }
  await registerKinds(config, `'${cfgPath}'`);
  const model = buildModel(config);
  const expected = model.store.entries().map(([name, v]) => ({ name, shape: [...v.shape], dtype: v.dtype }));
  model.store.dispose();
  const kinds = `${config.encoder.kind} encoder + ${config.decoder.kind} decoder`;
  for (const name of file.tensors.keys()) {
    if (!expected.some((e) => e.name === name)) {
      throw new SafetensorsError(`${where}: unexpected tensor '${name}': not a weight of the ${kinds} that '${cfgPath}' describes (another architecture?)`, name);
    }
  }
  const named = new Map<string, tf.Tensor>();
  let parameters = 0;
  try {
    for (const e of expected) {
      const entry = file.tensors.get(e.name);
      if (!entry) throw new SafetensorsError(`${where}: missing tensor '${e.name}' (${e.dtype} [${e.shape.join(', ')}]) of the ${kinds}`, e.name);
      if (entry.shape.length !== e.shape.length || entry.shape.some((d, i) => d !== e.shape[i])) {
        throw new SafetensorsError(`${where}: tensor '${e.name}' has shape [${entry.shape.join(', ')}] but the model needs [${e.shape.join(', ')}]`, e.name);
      }
      let t: tf.Tensor;
      if (e.dtype === 'int32') {
        if (entry.dtype !== 'I32') throw new SafetensorsError(`${where}: tensor '${e.name}' has dtype ${entry.dtype}; the model needs I32`, e.name);
        t = tf.tensor(new Int32Array(entry.bytes.slice().buffer), e.shape, 'int32');
      } else {
        const values = safetensorsFloat32(e.name, entry);
        const bad = values.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) throw new SafetensorsError(`${where}: tensor '${e.name}' holds a non-finite value (${values[bad]}) at index ${bad}`, e.name);
        t = tf.tensor(values, e.shape, 'float32');
      }
      named.set(e.name, t);
      parameters += t.size;
    }
    const encoded = await encodeTensorGroup(named, FILES.weightsBin);
    // The exported config may carry the source checkpoint's file digests: new files get new ones.
    const { files: _digests, ...rest } = config;
    const imported: CheckpointConfig = { ...rest, training: null, optimizer: null };
    await writeCheckpointFiles(out, imported, {
      [FILES.weightsBin]: new Uint8Array(encoded.data),
      [FILES.weights]: new TextEncoder().encode(JSON.stringify(encoded.manifest)),
    });
  } finally {
    tf.dispose([...named.values()]);
  }
  return { out, tensors: named.size, parameters, app: String(config.task.app ?? '') };
}
