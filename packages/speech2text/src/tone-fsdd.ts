import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '@seq2seq/audio';

/**
 * Writes a synthetic FSDD-shaped folder (`recordings/{digit}_{speaker}_{i}.wav`, 8 kHz) where each
 * digit is a short tone of its own pitch: a dataset that is learnable in seconds, for tests and
 * smoke runs without the real FSDD.
 */
export function writeToneFsdd(dir: string, o: { speakers: readonly string[]; perDigit?: number; seconds?: number }): string {
  const rec = join(dir, 'recordings');
  mkdirSync(rec, { recursive: true });
  const rate = 8000;
  o.speakers.forEach((speaker, s) => {
    for (let digit = 0; digit < 10; digit++) {
      for (let i = 0; i < (o.perDigit ?? 2); i++) {
        const n = Math.round(rate * (o.seconds ?? 0.15) * (1 + 0.1 * i));
        const f = 250 + 300 * digit + 20 * s;
        const x = new Float32Array(n);
        for (let t = 0; t < n; t++) x[t] = 0.5 * Math.sin((2 * Math.PI * f * t) / rate) * Math.sin((Math.PI * t) / n);
        writeFileSync(join(rec, `${digit}_${speaker}_${i}.wav`), encodeWav([x], rate, 'pcm16'));
      }
    }
  });
  return dir;
}
