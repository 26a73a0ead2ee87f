// Test helper: where the oracle cases live and how they are read (shared by the oracle tests).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
