import { expect, it } from 'vitest';
import { checkText, textLines } from './text-input.js';

it('textLines keeps every line in place, marking invalid UTF-8 and control characters bad', () => {
  const raw = Buffer.concat([Buffer.from('\ufeffgood\r\n'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), Buffer.from('\n\u00e9t\u00e9\nnul\u0000here\n')]);
  expect(textLines(raw)).toEqual([
    { text: 'good' },
    { text: '', bad: 'not valid UTF-8' },
    { text: '' },
    { text: '\u00e9t\u00e9' },
    { text: '', bad: 'control character U+0000 at column 4' },
  ]);
  expect(textLines(Buffer.from('a\nb'))).toEqual([{ text: 'a' }, { text: 'b' }]);
  expect(checkText('tab\tis fine')).toEqual({ text: 'tab\tis fine' });
  expect(checkText('esc\u001b[31m').bad).toMatch(/U\+001B at column 4/);
});
