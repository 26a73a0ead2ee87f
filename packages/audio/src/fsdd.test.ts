import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { ParamStore } from '@seq2seq/core';
import { expectNoLeaks } from '@seq2seq/testing';
import { describe, expect, it } from 'vitest';
import { prepareAudioBatch } from './batch.js';
import { FeatureCache } from './cache.js';
import { AudioRnnEncoder } from './encoder.js';
import { readWav } from './wav.js';

// Free Spoken Digit Dataset (8 kHz, 16-bit mono), outside the repo: <repo>/../shared/data/fsdd.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const recordings = join(repoRoot, '../shared/data/fsdd/recordings');
const files = [0, 1, 2, 3, 4, 5].map((d) => join(recordings, `${d}_jackson_0.wav`));

describe.skipIf(!files.every((f) => existsSync(f)))('FSDD smoke test', () => {
  it('decodes real recordings, caches their features and encodes them', async () => {
    for (const f of files) {
      const a = await readWav(f);
      expect([a.sampleRate, a.channels, a.encoding, a.silent]).toEqual([8000, 1, 'pcm16', false]);
      expect(a.durationSec).toBeGreaterThan(0.1);
      expect(a.durationSec).toBeLessThan(2);
    }
    const dir = await mkdtemp(join(tmpdir(), 'audio-fsdd-'));
    try {
      const cache = new FeatureCache({ dir, features: { sampleRate: 8000 } });
      const t0 = performance.now();
      const epoch1 = await Promise.all(files.map((f) => cache.load(f)));
      const ms = performance.now() - t0;
      const seconds = epoch1.reduce((s, u) => s + u.durationSec, 0);
      console.log(`FSDD: ${files.length} files, ${seconds.toFixed(2)} s of audio, features in ${ms.toFixed(0)} ms (${(ms / seconds).toFixed(1)} ms per second of audio, incl. decode and cache write)`);
      const epoch2 = await Promise.all(files.map((f) => cache.load(f)));
      expect([cache.misses, cache.hits]).toEqual([6, 6]);
      epoch2.forEach((u, i) => expect(u.data).toEqual(epoch1[i]!.data));
      for (const u of epoch1) {
        expect(u.dim).toBe(39);
        expect(u.frames).toBe(1 + Math.floor((Math.round(u.durationSec * 8000) - 200) / 80));
        expect(u.data.every(Number.isFinite)).toBe(true);
      }
      const store = ParamStore.create(3);
      const enc = new AudioRnnEncoder({ inputDim: 39, units: 8, layers: 1, convChannels: 8 }, store);
      await expectNoLeaks(() => {
        const batch = prepareAudioBatch(epoch1);
        const out = enc.encode(batch);
        expect(tf.tidy(() => tf.sum(out.mask, 1).arraySync())).toEqual(epoch1.map((u) => Math.ceil(u.frames / 4)));
        expect(tf.tidy(() => tf.all(tf.isFinite(out.states)).arraySync())).toBe(1);
        tf.dispose([batch, out]);
      });
      store.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
