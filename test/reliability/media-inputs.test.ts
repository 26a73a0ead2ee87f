// caption and transcribe meet generated bad files (empty, fake, truncated, lying headers): each is
// named on stderr and answered with an empty line, the rest are decoded, and the exit code is 3.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '@seq2seq/audio';
import { captionApp } from '@seq2seq/app-caption';
import { transcribeApp } from '@seq2seq/app-transcribe';
import { writeToneFsdd } from '@seq2seq/speech2text';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers.js';

const dir = tempDir('media');

function squarePng(rgb: readonly number[]): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let p = 0; p < 256; p++) png.data.set([...rgb, 255], p * 4);
  return PNG.sync.write(png);
}

/** Bad image files of every kind, and what their message must say. */
function badImages(): [string, RegExp][] {
  const good = squarePng([200, 20, 20]);
  const lying = Buffer.from(good);
  lying.writeUInt32BE(100_000, 16); // IHDR width and height: 10^10 pixels
  lying.writeUInt32BE(100_000, 20);
  const jpg = jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 90) }, 90).data;
  const files: [string, Uint8Array, RegExp][] = [
    ['empty.png', new Uint8Array(0), /empty \(0 bytes\)/],
    ['fake.png', Buffer.from('<html>not an image</html>'), /not a PNG or JPEG/],
    ['truncated.png', good.subarray(0, good.length >> 1), /corrupt or truncated PNG/],
    ['truncated.jpg', jpg.subarray(0, jpg.length >> 1), /JPEG/],
    ['lying.png', lying, /100000x100000 = 10000000000 pixels exceeds maxPixels/],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  return files.map(([name, , message]) => [join(dir, name), message]);
}

describe('caption with bad images', () => {
  it('predict: names each bad file, keeps one line per input, exits 3; only bad files exit 1', async () => {
    const lines = ['image\tcaption'];
    for (const [name, rgb] of [['red', [200, 20, 20]], ['blue', [20, 20, 200]]] as const) {
      writeFileSync(join(dir, `${name}.png`), squarePng(rgb));
      lines.push(`${name}.png\t${name} square`);
    }
    writeFileSync(join(dir, 'captions.tsv'), `${lines.join('\n')}\n`);
    const model = join(dir, 'caption');
    const flags = ['--encoder', 'conv', '--conv-channels', '4,8', '--conv-input-size', '16', '--embedding-dim', '8', '--decoder-units', '8', '--backend', 'cpu'];
    const t = await run(captionApp, ['train', '--out', model, '--captions', join(dir, 'captions.tsv'), '--valid-captions', join(dir, 'captions.tsv'), '--epochs', '1', '--augment-views', '0', ...flags]);
    expect(t.code, t.err).toBe(0);

    const bad = badImages();
    const inputs = [join(dir, 'red.png'), ...bad.map(([f]) => f), join(dir, 'missing.png'), join(dir, 'blue.png')];
    const r = await run(captionApp, ['predict', '--model', model, '--beam', '1', '--backend', 'cpu', ...inputs]);
    expect(r.code, r.err).toBe(3);
    expect(r.out).toHaveLength(inputs.length);
    r.out.forEach((line, i) => expect(line.startsWith(`${inputs[i]}\t`)).toBe(true));
    for (const [file, message] of bad) expect(r.err).toMatch(new RegExp(`skipped: cannot decode image '${file}': .*${message.source}`));
    expect(r.err).toMatch(/missing\.png.*no such file/);
    expect(r.err).toMatch(/done, but 6 of 8 images were skipped/);
    const none = await run(captionApp, ['predict', '--model', model, '--backend', 'cpu', ...bad.map(([f]) => f)]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/none of the 5 images could be read/);
  });
});

describe('transcribe with bad WAVs', () => {
  it('predict: names each bad file, keeps one line per input, exits 3', async () => {
    const fsdd = writeToneFsdd(join(dir, 'fsdd'), { speakers: ['ann', 'bob'], perDigit: 1, seconds: 0.1 });
    const model = join(dir, 'transcribe');
    const tiny = ['--encoder-units', '8', '--encoder-layers', '1', '--conv-channels', '8', '--embedding-dim', '8', '--decoder-units', '8', '--backend', 'cpu'];
    const t = await run(transcribeApp, ['train', '--fsdd', fsdd, '--train-speakers', 'ann', '--valid-speakers', 'bob', '--train-count', '4', '--valid-count', '1', '--epochs', '1', '--out', model, ...tiny]);
    expect(t.code, t.err).toBe(0);

    const wav = encodeWav([Float32Array.from({ length: 800 }, (_, i) => Math.sin(i / 3) * 0.5)], 8000);
    const lying = Buffer.from(wav);
    lying.writeUInt32LE(0x7fff_fff0, 40); // the data chunk claims 2 GB
    const files: [string, Uint8Array, RegExp][] = [
      ['empty.wav', new Uint8Array(0), /./],
      ['fake.wav', Buffer.from('this is a text file, not a WAV file'), /not a valid WAV/],
      ['truncated.wav', wav.subarray(0, wav.length >> 1), /truncated: data chunk declares/],
      ['lying.wav', lying, /truncated: data chunk declares 2147483632 bytes|audio is 134217.7 s long, above the maximum of 60 s/],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const good = join(fsdd, 'recordings', readdirSync(join(fsdd, 'recordings'))[0]!);
    const inputs = [good, ...files.map(([n]) => join(dir, n)), good];
    const r = await run(transcribeApp, ['predict', '--model', model, '--beam', '1', '--backend', 'cpu', ...inputs]);
    expect(r.code, r.err).toBe(3);
    expect(r.out).toHaveLength(inputs.length);
    r.out.forEach((line, i) => expect(line.startsWith(`${inputs[i]}\t`)).toBe(true));
    for (const [name, , message] of files) expect(r.err).toMatch(new RegExp(`${name}.*${message.source}`));
    expect(r.err).toMatch(/done, but 4 of 6 files were skipped/);
    expect(readFileSync(good).length).toBeGreaterThan(44);
  });
});
