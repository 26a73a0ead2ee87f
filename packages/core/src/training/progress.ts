/** Where progress goes: process.stderr by default; anything with write() and an isTTY flag. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * A progress line. On a TTY it is redrawn in place with `\r` (at most every `minIntervalMs`);
 * elsewhere (logs, CI) only `line()` calls print, one line each, so files stay readable.
 */
export class Progress {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly minIntervalMs = 200,
  ) {}

  /** Redraws the live line on a TTY; no-op elsewhere. */
  update(text: string): void {
    if (!this.stream?.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    this.stream.write(`\r${text}\x1b[K`);
    this.drawn = true;
  }

  /** Prints a permanent line (log interval, validation, messages). */
  line(text: string): void {
    if (!this.stream) return;
    this.stream.write(this.stream.isTTY && this.drawn ? `\r${text}\x1b[K\n` : `${text}\n`);
    this.drawn = false;
  }

  end(): void {
    if (this.stream?.isTTY && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}

/** 3725 -> "1h02m", 125 -> "2m05s", 9 -> "9s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return `${s}s`;
}
