import { expect, it } from 'vitest';
import { decodeUtf8Text } from './utf8.js';

it('decodeUtf8Text refuses invalid UTF-8 and binary data, naming the file and line', () => {
  expect(decodeUtf8Text(Buffer.from('caf\u00e9\nok\n'), 'a.txt')).toBe('caf\u00e9\nok\n');
  expect(() => decodeUtf8Text(Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9, 0x0a]), 'latin1.tsv')).toThrow(/'latin1\.tsv' line 3 is not valid UTF-8/);
  expect(() => decodeUtf8Text(Buffer.from([0x61, 0x0a, 0x00, 0x01]), 'x.bin')).toThrow(/'x\.bin' is not a text file: a NUL byte on line 2/);
});
