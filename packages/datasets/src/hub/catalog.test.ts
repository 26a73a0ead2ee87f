// The catalog's checksums against this machine's copy of the data (../shared/data), when present.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATASETS, datasetInfo } from './catalog.js';
import { REPO_ROOT } from './locate.js';

const shared = resolve(REPO_ROOT, '..', 'shared', 'data');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('dataset catalog', () => {
  it('names every dataset once and pins every download to a SHA-256 and a commit', () => {
    expect(new Set(DATASETS.map((d) => d.name)).size).toBe(DATASETS.length);
    for (const d of DATASETS) {
      if (d.obtain.kind !== 'download') continue;
      const files = d.obtain.files();
      expect(files.length, d.name).toBeGreaterThan(0);
      for (const f of files) {
        expect(f.sha256, f.url).toMatch(/^[0-9a-f]{64}$/);
        expect(f.url, d.name).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{40}\//);
      }
    }
    expect(() => datasetInfo('imagenet')).toThrow(/unknown dataset 'imagenet'; known: multi30k, fsdd/);
  });

  it.skipIf(!existsSync(shared))('matches the local copy: sizes of every listed file, hashes of a sample and of converted files', () => {
    for (const d of DATASETS) {
      if (d.obtain.kind !== 'download') continue;
      const dir = join(shared, d.folder);
      const files = d.obtain.files();
      files.forEach((f, i) => {
        if (f.save.kind === 'as-is') {
          const p = join(dir, f.save.path);
          expect(statSync(p).size, p).toBe(f.bytes);
          // Every file of the small sets; every 97th of fsdd/tldr (thousands of files) to stay fast.
          if (files.length < 100 || i % 97 === 0) expect(sha(readFileSync(p)), p).toBe(f.sha256);
        } else if (f.save.kind === 'gzip') expect(sha(gunzipSync(readFileSync(join(dir, f.save.path)))), f.save.path).toBe(f.sha256);
        else for (const m of f.save.members) expect(sha(gunzipSync(readFileSync(join(dir, m.path)))), m.path).toBe(m.sha256);
      });
    }
  });
});
