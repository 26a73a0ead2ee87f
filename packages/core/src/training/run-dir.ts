import { hasRecoverableCopy, recoverAtomicDir } from '../checkpoint/atomic.js';

/** How a training run treats an output directory that already holds a run. */
export interface RunDirOptions {
  /** Continue from OUT/last; an error when there is nothing to continue. */
  resume?: boolean;
  /** Replace the run in OUT (its best/, last/ and train.jsonl are deleted when training starts). */
  overwrite?: boolean;
}

/** The advisory lock file in a run's output directory. */
export const LOCK_FILE = 'train.lock';

/** What a run's output directory holds, for the messages. */
const RUN_ENTRIES = ['best', 'last', 'train.jsonl'];

export interface RunDirLock {
  readonly file: string;
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

/**
 * Takes the run's lock, repairs what a killed trainer left (an interrupted checkpoint swap, stale
 * temporary directories), then checks `resume`/`overwrite` against what OUT holds: `resume` needs a
 * `last/` checkpoint, and a directory holding a run needs one of the two flags, so a run is never
 * replaced by accident. With `overwrite` (and `clear`), the old run's files are deleted. The caller
 * releases the lock. Node only.
 */
export async function openRunDir(outDir: string, o: RunDirOptions, log: (line: string) => void, clear = true): Promise<RunDirLock> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  if (o.resume && o.overwrite) throw new Error('--resume continues the run in OUT and --overwrite replaces it: give one of them');
  await fs.mkdir(outDir, { recursive: true });
  const lock = await acquireLock(outDir, log);
  try {
    for (const base of ['last', 'best']) for (const line of await recoverAtomicDir(path.join(outDir, base))) log(line);
    const present = [];
    for (const e of RUN_ENTRIES) if (await fs.stat(path.join(outDir, e)).then(() => true, () => false)) present.push(e);
    const resumable = await fs.stat(path.join(outDir, 'last', 'config.json')).then(() => true, () => false);
    if (o.resume && !resumable) {
      throw new Error(
        present.length > 0
          ? `nothing to resume in '${outDir}': it has no last/ checkpoint (only ${present.join(', ')}; the run stopped before its first one); start it again with --overwrite`
          : `nothing to resume in '${outDir}': it holds no training run; drop --resume to start one`,
      );
    }
    if (!o.resume && !o.overwrite && present.length > 0) {
      throw new Error(`'${outDir}' already holds a training run (${present.join(', ')}): give --resume to continue it or --overwrite to replace it`);
    }
    if (o.overwrite && clear && present.length > 0) {
      for (const e of present) await fs.rm(path.join(outDir, e), { recursive: true, force: true });
      log(`--overwrite: deleted the previous run's ${present.join(', ')} in '${outDir}'`);
    }
    return lock;
  } catch (e) {
    await lock.release();
    throw e;
  }
}

/**
 * Fails fast, before data loading, when train() would refuse OUT (and repairs it like train() does,
 * so a caller reading `OUT/last` first, e.g. for its vocabularies, sees the restored copy). Deletes
 * nothing: `overwrite` clears the old run only when training starts.
 */
export async function checkRunDir(outDir: string, o: RunDirOptions, log: (line: string) => void = () => {}): Promise<void> {
  await (await openRunDir(outDir, o, log, false)).release();
}

/** Whether OUT has a `last/` checkpoint, or a copy of one that openRunDir would restore. */
export async function canResume(outDir: string): Promise<boolean> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const last = path.join(outDir, 'last');
  return (await fs.stat(path.join(last, 'config.json')).then(() => true, () => false)) || hasRecoverableCopy(last);
}

interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

/**
 * Creates OUT/train.lock exclusively with this process's pid and host. A lock whose process is gone
 * (same host, pid not running: a trainer killed with -9) is stale and taken over; a live one, or
 * one from another host (whose pid cannot be checked), refuses the second trainer.
 */
async function acquireLock(outDir: string, log: (line: string) => void): Promise<RunDirLock> {
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const os = await import('node:os');
  const file = path.join(outDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  const release = async () => {
    const holder = await readHolder(file);
    if (holder && holder.pid === me.pid && holder.host === me.host) await fs.rm(file, { force: true });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return { file, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    const holder = await readHolder(file);
    const age = Date.now() - ((await fs.stat(file).catch(() => undefined))?.mtimeMs ?? 0);
    // An unreadable lock younger than a few seconds may be one another trainer is writing right now.
    const stale = holder ? holder.host === me.host && !isRunning(holder.pid) : age > 5000;
    if (!stale) {
      const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.started}` : 'a lock being written';
      throw new Error(`'${outDir}' is in use by another trainer (${who}; lock file '${file}'); if no trainer runs there any more, delete the lock file`);
    }
    log(`taking over the stale lock '${file}'${holder ? ` of pid ${holder.pid} (no longer running)` : ''}`);
    await fs.rm(file, { force: true });
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const fs = await import('node:fs/promises');
  try {
    const v = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? { pid: v.pid, host: v.host, started: String(v.started) } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
