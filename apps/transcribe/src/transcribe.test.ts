import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApp } from '@seq2seq/cli';
import { readManifest, writeToneFsdd } from '@seq2seq/speech2text';
import { describe, expect, it } from 'vitest';
import { transcribeApp } from './index.js';

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(transcribeApp, [...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('transcribe end to end (synthetic tone digits)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'transcribe-'));
  const fsdd = writeToneFsdd(join(tmp, 'fsdd'), { speakers: ['ann', 'bob'], perDigit: 2, seconds: 0.1 });
  const out = join(tmp, 'model');
  const tiny = ['--encoder-units', '8', '--encoder-layers', '1', '--conv-channels', '8', '--embedding-dim', '8', '--decoder-units', '16', '--backend', 'cpu'];

  it('make-manifest, train, eval and predict (bad files reported by name, not a crash)', async () => {
    const mm = await run(['make-manifest', '--fsdd', fsdd, '--speakers', 'bob', '--out', join(tmp, 'held-out'), '--count', '4']);
    expect(mm.code, mm.err.join('\n')).toBe(0);
    const manifest = mm.out.at(-1)!;
    const items = readManifest(manifest).items;
    expect(items).toHaveLength(4);

    const tr = await run(['train', '--fsdd', fsdd, '--train-speakers', 'ann', '--valid-speakers', 'bob', '--train-count', '12', '--valid-count', '3', '--epochs', '2', '--out', out, ...tiny]);
    expect(tr.code, tr.err.join('\n')).toBe(0);
    expect(JSON.parse(tr.out.at(-1)!).steps).toBeGreaterThan(0);
    expect(existsSync(join(out, 'best/config.json'))).toBe(true);

    // A bad file in the manifest: scored as an empty output, counted as skipped.
    writeFileSync(join(tmp, 'held-out/wav/broken.wav'), 'this is a text file, not a WAV file at all');
    writeFileSync(manifest, `path\ttext\n${items.map((i) => `${i.path}\t${i.text}`).join('\n')}\nwav/broken.wav\tseven\n`);
    const ev = await run(['eval', '--model', out, '--manifest', manifest, '--beam', '2', '--tta-vtlp', '1', '--backend', 'cpu']);
    // Done, with a skipped input: exit code 3 (README "Bad inputs").
    expect(ev.code, ev.err.join('\n')).toBe(3);
    const scores = JSON.parse(ev.out.at(-1)!);
    expect(Object.keys(scores).sort()).toEqual(['cer', 'n', 'skipped', 'wer']);
    expect(scores.n).toBe(5);
    expect(scores.skipped).toBe(1);
    expect(scores.wer).toBeGreaterThan(0); // the broken row alone contributes a deletion
    expect(ev.err.some((l) => l.includes('broken.wav') && l.includes('not a valid WAV'))).toBe(true);

    // An ensemble of the model with itself is the same distribution, so the same output.
    const same = await run(['eval', '--model', `${out},${out}`, '--manifest', manifest, '--beam', '2', '--tta-vtlp', '1', '--backend', 'cpu']);
    expect(same.code, same.err.join('\n')).toBe(3);
    expect(JSON.parse(same.out.at(-1)!)).toEqual(scores);
    // Test-time augmentation (the app default: 7 VTLP warps) decodes every view together, cached
    // per warp; a bad warp list is refused.
    const cache = join(tmp, 'feature-cache');
    for (let pass = 0; pass < 2; pass++) {
      const tta = await run(['eval', '--model', out, '--manifest', manifest, '--beam', '2', '--feature-cache', cache, '--backend', 'cpu']);
      expect(tta.code, tta.err.join('\n')).toBe(3);
      expect(JSON.parse(tta.out.at(-1)!).n).toBe(5);
    }
    // 4 readable files x 7 warps, each computed once.
    expect(readdirSync(cache).filter((f) => f.endsWith('.feat'))).toHaveLength(28);
    const badWarp = await run(['eval', '--model', out, '--manifest', manifest, '--tta-vtlp', '3', '--backend', 'cpu']);
    expect(badWarp.code).not.toBe(0);
    expect(badWarp.err.join('\n')).toMatch(/--tta-vtlp must be warps between 0.5 and 1.5/);
    // Members must share the vocabulary: a character model cannot join a word model.
    const chars = join(tmp, 'chars');
    const tc = await run(['train', '--fsdd', fsdd, '--train-speakers', 'ann', '--valid-speakers', 'bob', '--train-count', '6', '--valid-count', '2', '--epochs', '1', '--output', 'char', '--out', chars, ...tiny]);
    expect(tc.code, tc.err.join('\n')).toBe(0);
    const mixed = await run(['eval', '--model', `${out},${chars}`, '--manifest', manifest, '--backend', 'cpu']);
    expect(mixed.code).not.toBe(0);
    expect(mixed.err.join('\n')).toMatch(/ensemble member '.*chars.*' differs from .* target vocabulary/);

    const pr = await run(['predict', '--model', out, '--beam', '1', '--backend', 'cpu', items[0]!.path, join(tmp, 'held-out/wav/broken.wav'), items[1]!.path]);
    expect(pr.code).toBe(3);
    // One line per input, the bad file's empty, so outputs stay aligned with inputs.
    expect(pr.out).toHaveLength(3);
    expect(pr.out[0]!.startsWith(`${items[0]!.path}\t`)).toBe(true);
    expect(pr.out[1]).toBe(`${join(tmp, 'held-out/wav/broken.wav')}\t`);
    expect(pr.out[2]!.startsWith(`${items[1]!.path}\t`)).toBe(true);
    expect(pr.err.join('\n')).toMatch(/broken\.wav: not a valid WAV/);
    expect(pr.err.join('\n')).toMatch(/done, but 1 of 3 files were skipped/);
  });
});
