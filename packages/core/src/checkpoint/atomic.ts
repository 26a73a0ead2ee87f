export type WriteFile = (name: string, data: string | Uint8Array) => Promise<void>;

/**
 * Fills a fresh temporary directory next to `dir` through `fill`, then swaps it in: the old `dir`
 * (if any) is renamed away, the new one renamed in, the old one deleted. A failure before the swap
 * removes the temporary directory and leaves `dir` untouched. Node only (loaded lazily so that the
 * core package stays importable in a browser).
 */
export async function atomicWriteDir(dir: string, fill: (write: WriteFile) => Promise<void>): Promise<void> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  await fs.mkdir(parent, { recursive: true });
  // Same parent, so the final rename never crosses a file system.
  const tmp = await fs.mkdtemp(path.join(parent, `.${base}.tmp-`));
  try {
    await fill(async (name, data) => {
      const handle = await fs.open(path.join(tmp, name), 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = `${tmp}.old`;
  let moved = false;
  try {
    await fs.rename(target, old);
    moved = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    if (moved) await fs.rename(old, target);
    await fs.rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (moved) await fs.rm(old, { recursive: true, force: true });
}
