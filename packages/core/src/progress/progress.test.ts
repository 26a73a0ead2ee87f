import { describe, expect, it } from 'vitest';
import { formatBytes, progressLine, startProgress } from './progress.js';

describe('progress lines', () => {
  it('prints the first line, then at most one per interval, then the final line once', () => {
    let t = 0;
    const lines: string[] = [];
    const p = startProgress({ label: 'features', total: 100, log: (l) => lines.push(l), everyMs: 1000, now: () => t });
    t = 500;
    p.update(10); // first report: printed
    t = 900;
    p.update(20); // within the interval: quiet
    t = 1600;
    p.update(40);
    p.finish(100);
    p.finish(100);
    expect(lines).toEqual(['features: 10 / 100 (10%), 20/s, 1s elapsed, ETA 5s', 'features: 40 / 100 (40%), 25/s, 2s elapsed, ETA 2s', 'features: 100 / 100 (100%), 63/s, 2s elapsed, done']);
  });
  it('formats bytes, durations and unknown totals', () => {
    expect(progressLine('download x', 1_500_000, 3_000_000, 2, 'bytes')).toBe('download x: 1.5 MB / 3.0 MB (50%), 750.0 kB/s, 2s elapsed, ETA 2s');
    expect(progressLine('vocabulary', 5, 0, 0, 'items')).toBe('vocabulary: 5, 0s elapsed');
    expect(formatBytes(999)).toBe('999 B');
  });
});
