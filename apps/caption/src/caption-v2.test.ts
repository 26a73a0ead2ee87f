// End to end with the pretrained encoders on a tiny emoji set (3 names x 2 artists): MobileNet v2
// trains, records its weights by hash (no path), selects on the held-out artist's validation slice
// and scores its test slice; v1 checkpoints still train and load. Skipped without ../shared/models.
import { runApp } from '@seq2seq/cli';
import { DEFAULT_SHARED_DIR, DEFAULT_V2_DIR } from '@seq2seq/image';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { captionApp } from './index.js';

const haveWeights = existsSync(join(DEFAULT_V2_DIR, 'model.json')) && existsSync(join(DEFAULT_SHARED_DIR, 'graph', 'model.json'));
const COLOURS = [[220, 30, 30], [30, 60, 220], [30, 170, 60]] as const;

function disc(rgb: readonly number[], square: boolean, size = 16): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const inside = square ? Math.abs(x - 7.5) < 5 && Math.abs(y - 7.5) < 5 : (x - 7.5) ** 2 + (y - 7.5) ** 2 < 30;
    png.data.set(inside ? [rgb[0]!, rgb[1]!, rgb[2]!, 255] : [0, 0, 0, 0], (y * size + x) * 4);
  }
  return PNG.sync.write(png);
}

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(captionApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe.skipIf(!haveWeights)('caption with pretrained encoders', () => {
  const emoji = mkdtempSync(join(tmpdir(), 'caption-v2-test-'));
  writeFileSync(join(emoji, 'captions.tsv'), ['image\tcaption', ...['red', 'blue', 'green'].map((n, i) => `1f60${i}.png\t${n} face`)].join('\n'));
  for (const style of ['a', 'b']) {
    mkdirSync(join(emoji, style, '64'), { recursive: true });
    COLOURS.forEach((rgb, i) => writeFileSync(join(emoji, style, '64', `1f60${i}.png`), disc(rgb, style === 'a')));
  }
  const cache = join(emoji, 'cache');
  const tiny = ['--embedding-dim', '8', '--decoder-units', '16', '--epochs', '2', '--batch-size', '3', '--augment-views', '0', '--threads', '1', '--cache-dir', cache];

  it('--encoder mobilenet-v2: trains with a progress line, stores weights as {id, sha256}, selects on the validation slice, evaluates the test slice', async () => {
    const out = join(emoji, 'v2');
    const split = ['--emoji', emoji, '--valid-names', '0', '--valid-style', 'b', '--valid-drawings', '0.5', '--split-seed', '3'];
    const r = await run(['train', '--out', out, '--encoder', 'mobilenet-v2', ...split, ...tiny]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.err.join('\n')).toMatch(/image features \(.*\): 3 \/ 3 \(100%\)/);
    expect(r.err.join('\n')).toContain('mobilenet-v2 features: 0 cached, 3 computed, 0 skipped');
    expect(r.err.join('\n')).toContain('encoder weights: mobilenet_v2_1.0_224_quant (sha256 2df28fdc94b9...)');
    const cfg = JSON.parse(readFileSync(join(out, 'best', 'config.json'), 'utf8')) as { encoder: unknown; task: { split: Record<string, unknown> } };
    expect(cfg.encoder).toEqual({ kind: 'mobilenet-v2', config: { weights: { id: 'mobilenet_v2_1.0_224_quant', sha256: expect.stringMatching(/^2df28fdc/) }, palette: 'skin-tones' } });
    expect(JSON.stringify(cfg.encoder)).not.toContain('/');
    expect(cfg.task.split).toMatchObject({ validStyle: 'b', validDrawings: 0.5, splitSeed: 3 });
    expect(existsSync(join(out, 'best', 'gallery.json'))).toBe(true);
    const scored = async (drawings: string) => {
      const e = await run(['eval', '--model', out, '--emoji', emoji, '--style', 'b', '--drawings', drawings, '--beam', '1', '--threads', '1', '--cache-dir', cache]);
      expect(e.code, e.err.join('\n')).toBe(0);
      return (JSON.parse(e.out.at(-1)!) as { n: number }).n;
    };
    const [test, valid] = [await scored('test'), await scored('valid')];
    expect(test + valid).toBe(3);
    expect(test).toBeGreaterThan(0);
    const bad = await run(['eval', '--model', out, '--emoji', emoji, '--style', 'b', '--mobilenet-v2-dir', join(emoji, 'nowhere'), '--threads', '1']);
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toMatch(/no MobileNet v2 model.json in '.*nowhere' \(the given folder\)|\$SEQ2SEQ_MOBILENET_V2_DIR/);
    delete process.env.SEQ2SEQ_MOBILENET_V2_DIR;
  });

  it('v1 (--encoder mobilenet) still trains and its checkpoint (no weights key) loads for eval', async () => {
    const out = join(emoji, 'v1');
    const r = await run(['train', '--out', out, '--emoji', emoji, '--valid-names', '0', '--gallery', 'off', ...tiny]);
    expect(r.code, r.err.join('\n')).toBe(0);
    const cfg = JSON.parse(readFileSync(join(out, 'last', 'config.json'), 'utf8')) as { encoder: unknown };
    expect(cfg.encoder).toEqual({ kind: 'mobilenet', config: { version: 1, alpha: 0.25, fineTuneBlocks: 0, palette: 'skin-tones' } });
    const e = await run(['eval', '--model', out, '--emoji', emoji, '--style', 'a', '--beam', '1', '--threads', '1', '--cache-dir', cache]);
    expect(e.code, e.err.join('\n')).toBe(0);
  });
});
