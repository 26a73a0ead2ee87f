/** Size and SHA-256 of one checkpoint file, as recorded in config.json's `files`. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

/**
 * Digests of the files a checkpoint is about to write, for config.json: a flipped bit in a weights
 * file then fails the load instead of decoding garbage. Node only (node:crypto, loaded lazily).
 */
export async function digestFiles(files: Record<string, Uint8Array>): Promise<Record<string, FileDigest>> {
  const out: Record<string, FileDigest> = {};
  for (const [name, data] of Object.entries(files)) out[name] = { bytes: data.byteLength, sha256: await sha256Hex(data) };
  return out;
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(data).digest('hex');
}
