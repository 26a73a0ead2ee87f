import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@seq2seq/core';
import { describe, expect, it } from 'vitest';
import { generateDigitStrings } from './digit-strings.js';
import { samplesFeatures } from './features.js';
import { listFsdd, recordingsOf } from './fsdd.js';
import { mixClips } from './mix.js';
import { writeToneFsdd } from './tone-fsdd.js';

describe('FSDD digit strings', () => {
  const dir = writeToneFsdd(mkdtempSync(join(tmpdir(), 'fsdd-')), { speakers: ['ann', 'bob'], perDigit: 2 });

  it('lists recordings by speaker and names the known speakers on a miss', () => {
    const all = listFsdd(dir);
    expect([...all.keys()]).toEqual(['ann', 'bob']);
    expect(all.get('ann')).toHaveLength(20);
    expect(() => recordingsOf(all, ['zed'])).toThrow(/no speaker 'zed'; known: ann, bob/);
  });

  it('is deterministic for a seed, one speaker per utterance, 1-7 digit words', async () => {
    const recs = recordingsOf(listFsdd(dir), ['ann', 'bob']);
    const a = await generateDigitStrings(recs, { count: 12, seed: 5 });
    const b = await generateDigitStrings(recs, { count: 12, seed: 5 });
    const c = await generateDigitStrings(recs, { count: 12, seed: 6 });
    expect(a.map((u) => u.text)).toEqual(b.map((u) => u.text));
    expect(a.map((u) => Array.from(u.samples.slice(0, 50)))).toEqual(b.map((u) => Array.from(u.samples.slice(0, 50))));
    expect(a.map((u) => u.text)).not.toEqual(c.map((u) => u.text));
    for (const u of a) {
      const words = u.text.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(1);
      expect(words.length).toBeLessThanOrEqual(7);
      expect(words.every((w) => ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].includes(w))).toBe(true);
      expect(['ann', 'bob']).toContain(u.speaker);
    }
  });

  it('mixClips puts 50-300 ms pauses between clips and keeps speech intact under light noise', () => {
    const clip = new Float32Array(800).fill(0.5);
    for (let seed = 0; seed < 20; seed++) {
      const x = mixClips([clip, clip, clip], mulberry32(seed), { sampleRate: 8000, edgeMs: [0, 0], noiseDb: [-40, -40] });
      const extra = x.length - 3 * 800; // two pauses
      expect(extra).toBeGreaterThanOrEqual(2 * 400);
      expect(extra).toBeLessThanOrEqual(2 * 2400);
      // noise at -40 dB relative to speech RMS: the pauses stay quiet
      expect(Math.abs(x[800 + 100]!)).toBeLessThan(0.05);
      expect(Math.abs(x[100]! - 0.5)).toBeLessThan(0.05);
    }
  });

  it('speed perturbation changes the length by the factor', () => {
    const clip = new Float32Array(8000).fill(0.2);
    const x = mixClips([clip], mulberry32(1), { sampleRate: 8000, edgeMs: [0, 0], speeds: [1.25] });
    expect(x.length).toBe(6400);
  });

  it('VTLP draws one warp per utterance in range, leaves the audio as it was, and changes the features', async () => {
    const recs = recordingsOf(listFsdd(dir), ['ann', 'bob']);
    const plain = await generateDigitStrings(recs, { count: 8, seed: 5 });
    const warped = await generateDigitStrings(recs, { count: 8, seed: 5, vtlp: [0.9, 1.1] });
    expect(plain.every((u) => u.vtlp === undefined)).toBe(true);
    expect(warped.map((u) => u.text)).toEqual(plain.map((u) => u.text));
    expect(warped.map((u) => Array.from(u.samples))).toEqual(plain.map((u) => Array.from(u.samples)));
    const factors = warped.map((u) => u.vtlp!);
    expect(factors.every((a) => a >= 0.9 && a <= 1.1)).toBe(true);
    expect(new Set(factors).size).toBe(8);
    const fp = samplesFeatures(plain.slice(0, 2), {});
    const fw = samplesFeatures(warped.slice(0, 2), {});
    expect(fw[0]!.frames).toBe(fp[0]!.frames);
    expect(Array.from(fw[0]!.data)).not.toEqual(Array.from(fp[0]!.data));
  });
});
