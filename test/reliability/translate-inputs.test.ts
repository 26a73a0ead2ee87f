// The bad-input policy (README "Bad inputs") on the translate app, which stands for the text apps:
// broken data files, bad UTF-8 and binary stdin, control characters, over-long lines, unwritable
// output, existing runs, and tampered checkpoints. All inputs are generated here.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { translateApp } from '@seq2seq/app-translate';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, runBin, tempDir, TINY_TRANSLATE, writeTranslateCorpus } from './helpers.js';

const dir = tempDir('translate');
const train = writeTranslateCorpus(dir);
const out = join(dir, 'run');
const best = join(out, 'best');

beforeAll(async () => {
  const r = await run(translateApp, ['train', '--out', out, '--train', train, '--valid', train, '--epochs', '2', ...TINY_TRANSLATE]);
  expect(r.code, r.err).toBe(0);
});

describe('translate train', () => {
  it('refuses an existing run without --resume/--overwrite, and --resume with nothing to resume', async () => {
    const before = readFileSync(join(best, 'weights.bin'));
    const again = await run(translateApp, ['train', '--out', out, '--train', train, '--epochs', '1', ...TINY_TRANSLATE]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already holds a training run \(best, last, train\.jsonl\): give --resume to continue it or --overwrite/);
    expect(readFileSync(join(best, 'weights.bin')).equals(before)).toBe(true);
    const nothing = await run(translateApp, ['train', '--out', join(dir, 'fresh'), '--resume', '--train', train, ...TINY_TRANSLATE]);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/nothing to resume in '.*fresh'/);
  });

  it('names the file and line of bad text data, and skips broken lines with their FILE:LINE', async () => {
    const latin1 = join(dir, 'latin1.tsv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('red cat\trot katze\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x09, 0x63, 0x61, 0x66, 0xe9, 0x0a])]));
    const bad = await run(translateApp, ['train', '--out', join(dir, 'l1'), '--train', latin1, ...TINY_TRANSLATE]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/'.*latin1\.tsv' line 2 is not valid UTF-8/);
    const binary = join(dir, 'binary.tsv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const bin = await run(translateApp, ['train', '--out', join(dir, 'bin'), '--train', binary, ...TINY_TRANSLATE]);
    expect(bin.code).toBe(1);
    expect(bin.err).toMatch(/'.*binary\.tsv' is not a text file/);

    const broken = join(dir, 'broken.tsv');
    writeFileSync(broken, `${readFileSync(train, 'utf8')}no tab here\n\tempty source\n`);
    const ev = await run(translateApp, ['eval', '--model', out, '--data', broken, '--beam', '1', '--backend', 'cpu']);
    expect(ev.code, ev.err).toBe(3);
    expect(ev.err).toMatch(/skipped 2 lines .*broken\.tsv:38: no column 2 .*broken\.tsv:39: empty source/);
    expect(JSON.parse(ev.out.at(-1)!)).toMatchObject({ n: 36, skipped: 2 });
    expect(ev.err).toMatch(/translate eval: done, but 2 of 38 examples were skipped/);
  });
});

describe('translate eval and predict', () => {
  it('an unwritable --output-file fails before anything is decoded', async () => {
    const r = await run(translateApp, ['eval', '--model', out, '--data', train, '--output-file', join(dir, 'no-such-dir', 'hyp.txt'), '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--output-file '.*no-such-dir\/hyp\.txt' cannot be written: ENOENT/);
    expect(r.err).not.toMatch(/decoded/);
  });

  it('control characters are skipped and counted, over-long inputs are said, outputs stay aligned', async () => {
    const r = await run(translateApp, ['predict', '--model', out, 'red cat', 'bad\u0000input', '', 'red cat blue dog big small red cat', '--backend', 'cpu']);
    expect(r.code, r.err).toBe(3);
    expect(r.out).toHaveLength(4);
    expect(r.out[1]).toBe('');
    expect(r.err).toMatch(/skipped argument 2: control character U\+0000 at column 4/);
    expect(r.err).toMatch(/1 of 2 inputs were longer than the model's 6 source tokens/);
  });

  it('stdin: bad UTF-8 lines are skipped in place; binary input is refused (child processes)', async () => {
    const mixed = Buffer.concat([Buffer.from('red cat\n'), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from('\nblue dog\n')]);
    const binary = Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 50 === 49 ? 0x0a : (i * 37) % 256 | 0x80)));
    const [m, b] = await Promise.all([runBin('translate', ['predict', '--model', out, '--backend', 'cpu'], mixed), runBin('translate', ['predict', '--model', out, '--backend', 'cpu'], binary)]);
    expect(m.code, m.stderr).toBe(3);
    expect(m.stdout.split('\n').slice(0, -1)).toHaveLength(4);
    expect(m.stdout.split('\n')[1]).toBe('');
    expect(m.stderr).toMatch(/skipped stdin line 2: not valid UTF-8/);
    expect(b.code).toBe(1);
    expect(b.stdout).toBe('');
    expect(b.stderr).toMatch(/no usable input: all 12 non-blank stdin lines were skipped/);
  });
});

/** A fresh copy of best/ to attack; `attack` edits it; returns the eval result. */
async function attacked(name: string, attack: (ck: string) => void): Promise<{ err: string; code: number; ms: number; ck: string }> {
  const ck = join(dir, `tampered-${name}`);
  cpSync(best, ck, { recursive: true });
  attack(ck);
  const t0 = Date.now();
  const r = await run(translateApp, ['eval', '--model', ck, '--data', train, '--beam', '1', '--backend', 'cpu']);
  return { err: r.err, code: r.code, ms: Date.now() - t0, ck };
}

const editJson = (file: string, edit: (j: Record<string, any>) => void) => {
  const j = JSON.parse(readFileSync(file, 'utf8'));
  edit(j);
  writeFileSync(file, JSON.stringify(j));
};
/** Re-records a file's digest in config.json, as an attacker who edits both would. */
const redigest = (ck: string, name: string) =>
  editJson(join(ck, 'config.json'), (j) => {
    const data = readFileSync(join(ck, name));
    j.files[name] = { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  });

describe('tampered checkpoints fail fast, naming the checkpoint and the file', () => {
  const cases: [string, (ck: string) => void, RegExp][] = [
    ['truncated', (ck) => truncateSync(join(ck, 'weights.bin'), 100), /weights\.bin has 100 bytes but the manifest describes \d+/],
    ['flipped', (ck) => {
      const b = readFileSync(join(ck, 'weights.bin'));
      const at = b.length >> 1;
      b[at] = b[at]! ^ 0x04;
      writeFileSync(join(ck, 'weights.bin'), b);
    }, /weights\.bin does not match its SHA-256 in config\.json/],
    ['nan', (ck) => {
      const b = readFileSync(join(ck, 'weights.bin'));
      b.writeFloatLE(Number.NaN, 8);
      writeFileSync(join(ck, 'weights.bin'), b);
      redigest(ck, 'weights.bin');
    }, /weight '.*' holds a non-finite value \(NaN\)/],
    ['huge-config', (ck) => editJson(join(ck, 'config.json'), (j) => (j.encoder.config.vocabSize = 5_000_000)), /variable 'encoder\/.*' would be \[5000000,8\] by config\.json but weights\.json stores/],
    ['huge-manifest', (ck) => {
      editJson(join(ck, 'weights.json'), (j) => (j[0].weights[0].shape = [100_000_000, 8]));
      redigest(ck, 'weights.json');
    }, /weights\.bin has \d+ bytes but the manifest describes 32\d{8}/],
    ['dev-zero', (ck) => {
      unlinkSync(join(ck, 'weights.bin'));
      symlinkSync('/dev/zero', join(ck, 'weights.bin'));
    }, /weights\.bin is not a regular file \(a character device\)/],
    ['fifo', (ck) => {
      unlinkSync(join(ck, 'weights.bin'));
      execFileSync('mkfifo', [join(ck, 'weights.bin')]);
    }, /weights\.bin is not a regular file \(a FIFO\)/],
    ['missing', (ck) => rmSync(join(ck, 'weights.json')), /missing weights\.json/],
    ['garbage-config', (ck) => writeFileSync(join(ck, 'config.json'), Buffer.from([0x7b, 0xff, 0x00, 0x13])), /config\.json is not valid JSON/],
  ];
  it.each(cases)('%s', async (name, attack, message) => {
    const r = await attacked(name, attack);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(r.ck);
    expect(r.err).not.toMatch(/decoded|\n\s+at /);
    expect(r.ms).toBeLessThan(5000);
  });

  it('the untouched checkpoint still evaluates', async () => {
    expect(existsSync(join(best, 'config.json'))).toBe(true);
    const r = await run(translateApp, ['eval', '--model', best, '--data', train, '--beam', '1', '--backend', 'cpu']);
    expect(r.code, r.err).toBe(0);
  });
});
