import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from './cache.js';
import { loadFeatures } from './load.js';
import { encodeWav } from './wav-encode.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-cache-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const wav = (f: number) => encodeWav([Float32Array.from({ length: 4000 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 8000))], 8000, 'pcm16');

describe('FeatureCache', () => {
  it('computes once, then hits with identical features; a changed file or config misses', async () => {
    const file = join(dir, 'a.wav');
    await writeFile(file, wav(440));
    const cacheDir = join(dir, 'cache');
    const cache = new FeatureCache({ dir: cacheDir, features: { sampleRate: 8000 } });
    const first = await cache.load(file);
    expect([cache.hits, cache.misses]).toEqual([0, 1]);
    const second = await cache.load(file);
    expect([cache.hits, cache.misses]).toEqual([1, 1]);
    expect(second.data).toEqual(first.data);
    expect([second.frames, second.dim, second.silent, second.durationSec]).toEqual([first.frames, first.dim, false, 0.5]);
    expect(first.data).toEqual((await loadFeatures(file, { features: { sampleRate: 8000 } })).data);
    expect((await readdir(cacheDir)).filter((n) => n.endsWith('.feat'))).toHaveLength(1);

    // A new config is a different key.
    const other = new FeatureCache({ dir: cacheDir, features: { sampleRate: 8000, kind: 'logmel' } });
    await other.load(file);
    expect([other.hits, other.misses]).toEqual([0, 1]);

    // A VTLP-warped view is its own entry with its own features; warp 1 is the plain entry.
    const warped = new FeatureCache({ dir: cacheDir, features: { sampleRate: 8000 }, augment: { vtlp: 1.1 } });
    const w1 = await warped.load(file);
    expect([warped.hits, warped.misses]).toEqual([0, 1]);
    expect(w1.data).not.toEqual(first.data);
    expect((await warped.load(file)).data).toEqual(w1.data);
    expect(warped.hits).toBe(1);
    const unwarped = new FeatureCache({ dir: cacheDir, features: { sampleRate: 8000 }, augment: { vtlp: 1 } });
    expect((await unwarped.load(file)).data).toEqual(first.data);
    expect(unwarped.hits).toBe(1);

    // Rewriting the file (new content and mtime) misses and recomputes.
    await writeFile(file, wav(1000));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const third = await cache.load(file);
    expect(cache.misses).toBe(2);
    expect(third.data).not.toEqual(first.data);
  });

  it('treats a corrupt entry as a miss and rewrites it', async () => {
    const file = join(dir, 'b.wav');
    await writeFile(file, wav(300));
    const cache = new FeatureCache({ dir: join(dir, 'cache2'), features: { sampleRate: 8000 } });
    const good = await cache.load(file);
    const { file: entry } = await cache.entryFor(file);
    await writeFile(entry, 'S2SF garbage');
    const again = await cache.load(file);
    expect([cache.hits, cache.misses]).toEqual([0, 2]);
    expect(again.data).toEqual(good.data);
    await cache.load(file);
    expect(cache.hits).toBe(1);
  });

  it('names the file when it is missing', async () => {
    const cache = new FeatureCache({ dir: join(dir, 'cache3') });
    await expect(cache.load(join(dir, 'nope.wav'))).rejects.toThrow(/nope\.wav: cannot read file/);
  });
});
