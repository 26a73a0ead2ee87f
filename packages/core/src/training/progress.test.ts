import { expect, it } from 'vitest';
import { formatDuration, Progress } from './progress.js';

it('redraws in place on a TTY and prints whole lines elsewhere', () => {
  const tty: string[] = [];
  const p = new Progress({ isTTY: true, write: (s) => void tty.push(s) }, 0);
  p.update('step 1');
  p.update('step 2');
  p.line('validation 0.5');
  p.update('step 3');
  p.end();
  expect(tty).toEqual(['\rstep 1\x1b[K', '\rstep 2\x1b[K', '\rvalidation 0.5\x1b[K\n', '\rstep 3\x1b[K', '\n']);

  const file: string[] = [];
  const q = new Progress({ isTTY: false, write: (s) => void file.push(s) }, 0);
  q.update('step 1');
  q.line('step 2');
  q.end();
  expect(file).toEqual(['step 2\n']);
});

it('formats durations', () => {
  expect([9, 125, 3725, NaN].map(formatDuration)).toEqual(['9s', '2m05s', '1h02m', '?']);
});
