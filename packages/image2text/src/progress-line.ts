/**
 * A progress reporter for long feature extraction: on a terminal one line rewritten in place
 * (carriage return), elsewhere (logs, pipes) a line every `everyMs`, so a training log shows the rate
 * and the time left without thousands of lines. Kept local to captioning on purpose: a generic
 * progress helper may replace it.
 */
export function progressLine(label: string, log: (line: string) => void, o: { tty?: boolean; everyMs?: number; now?: () => number } = {}): (done: number, total: number) => void {
  const now = o.now ?? Date.now;
  const tty = o.tty ?? Boolean(process.stderr.isTTY);
  const everyMs = o.everyMs ?? (tty ? 500 : 30_000);
  const start = now();
  let last = start;
  return (done, total) => {
    const t = now();
    if (done < total && t - last < everyMs) return;
    last = t;
    const secs = Math.max(1e-3, (t - start) / 1000);
    const rate = done / secs;
    const left = rate > 0 ? (total - done) / rate : 0;
    const text = `${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} images (${rate.toFixed(1)}/s, ${done < total ? `~${duration(left)} left` : `${duration(secs)}`})`;
    if (tty) process.stderr.write(`\r${text}${done >= total ? '\n' : ''}`);
    else log(text);
  };
}

function duration(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
