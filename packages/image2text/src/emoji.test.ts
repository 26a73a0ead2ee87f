import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emojiSplit, emojiStyles, inValidSlice, loadEmoji } from './emoji.js';
import { isHeldOut } from './split.js';
import { shapePng, tempDir } from './test-data.test-helper.js';

/** A fake emoji set: two styles, 40 names; style 'b' did not draw the last name. */
function fakeEmojiSet(): string {
  const dir = tempDir();
  const names = Array.from({ length: 40 }, (_, i) => `name ${i}`);
  writeFileSync(join(dir, 'captions.tsv'), ['image\tcaption', ...names.map((n, i) => `${(0x1f600 + i).toString(16)}.png\t${n}`)].join('\n'));
  for (const style of ['a', 'b']) {
    mkdirSync(join(dir, style, '64'), { recursive: true });
    names.forEach((_, i) => {
      if (style === 'b' && i === 39) return;
      writeFileSync(join(dir, style, '64', `${(0x1f600 + i).toString(16)}.png`), shapePng('red', 'circle'));
    });
  }
  mkdirSync(join(dir, 'not-a-style'));
  return dir;
}

describe('emoji set', () => {
  it('lists styles and captions each drawn image with its name', () => {
    const dir = fakeEmojiSet();
    expect(emojiStyles(dir)).toEqual(['a', 'b']);
    const b = loadEmoji(dir, ['b']);
    expect(b).toHaveLength(39);
    expect(b[0]).toEqual({ image: join(dir, 'b', '64', '1f600.png'), captions: ['name 0'], file: '1f600.png', style: 'b' });
    expect(() => loadEmoji(dir, ['c'])).toThrow("emoji style 'c' has no folder");
  });

  it('counts a linked style folder as a style (a new artist beside links to the shared ones)', () => {
    const dir = fakeEmojiSet();
    const other = tempDir();
    symlinkSync(join(dir, 'a'), join(other, 'a'));
    mkdirSync(join(other, 'c', '64'), { recursive: true });
    symlinkSync(join(dir, 'not-a-style'), join(other, 'not-a-style'));
    expect(emojiStyles(other)).toEqual(['a', 'c']);
  });

  it('holds out a fixed fraction of names in every style', () => {
    const dir = fakeEmojiSet();
    const { train, valid } = emojiSplit(dir, { validNames: 0.25, splitSeed: 3 });
    const heldNames = new Set(valid.map((v) => v.captions[0]));
    expect(heldNames.size).toBeGreaterThan(2);
    expect(heldNames.size).toBeLessThan(20);
    for (const t of train) expect(heldNames.has(t.captions[0])).toBe(false);
    for (const n of heldNames) expect(isHeldOut(n!, 0.25, 3)).toBe(true);
    expect(new Set(valid.map((v) => v.style))).toEqual(new Set(['a', 'b']));
  });

  it('with a validation style, trains on the other styles and validates on its drawings of the training names', () => {
    const dir = fakeEmojiSet();
    const { train, valid } = emojiSplit(dir, { validNames: 0, validStyle: 'b' });
    expect(new Set(train.map((t) => t.style))).toEqual(new Set(['a']));
    expect(train).toHaveLength(40);
    expect(valid).toHaveLength(39);
    expect(valid.every((v) => v.style === 'b')).toBe(true);
  });

  it('--valid-drawings: validates on a fixed slice of the held-out style; the rest (its test slice) is never validated on', () => {
    const dir = fakeEmojiSet();
    const { train, valid } = emojiSplit(dir, { validNames: 0, validStyle: 'b', validDrawings: 0.3, splitSeed: 2 });
    expect(train).toHaveLength(40);
    const all = loadEmoji(dir, ['b']);
    const slice = all.filter((img) => inValidSlice(img.file, 0.3, 2));
    expect(valid.map((v) => v.file)).toEqual(slice.map((v) => v.file));
    expect(valid.length).toBeGreaterThan(3);
    expect(valid.length).toBeLessThan(25);
    expect(emojiSplit(dir, { validNames: 0, validStyle: 'b', validDrawings: 0.3, splitSeed: 2 }).valid).toEqual(valid);
    expect(all.filter((img) => inValidSlice(img.file, 1))).toHaveLength(39);
  });
});

describe('emoji set without held-out names', () => {
  it('validates on a fixed sample of the training images', () => {
    const dir = fakeEmojiSet();
    const a = emojiSplit(dir, { validNames: 0, splitSeed: 1 });
    expect(a.train).toHaveLength(79);
    expect(a.valid.length).toBeGreaterThan(0);
    expect(a.valid.length).toBeLessThan(15);
    for (const v of a.valid) expect(a.train.some((t) => t.image === v.image)).toBe(true);
    expect(emojiSplit(dir, { validNames: 0, splitSeed: 1 }).valid).toEqual(a.valid);
  });
});
