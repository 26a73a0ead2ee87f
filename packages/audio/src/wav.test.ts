import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioInputError } from './errors.js';
import { decodeWav, readWav } from './wav.js';
import { encodeWav, type WavEncoding } from './wav-encode.js';

const tone = (n: number, f: number, rate: number, amp = 0.5) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));
// Quantisation step of each encoding: decoded samples must be within one step of the original.
const STEP: Record<WavEncoding, number> = { pcm8: 1 / 128, pcm16: 1 / 32768, pcm24: 1 / 8388608, pcm32: 1e-7, float32: 1e-7, float64: 1e-7 }; // output is Float32Array

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-wav-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('decodeWav', () => {
  for (const enc of Object.keys(STEP) as WavEncoding[]) {
    it(`decodes ${enc} mono and stereo (down-mixed) at any rate`, () => {
      const left = tone(300, 440, 11025);
      const right = tone(300, 1000, 11025, 0.25);
      const mono = decodeWav(encodeWav([left], 11025, enc), 'mono.wav');
      expect(mono).toMatchObject({ sampleRate: 11025, channels: 1, encoding: enc, silent: false });
      expect(mono.samples.length).toBe(300);
      for (let i = 0; i < 300; i++) expect(Math.abs(mono.samples[i]! - left[i]!)).toBeLessThanOrEqual(STEP[enc]);
      const stereo = decodeWav(encodeWav([left, right], 11025, enc), 'stereo.wav');
      expect(stereo.channels).toBe(2);
      for (let i = 0; i < 300; i++) expect(Math.abs(stereo.samples[i]! - (left[i]! + right[i]!) / 2)).toBeLessThanOrEqual(STEP[enc]);
    });
  }

  it('maps the PCM extremes to -1 and just under 1', () => {
    const x = Float32Array.from([-1, 0, 1]);
    const d = decodeWav(encodeWav([x], 8000, 'pcm16'), 'x.wav');
    expect(Array.from(d.samples)).toEqual([-1, 0, 32767 / 32768]);
  });

  it('flags silence without failing', () => {
    const d = decodeWav(encodeWav([new Float32Array(800)], 8000, 'pcm16'), 'quiet.wav');
    expect(d.silent).toBe(true);
    expect(d.durationSec).toBeCloseTo(0.1, 6);
  });

  const bad: [string, () => Uint8Array, RegExp][] = [
    ['a 0-byte file', () => new Uint8Array(0), /empty file/],
    ['a text file', () => new TextEncoder().encode('this is not a wav file, just some text'), /not a valid WAV file/],
    ['a wrong RIFF type', () => { const b = encodeWav([tone(100, 440, 8000)], 8000); b.set([65, 86, 73, 32], 8); return b; }, /not a valid WAV file.*WAVE/],
    ['a truncated data chunk', () => encodeWav([tone(1000, 440, 8000)], 8000).slice(0, 1000), /truncated: data chunk declares 2000 bytes but only 956/],
    ['a header cut before the data chunk', () => encodeWav([tone(100, 440, 8000)], 8000).slice(0, 30), /not a valid WAV file/],
    ['an unsupported encoding (12-bit)', () => { const b = encodeWav([tone(100, 440, 8000)], 8000); new DataView(b.buffer).setUint16(34, 12, true); return b; }, /unsupported WAV encoding.*12 bits/],
    ['no samples', () => encodeWav([new Float32Array(0)], 8000), /no audio samples/],
  ];
  for (const [what, make, msg] of bad) {
    it(`rejects ${what} with an error naming the file`, () => {
      const err = (() => { try { decodeWav(make(), 'clips/bad.wav'); } catch (e) { return e; } return undefined; })();
      expect(err).toBeInstanceOf(AudioInputError);
      expect((err as Error).message).toMatch(/^clips\/bad\.wav: /);
      expect((err as Error).message).toMatch(msg);
    });
  }
});

describe('readWav', () => {
  it('reads a file and names it in errors (missing, empty, 10 minutes over the limit)', async () => {
    const ok = join(dir, 'ok.wav');
    await writeFile(ok, encodeWav([tone(8000, 440, 8000)], 8000, 'pcm16'));
    expect((await readWav(ok)).durationSec).toBe(1);
    await expect(readWav(join(dir, 'missing.wav'))).rejects.toThrow(/missing\.wav: cannot read file/);
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, new Uint8Array(0));
    await expect(readWav(empty)).rejects.toThrow(/empty\.wav: empty file/);
    // A real 10-minute file (8 kHz, 8-bit: 4.8 MB) against the default 60 s maximum.
    const long = join(dir, 'ten-minutes.wav');
    await writeFile(long, encodeWav([tone(8000 * 600, 440, 8000)], 8000, 'pcm8'));
    await expect(readWav(long)).rejects.toThrow(/ten-minutes\.wav: audio is 600\.0 s long, above the maximum of 60 s \(option maxDurationSec\)/);
    expect((await readWav(long, { maxDurationSec: 700 })).samples.length).toBe(8000 * 600);
  });
});
