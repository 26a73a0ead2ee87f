import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkWritable } from './output-file.js';

it('checkWritable refuses unwritable paths by name and leaves writable ones as they were', () => {
  const dir = mkdtempSync(join(tmpdir(), 'out-file-'));
  expect(() => checkWritable(join(dir, 'missing', 'hyp.txt'))).toThrow(/--output-file '.*missing\/hyp\.txt' cannot be written: ENOENT/);
  expect(() => checkWritable(dir)).toThrow(/cannot be written: EISDIR/);
  checkWritable(join(dir, 'new.txt'));
  expect(existsSync(join(dir, 'new.txt'))).toBe(false);
  writeFileSync(join(dir, 'old.txt'), 'kept');
  checkWritable(join(dir, 'old.txt'));
  expect(readFileSync(join(dir, 'old.txt'), 'utf8')).toBe('kept');
});
