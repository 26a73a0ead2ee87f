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
  // Same parent, so the final rename never crosses a file system. mkdir (not mkdtemp, which makes
  // it 0700) so the checkpoint gets the user's umask like any other directory they create.
  const { randomBytes } = await import('node:crypto');
  const tmp = path.join(parent, `${tempPrefix(base)}${randomBytes(6).toString('hex')}`);
  await fs.mkdir(tmp);
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

/** Temporary siblings of `dir` made by atomicWriteDir start with this (`.last.tmp-…`, `.last.tmp-….old`). */
function tempPrefix(base: string): string {
  return `.${base}.tmp-`;
}

/**
 * Repairs what a process killed inside atomicWriteDir(dir) leaves next to `dir`: when `dir` itself
 * is missing (killed between the two renames of the swap), the previous copy, renamed away to
 * `.BASE.tmp-….old`, is renamed back; every other temporary sibling (unfinished copies, old copies
 * not yet deleted) is removed. Returns one line per repair. Call it only while no other process
 * writes `dir` (the trainer holds the run's lock).
 */
export async function recoverAtomicDir(dir: string): Promise<string[]> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const prefix = tempPrefix(path.basename(target));
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  const leftovers = entries.filter((e) => e.startsWith(prefix)).map((e) => path.join(parent, e));
  const done: string[] = [];
  const exists = await fs.stat(target).then(() => true, () => false);
  if (!exists) {
    // The newest `.old` is the copy that was in place when the swap was interrupted.
    const olds = await Promise.all(leftovers.filter((e) => e.endsWith('.old')).map(async (e) => ({ e, t: (await fs.stat(e)).mtimeMs })));
    const newest = olds.sort((a, b) => b.t - a.t)[0];
    if (newest) {
      await fs.rename(newest.e, target);
      done.push(`restored '${target}' from '${newest.e}' (a save was interrupted between its two renames)`);
    }
  }
  for (const e of leftovers) {
    if (!(await fs.stat(e).then(() => true, () => false))) continue;
    await fs.rm(e, { recursive: true, force: true });
    done.push(`removed the stale temporary directory '${e}'`);
  }
  return done;
}

/** Whether `dir` is missing but recoverAtomicDir would restore it. */
export async function hasRecoverableCopy(dir: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const target = path.resolve(dir);
  const prefix = tempPrefix(path.basename(target));
  const entries = await fs.readdir(path.dirname(target)).catch(() => [] as string[]);
  return entries.some((e) => e.startsWith(prefix) && e.endsWith('.old'));
}
