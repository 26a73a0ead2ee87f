import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from './manifest.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'manifest-'));

describe('manifest TSV', () => {
  it('resolves paths relative to the manifest and skips malformed rows with their line numbers', () => {
    const dir = tmp();
    const file = join(dir, 'm.tsv');
    writeFileSync(file, 'path\ttext\na.wav\tsix  three\n\nonly-one-column\n/abs/b.wav\tnine\n');
    const m = readManifest(file);
    expect(m.items).toEqual([
      { path: join(dir, 'a.wav'), text: 'six three' },
      { path: '/abs/b.wav', text: 'nine' },
    ]);
    expect(m.skipped).toEqual(['line 4: expected 2 tab-separated columns, got 1']);
  });

  it('rejects a missing header, naming the file', () => {
    const file = join(tmp(), 'bad.tsv');
    writeFileSync(file, 'a.wav\tsix\n');
    expect(() => readManifest(file)).toThrow(/bad\.tsv: the first line must be the header/);
    expect(() => readManifest(join(tmp(), 'missing.tsv'))).toThrow(/missing\.tsv: cannot read manifest/);
  });

  it('writeManifest output reads back', () => {
    const dir = tmp();
    const file = writeManifest([{ id: 'u1', samples: new Float32Array(80).fill(0.1), sampleRate: 8000, text: 'one two', speaker: 's' }], dir);
    expect(readManifest(file).items).toEqual([{ path: join(dir, 'wav/u1.wav'), text: 'one two' }]);
  });
});
