// The oracle runners accept cases whose expected result is a Python exception (this runs without
// the oracle folder: the cases are written here as the oracle files write them).
import { describe, expect, it } from 'vitest';
import { ciderD } from '../cider.js';
import { corpusBleu } from '../bleu.js';
import { expectOracleError } from './oracle-files.js';

describe('expectOracleError', () => {
  it('accepts CIDEr-D with every reference empty, as pycocoevalcap raises', () => {
    const expected = { error: 'ValueError: max() arg is an empty sequence' };
    expect(expectOracleError(expected, () => ciderD([[''], ['']], ['a b', 'c']), 'cider-empty-refs')).toBe(true);
  });

  it('matches a MissingReferenceError by its Python type, and ordinary cases are not errors', () => {
    expect(expectOracleError({ error: 'TypeError: object of type NoneType' }, () => corpusBleu(['a'], [[null as unknown as string]]), 'bleu-null')).toBe(true);
    expect(expectOracleError({ score: 1 }, () => 1, 'plain')).toBe(false);
  });

  it('fails a case that expects an error when none or another one is thrown', () => {
    expect(() => expectOracleError({ error: 'ValueError: x' }, () => 1, 'none')).toThrow(/nothing was thrown/);
    expect(() => expectOracleError({ error: 'ValueError: x' }, () => { throw new Error('other'); }, 'other')).toThrow(/containing 'ValueError: x'/);
  });
});
