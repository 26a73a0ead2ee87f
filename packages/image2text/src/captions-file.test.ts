import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupByImage, readCaptionsTsv, ungroup } from './captions-file.js';
import { tempDir } from './test-data.test-helper.js';

describe('readCaptionsTsv', () => {
  it('skips the header, resolves names against the TSV folder and groups several captions per image', () => {
    const dir = tempDir();
    const tsv = join(dir, 'c.tsv');
    writeFileSync(tsv, 'image\tcaption\na.png\ta cat\r\nb.jpg\ta dog\n\na.png\t a small cat \n');
    const pairs = readCaptionsTsv(tsv);
    expect(pairs).toEqual([
      { image: join(dir, 'a.png'), caption: 'a cat' },
      { image: join(dir, 'b.jpg'), caption: 'a dog' },
      { image: join(dir, 'a.png'), caption: 'a small cat' },
    ]);
    const groups = groupByImage(pairs);
    expect(groups).toEqual([
      { image: join(dir, 'a.png'), captions: ['a cat', 'a small cat'] },
      { image: join(dir, 'b.jpg'), captions: ['a dog'] },
    ]);
    expect(ungroup(groups)).toHaveLength(3);
  });

  it("reads Flickr8k's image#n layout (no header) and honours imageDir", () => {
    const dir = tempDir();
    const tsv = join(dir, 'Flickr8k.token.txt');
    writeFileSync(tsv, '1000268201.jpg#0\tA child in a pink dress .\n1000268201.jpg#1\tA girl going into a building .\n');
    const groups = groupByImage(readCaptionsTsv(tsv, { imageDir: '/data/Flicker8k_Dataset' }));
    expect(groups).toEqual([{ image: '/data/Flicker8k_Dataset/1000268201.jpg', captions: ['A child in a pink dress .', 'A girl going into a building .'] }]);
  });

  it('names the file and line of a malformed line, and a missing file', () => {
    const dir = tempDir();
    const tsv = join(dir, 'bad.tsv');
    writeFileSync(tsv, 'image\tcaption\na.png\tok\nno tab here\n');
    expect(() => readCaptionsTsv(tsv)).toThrow(`${tsv}:3: expected 'image<TAB>caption'`);
    expect(() => readCaptionsTsv(join(dir, 'missing.tsv'))).toThrow(/cannot read captions file '.*missing.tsv': no such file/);
  });
});
