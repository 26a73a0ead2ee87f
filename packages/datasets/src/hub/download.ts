import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync, unlinkSync } from 'node:fs';
import { once } from 'node:events';

/** The source could not be reached (no network, DNS, refused, reset before any progress, timeout). */
export class NetworkError extends Error {}
/** The bytes arrived but are not the ones the catalog names: nothing is kept. */
export class ChecksumError extends Error {}
/** The server answered with an error status (moved, removed, rate-limited). */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface DownloadOptions {
  /** Expected SHA-256 (hex) of the complete file. */
  sha256: string;
  /** Called with the number of new bytes as they arrive (resumed bytes are reported once at the start). */
  onBytes?: (n: number) => void;
  /** Attempts after a connection is cut (each resumes with an HTTP Range request). Default 4. */
  retries?: number;
  /** Abort an attempt when no byte arrives for this long. Default 30 s. */
  idleMs?: number;
}

/**
 * Downloads `url` into `part` (appending to what an earlier, interrupted run left there, with
 * `Range: bytes=N-`), then checks the SHA-256 of the whole file. The caller renames `part` into
 * place only after this returns, so a reader never sees a partial or unverified file. A checksum
 * mismatch deletes `part` and throws ChecksumError; a network failure keeps it for the next run.
 */
export async function downloadFile(url: string, part: string, o: DownloadOptions): Promise<void> {
  const retries = o.retries ?? 4;
  let reported = false;
  for (let attempt = 0; ; attempt++) {
    const have = existsSync(part) ? statSync(part).size : 0;
    if (!reported && have > 0) o.onBytes?.(have);
    reported = true;
    try {
      const complete = await fetchInto(url, part, have, o);
      if (complete) break;
    } catch (e) {
      if (e instanceof HttpError || attempt >= retries) throw e;
      // Connection refused or unknown host before any byte: the network is not there; say so now.
      const now = existsSync(part) ? statSync(part).size : 0;
      if (now === have && attempt >= 1) throw e;
      await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
    }
  }
  const got = await sha256File(part);
  if (got !== o.sha256) {
    unlinkSync(part);
    throw new ChecksumError(`${url}: SHA-256 is ${got}, expected ${o.sha256}; the download was deleted`);
  }
}

/** One HTTP attempt; true when the file is complete (416 on a full file counts). */
async function fetchInto(url: string, part: string, have: number, o: DownloadOptions): Promise<boolean> {
  const ctrl = new AbortController();
  const idleMs = o.idleMs ?? 30_000;
  let timer = setTimeout(() => ctrl.abort(), idleMs);
  const poke = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => ctrl.abort(), idleMs);
  };
  try {
    let res: Response;
    try {
      res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, signal: ctrl.signal, redirect: 'follow' });
    } catch (e) {
      throw new NetworkError(`${url}: ${describe(e)}`);
    }
    if (res.status === 416 && have > 0) return true;
    if (res.status !== 200 && res.status !== 206) throw new HttpError(`${url}: HTTP ${res.status} ${res.statusText}`, res.status);
    // A server that ignores Range sends the whole file again (200): start over.
    const append = res.status === 206 && have > 0;
    if (!append && have > 0) o.onBytes?.(-have);
    const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
    try {
      if (!res.body) throw new NetworkError(`${url}: empty response`);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        poke();
        if (!out.write(chunk)) await once(out, 'drain');
        o.onBytes?.(chunk.length);
      }
    } catch (e) {
      throw e instanceof NetworkError ? e : new NetworkError(`${url}: connection lost (${describe(e)})`);
    } finally {
      out.end();
      await once(out, 'close');
    }
    return true;
  } finally {
    clearTimeout(timer);
  }
}

function describe(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string }; name?: string };
  if (err.name === 'AbortError') return 'no data for too long (timed out)';
  return [err.message, err.cause?.code ?? err.cause?.message].filter(Boolean).join(': ');
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
