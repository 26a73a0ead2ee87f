// Test helper: where the oracle cases live and how they are read (shared by the oracle tests).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingReferenceError } from '../bleu-common.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** env SEQ2SEQ_ORACLES, else `<repo>/../shared/oracles`. */
export const oracleDir = process.env['SEQ2SEQ_ORACLES'] ?? path.resolve(repoRoot, '../shared/oracles');
export const haveOracles = existsSync(oracleDir);

/** One case of a `*.jsonl` oracle file. */
export interface OracleCase<O = Record<string, unknown>, E = Record<string, unknown>> {
  id: string;
  level: string;
  variant: string;
  options: O;
  hyps: string[];
  refs: (string | null)[][];
  expected: E;
}

/** The cases of one oracle file; [] when it is missing. */
export function loadOracleCases<C>(file: string): C[] {
  const p = path.join(oracleDir, file);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as C);
}

/**
 * For a case whose expected result is a Python exception (`expected.error`, e.g. "ValueError: max()
 * arg is an empty sequence"): checks that `compute` throws the counterpart (a MissingReferenceError
 * of that Python type, or an Error whose message contains the Python text) and returns true, so the
 * runner skips its numeric checks. False for an ordinary case.
 */
export function expectOracleError(expected: Record<string, unknown>, compute: () => unknown, where: string): boolean {
  const error = expected['error'];
  if (typeof error !== 'string') return false;
  let thrown: unknown;
  try {
    compute();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof Error)) throw new Error(`${where}: expected ${error}, but nothing was thrown`);
  const pythonType = error.split(':')[0];
  if (thrown instanceof MissingReferenceError) {
    if (thrown.pythonError !== pythonType) throw new Error(`${where}: expected ${error}, got ${thrown.message}`);
  } else if (!thrown.message.includes(error)) {
    throw new Error(`${where}: expected an error containing '${error}', got '${thrown.message}'`);
  }
  return true;
}
