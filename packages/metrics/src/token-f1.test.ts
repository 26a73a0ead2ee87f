import { describe, expect, it } from 'vitest';
import { exactMatch } from './exact-match.js';
import { commandTokenMetrics, tokenF1, tokenPrf } from './token-f1.js';
import { cleanAnonymizeCommand } from './token-f1-command.js';

describe('token F1 (DocPrompting token_prf)', () => {
  it('counts a bag of tokens with clipping', () => {
    const m = tokenF1('ls -a -l', 'ls -l -l -h');
    expect(m.precision).toBeCloseTo(2 / 4, 9);
    expect(m.recall).toBeCloseTo(2 / 3, 9);
    expect(m.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 9);
    expect(tokenPrf([], [], { matchBlank: true }).f1).toBe(1);
  });

  it('normalises commands: sudo, quotes and {{placeholders}}', () => {
    expect(cleanAnonymizeCommand('sudo tar -xf "{{file}}" | grep {{pat}}')).toBe('tar -xf [[VAR]]_0 grep [[VAR]]_1');
    const m = commandTokenMetrics('tar -xf {{archive.tar}}', 'tar -xf {{path/to/file}}');
    expect(m.f1).toBeCloseTo(1, 9);
    expect(m.cmdAcc).toBe(1);
  });
});

describe('exact match', () => {
  it('compares after Python strip by default', () => {
    expect(exactMatch(['a b', 'c'], [' a b\n', 'd'])).toBe(0.5);
    expect(exactMatch(['a b'], [' a b'], { normalize: 'none' })).toBe(0);
    expect(exactMatch(['ls {{dir}}'], ['ls {{path}}'], { normalize: 'command' })).toBe(1);
  });
});
