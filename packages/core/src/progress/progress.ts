import { formatDuration } from '../training/progress.js';

/**
 * Progress lines with an ETA for steps that can run for minutes (downloads, feature extraction,
 * vocabulary building, evaluation). One line per report on the log (stderr), never `\r` redraws:
 * logs are often files or CI output, where a redraw leaves garbage.
 */
export interface ProgressOptions {
  /** What is being done, e.g. 'download multi30k' or 'features'. */
  label: string;
  /** Units of work in all (bytes for `unit: 'bytes'`); 0 or unknown: no percentage or ETA. */
  total: number;
  log: (line: string) => void;
  /** How `done`/`total` are printed. Default 'items'. */
  unit?: 'items' | 'bytes';
  /** Least time between two lines (the first and the last are always printed). Default 2000 ms. */
  everyMs?: number;
  /** Clock (tests). Default Date.now. */
  now?: () => number;
}

export interface StepProgress {
  /** Reports `done` units finished so far (and the total, once known); prints when `everyMs` has passed since the last line. */
  update(done: number, total?: number): void;
  /** Prints the final line (once). */
  finish(done?: number): void;
  /** Seconds since the start. */
  elapsedSeconds(): number;
}

export function startProgress(o: ProgressOptions): StepProgress {
  const now = o.now ?? Date.now;
  const every = o.everyMs ?? 2000;
  const started = now();
  let last = -Infinity;
  let latest = 0;
  let finished = false;
  let total = o.total;
  const print = (done: number, final: boolean): void => {
    last = now();
    o.log(progressLine(o.label, done, total, (last - started) / 1000, o.unit ?? 'items', final));
  };
  return {
    update(done, newTotal) {
      latest = done;
      if (newTotal !== undefined) total = newTotal;
      if (!finished && now() - last >= every) print(done, false);
    },
    finish(done = latest) {
      if (finished) return;
      finished = true;
      print(done, true);
    },
    elapsedSeconds: () => (now() - started) / 1000,
  };
}

/** e.g. `download multi30k: 1.2 MB / 3.0 MB (40%), 600.0 kB/s, 2s elapsed, ETA 3s`. */
export function progressLine(label: string, done: number, total: number, seconds: number, unit: 'items' | 'bytes', final = false): string {
  const fmt = unit === 'bytes' ? formatBytes : (n: number) => n.toLocaleString('en');
  const parts = [`${label}: ${fmt(done)}${total > 0 ? ` / ${fmt(total)} (${Math.floor((100 * done) / total)}%)` : ''}`];
  const rate = seconds > 0 ? done / seconds : 0;
  if (rate > 0) parts.push(unit === 'bytes' ? `${formatBytes(rate)}/s` : `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`);
  parts.push(`${formatDuration(seconds)} elapsed`);
  if (final) parts.push('done');
  else if (total > 0 && rate > 0 && done < total) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  return parts.join(', ');
}

export function formatBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
