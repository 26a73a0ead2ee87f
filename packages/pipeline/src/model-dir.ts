/** `DIR/best` when DIR is a training output folder, else DIR itself. */
export function resolveModelDir(dir: string, exists: (p: string) => boolean): string {
  return exists(`${dir}/config.json`) ? dir : exists(`${dir}/best/config.json`) ? `${dir}/best` : exists(`${dir}/last/config.json`) ? `${dir}/last` : dir;
}

/** `--model A[,B,...]`: checkpoint directories (a training OUT dir means OUT/best). */
export function modelDirList(value: unknown, exists: (p: string) => boolean): string[] {
  const dirs = String(value ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => resolveModelDir(d, exists));
  if (dirs.length === 0) throw new Error('--model needs a checkpoint directory');
  return dirs;
}
