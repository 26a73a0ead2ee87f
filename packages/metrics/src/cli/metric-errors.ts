import type { Command } from '@seq2seq/cli';
import { MissingReferenceError } from '../bleu-common.js';

/** Errors our metrics throw where the reference implementation raises a Python exception. */
const PYTHON_ERROR = /^(ValueError|KeyError|TypeError|IndexError|ZeroDivisionError): ([\s\S]*)$/;

/**
 * Turns "the metric is undefined for these inputs" errors (kept Python-shaped so the oracle tests
 * can compare them) into a message for people: what is wrong with the input and what to do.
 */
export function explainMetricError(metric: string, e: unknown): unknown {
  if (e instanceof MissingReferenceError) {
    return new Error(`${metric}: line ${e.segment + 1} has no reference in any --ref file; every hypothesis needs at least one (sacreBLEU raises ${e.pythonError} here)`);
  }
  const m = e instanceof Error ? PYTHON_ERROR.exec(e.message) : null;
  if (m) return new Error(`${metric} is undefined for these inputs: ${m[2]}; check that the --ref files are not empty (the reference implementation raises ${m[1]} here)`);
  return e;
}

/** The command with its errors passed through explainMetricError. */
export function withClearErrors(c: Command): Command {
  return {
    ...c,
    async run(options, positionals, ctx) {
      try {
        await c.run(options, positionals, ctx);
      } catch (e) {
        throw explainMetricError(c.name, e);
      }
    },
  };
}
