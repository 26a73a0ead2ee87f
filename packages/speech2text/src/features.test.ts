import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '@seq2seq/audio';
import { describe, expect, it } from 'vitest';
import { loadManifestData } from './data.js';
import { loadFileFeatures } from './features.js';
import { speechFeatureDefaults } from './options.js';

/** A folder with one good WAV and every kind of bad input the app must survive. */
function badInputs(): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'bad-wav-'));
  const tone = new Float32Array(2400).map((_, t) => 0.3 * Math.sin(t / 3));
  const good = encodeWav([tone], 8000);
  const files: Record<string, string> = {
    good: 'good.wav',
    truncated: 'truncated.wav',
    header: 'wrong-header.wav',
    silence: 'silence.wav',
    empty: 'empty.wav',
    long: 'ten-minutes.wav',
  };
  writeFileSync(join(dir, files.good!), good);
  writeFileSync(join(dir, files.truncated!), good.slice(0, 1000));
  const wrong = good.slice();
  wrong.set([0x4a, 0x55, 0x4e, 0x4b], 0); // "JUNK" instead of "RIFF"
  writeFileSync(join(dir, files.header!), wrong);
  writeFileSync(join(dir, files.silence!), encodeWav([new Float32Array(2400)], 8000));
  writeFileSync(join(dir, files.empty!), new Uint8Array(0));
  writeFileSync(join(dir, files.long!), encodeWav([new Float32Array(8000 * 600)], 8000, 'pcm8'));
  return { dir, files };
}

describe('bad audio inputs', () => {
  const { dir, files } = badInputs();

  it('each bad file gives an error naming it; the good file in the same batch still gets features', async () => {
    const names = Object.values(files);
    const out = await loadFileFeatures(names.map((n) => join(dir, n)), { features: speechFeatureDefaults });
    const byName = Object.fromEntries(names.map((n, i) => [n, out[i]!]));
    const good = byName[files.good!]!;
    expect(good.ok && good.features.frames).toBeGreaterThan(20);
    const reasons: Record<string, RegExp> = {
      [files.truncated!]: /truncated/,
      [files.header!]: /not a valid WAV/,
      [files.silence!]: /silent/,
      [files.empty!]: /empty file \(0 bytes\)/,
      [files.long!]: /600\.0 s long, above the maximum of 60 s/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const r = byName[name]!;
      expect(r.ok, name).toBe(false);
      if (!r.ok) {
        expect(r.error.startsWith(join(dir, name))).toBe(true);
        expect(r.error).toMatch(reason);
      }
    }
  });

  it('a manifest with bad files keeps every row, counts and names the skipped ones', async () => {
    const manifest = join(dir, 'm.tsv');
    writeFileSync(manifest, `path\ttext\n${Object.values(files).map((n) => `${n}\tone`).join('\n')}\nmissing.wav\ttwo\n`);
    const d = await loadManifestData(manifest, { features: speechFeatureDefaults });
    expect(d.rows).toHaveLength(7);
    expect(d.rows.filter((r) => r.features)).toHaveLength(1);
    expect(d.skipped).toHaveLength(6);
    expect(d.skipped.some((s) => s.includes('missing.wav') && /cannot read/.test(s))).toBe(true);
  });
});
