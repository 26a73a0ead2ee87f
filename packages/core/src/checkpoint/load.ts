import { FILES, validateConfig } from './format.js';
import type { FileDigest } from './digest.js';
import { sha256Hex } from './digest.js';
import { type CheckpointFiles, type LoadedCheckpoint, MAX_CHECKPOINT_JSON_BYTES, parseCheckpoint, parseCheckpointJson as parseJson } from './parse.js';
import { checkManifest } from './weights-io.js';

export { type CheckpointFiles, type LoadedCheckpoint, MAX_CHECKPOINT_JSON_BYTES, parseCheckpoint } from './parse.js';

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

function toArrayBuffer(buf: Buffer): ArrayBuffer {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}
