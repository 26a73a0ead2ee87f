// End to end through the app: train a tiny ConvEncoder captioner on synthetic shapes, evaluate it,
// caption files (with the attention PNG) and meet bad files.
import { runApp } from '@seq2seq/cli';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCaptionModel } from '@seq2seq/image2text';
import { captionApp } from './index.js';

const COLOURS = { red: [220, 30, 30], blue: [30, 60, 220], green: [30, 170, 60] } as const;

function shapePng(rgb: readonly number[], square: boolean, size = 16): Buffer {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = square ? Math.abs(x - c) < size * 0.3 && Math.abs(y - c) < size * 0.3 : (x - c) ** 2 + (y - c) ** 2 < (size * 0.35) ** 2;
      png.data.set(inside ? [rgb[0]!, rgb[1]!, rgb[2]!, 255] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runApp(captionApp, argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let dir = '';
const modelFlags = ['--encoder', 'conv', '--conv-channels', '8,16', '--conv-input-size', '16', '--embedding-dim', '16', '--decoder-units', '32', '--dropout', '0', '--label-smoothing', '0', '--backend', 'cpu'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caption-app-test-'));
  const lines = ['image\tcaption'];
  for (const [name, rgb] of Object.entries(COLOURS)) {
    for (const square of [true, false]) {
      const file = `${name}-${square ? 'square' : 'circle'}.png`;
      writeFileSync(join(dir, file), shapePng(rgb, square));
      lines.push(`${file}\t${name} ${square ? 'square' : 'circle'}`);
      lines.push(`${file}#1\ta ${name} ${square ? 'square' : 'circle'}`);
    }
  }
  writeFileSync(join(dir, 'captions.tsv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'broken.png'), 'not an image at all');
  writeFileSync(join(dir, 'eval.tsv'), `image\tcaption\nred-square.png\tred square\nbroken.png\tbroken\nblue-circle.png\tblue circle\nred-square.png\ta red square\nblue-circle.png\ta blue circle\n`);
  const r = await run(['train', '--out', join(dir, 'out'), '--captions', join(dir, 'captions.tsv'), '--valid-captions', join(dir, 'captions.tsv'), '--epochs', '60', '--batch-size', '12', '--lr', '0.02', '--warmup', '0', '--augment-views', '0', '--patience', '0', '--validate-every', '30', ...modelFlags]);
  expect(r.err.join('\n')).toContain('training pairs: 12');
  expect(r.code).toBe(0);
});

describe('caption app', () => {
  it('train writes best and last checkpoints and reports JSON', () => {
    expect(existsSync(join(dir, 'out', 'best', 'config.json'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'last', 'config.json'))).toBe(true);
  });

  it('eval scores the readable images, skips the bad one (counted) and ends with the metrics JSON', async () => {
    const r = await run(['eval', '--model', join(dir, 'out'), '--captions', join(dir, 'eval.tsv'), '--beam', '2', '--backend', 'cpu']);
    // Done, with a skipped input: exit code 3 (README "Bad inputs").
    expect(r.code).toBe(3);
    const last = JSON.parse(r.out.at(-1)!) as Record<string, number>;
    expect(Object.keys(last).slice(0, 4)).toEqual(['bleu4', 'cider', 'exact', 'n']);
    expect(last.n).toBe(2);
    expect(last.skipped).toBe(1);
    // the model learnt its six training images
    expect(last.exact).toBe(100);
    expect(r.err.join('\n')).toMatch(/cannot decode image '.*broken.png'/);
  });

  it('predict captions files, writes one attention tile per word, and names a bad file without stopping', async () => {
    const png = join(dir, 'att.png');
    const r = await run(['predict', '--model', join(dir, 'out'), '--beam', '1', '--attention-png', png, '--tile-size', '32', '--backend', 'cpu', join(dir, 'green-square.png'), join(dir, 'broken.png'), join(dir, 'nope.png')]);
    expect(r.code).toBe(3);
    // both 'green square' and 'a green square' were training captions of this image; bad files get
    // an empty caption, so there is one line per input
    expect(r.out).toEqual([expect.stringMatching(/./), `${join(dir, 'broken.png')}\t`, `${join(dir, 'nope.png')}\t`]);
    expect(r.out[0]).toMatch(new RegExp(`^${join(dir, 'green-square.png')}\t(a )?green square$`));
    const words = r.out[0]!.split('\t')[1]!.split(' ').length;
    const err = r.err.join('\n');
    expect(err).toMatch(/skipped: cannot decode image '.*broken.png'/);
    expect(err).toMatch(/skipped: .*nope.png.*no such file/);
    expect(err).toContain('done, but 2 of 3 images were skipped');
    const out = PNG.sync.read(readFileSync(join(dir, 'att-1.png')));
    // the image tile, one per word and one for <eos>
    expect([out.width, out.height]).toEqual([(words + 2) * 32, 32]);
  });

  it('--closed-set: every caption is one of the listed ones; a list the vocabulary cannot write is an error', async () => {
    // The header and the TSV image column are ignored; 'purple star' has unknown words, so only
    // 'blue circle' can be produced, whatever the image.
    writeFileSync(join(dir, 'closed.tsv'), 'image\tcaption\nx.png\tblue circle\npurple star\n');
    const r = await run(['predict', '--model', join(dir, 'out'), '--beam', '2', '--closed-set', join(dir, 'closed.tsv'), '--backend', 'cpu', join(dir, 'green-square.png'), join(dir, 'red-circle.png')]);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => l.split('\t')[1])).toEqual(['blue circle', 'blue circle']);
    writeFileSync(join(dir, 'unknown.txt'), 'purple star\n');
    const bad = await run(['predict', '--model', join(dir, 'out'), '--closed-set', join(dir, 'unknown.txt'), '--backend', 'cpu', join(dir, 'green-square.png')]);
    expect(bad.code).toBe(1);
    expect(bad.err.join('\n')).toMatch(/none of its 1 captions can be written/);
  });

  it('gallery: stores the training images in the checkpoints; eval and predict then rank retrieved captions (--gallery-top 0 decodes freely)', async () => {
    const g = await run(['gallery', '--model', join(dir, 'out'), '--captions', join(dir, 'captions.tsv'), '--valid-fraction', '0', '--backend', 'cpu']);
    expect(g.code).toBe(0);
    expect(g.err.join('\n')).toMatch(/gallery: 12 \(image, caption\) pairs, 12 distinct captions, written to .*best/);
    for (const d of ['best', 'last']) expect(existsSync(join(dir, 'out', d, 'gallery.json'))).toBe(true);
    const e = await run(['eval', '--model', join(dir, 'out'), '--captions', join(dir, 'eval.tsv'), '--backend', 'cpu']);
    expect(e.code).toBe(3);
    expect(e.err.join('\n')).toMatch(/gallery: each image's 10 nearest of 12 training captions/);
    expect(JSON.parse(e.out.at(-1)!)).toMatchObject({ exact: 100, n: 2, skipped: 1 });
    const free = await run(['eval', '--model', join(dir, 'out'), '--captions', join(dir, 'eval.tsv'), '--gallery-top', '0', '--backend', 'cpu']);
    expect(free.err.join('\n')).not.toMatch(/gallery:/);
    const png = join(dir, 'gallery-att.png');
    const p = await run(['predict', '--model', join(dir, 'out'), '--attention-png', png, '--tile-size', '32', '--nbest', '2', '--json', '--backend', 'cpu', join(dir, 'blue-circle.png')]);
    expect(p.code).toBe(0);
    const list = (JSON.parse(p.out[0]!) as { captions: { text: string; score: number }[] }).captions;
    expect(list).toHaveLength(2);
    expect(list[0]!.text).toMatch(/^(a )?blue circle$/);
    expect(list[0]!.score).toBeGreaterThanOrEqual(list[1]!.score);
    const words = list[0]!.text.split(' ').length;
    expect(PNG.sync.read(readFileSync(png)).width).toBe((words + 2) * 32);
  });

  it('predict with only bad files fails with a clear message', async () => {
    const r = await run(['predict', '--model', join(dir, 'out'), '--backend', 'cpu', join(dir, 'broken.png')]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('none of the 1 images could be read');
  });
});

describe('caption train --emoji', () => {
  it('crops to the drawn pixels by default (stored in the checkpoint); --no-trim keeps the margins; old checkpoints load untrimmed', async () => {
    const emoji = mkdtempSync(join(tmpdir(), 'caption-emoji-test-'));
    const names = Object.keys(COLOURS);
    writeFileSync(join(emoji, 'captions.tsv'), ['image\tcaption', ...names.map((n, i) => `1f60${i}.png\t${n} face`)].join('\n'));
    for (const style of ['a', 'b']) {
      mkdirSync(join(emoji, style, '64'), { recursive: true });
      names.forEach((n, i) => writeFileSync(join(emoji, style, '64', `1f60${i}.png`), shapePng(COLOURS[n as keyof typeof COLOURS], style === 'a')));
    }
    const options = async (extra: string[]) => {
      const out = join(emoji, `out${extra.length}`);
      const r = await run(['train', '--out', out, '--emoji', emoji, '--valid-names', '0', '--epochs', '1', '--batch-size', '6', '--augment-views', '0', ...modelFlags, ...extra]);
      expect(r.code).toBe(0);
      return { out, trim: await trimOf(join(out, 'last')) };
    };
    const trimOf = async (ckpt: string) => {
      const loaded = await loadCaptionModel(ckpt);
      loaded.model.store.dispose();
      return loaded.options.trim;
    };
    const on = await options([]);
    expect(on.trim).toBe(true);
    // --emoji is a labelling task: the checkpoints get a gallery unless --gallery off
    expect(existsSync(join(on.out, 'last', 'gallery.json'))).toBe(true);
    const off = await options(['--no-trim', '--gallery', 'off']);
    expect(off.trim).toBe(false);
    expect(existsSync(join(off.out, 'last', 'gallery.json'))).toBe(false);
    // A checkpoint written before the option existed has no `trim` key: it was trained on untrimmed images.
    const cfgPath = join(on.out, 'last', 'config.json');
    const cfg = JSON.parse(readFileSync(cfgPath, 'utf8')) as { task: { options: Record<string, unknown> } };
    delete cfg.task.options.trim;
    writeFileSync(cfgPath, JSON.stringify(cfg));
    expect(await trimOf(cfgPath.replace(/config\.json$/, ''))).toBe(false);
  });
});
