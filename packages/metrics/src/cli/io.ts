import { readFileSync } from 'node:fs';
import { UsageError } from '@seq2seq/cli';

/** Text split into lines on '\n'; a final newline does not start an extra (empty) line. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines of a UTF-8 file, with a clear message when it cannot be read. */
export function readLinesFile(file: string, what: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} '${file}'${code === 'ENOENT' ? ': no such file' : `: ${(e as Error).message}`}`);
  }
  return splitLines(text);
}

/** Hypotheses from `--input FILE`, else from stdin (which must not be a terminal). */
export function readHypotheses(input: string | undefined): string[] {
  if (input !== undefined) return readLinesFile(input, 'hypothesis file');
  if (process.stdin.isTTY) throw new UsageError('no hypotheses: pipe them on stdin (metrics bleu --ref REF < HYP) or use --input FILE');
  return splitLines(readFileSync(0, 'utf8'));
}

/** Hypotheses and reference streams (one per `--ref`), checked to have the same number of lines. */
export function readInputs(input: string | undefined, refFiles: readonly string[]): { hyps: string[]; refs: string[][] } {
  const hyps = readHypotheses(input);
  const refs = refFiles.map((f) => readLinesFile(f, 'reference file'));
  refs.forEach((stream, k) => {
    if (stream.length !== hyps.length) {
      throw new UsageError(`line counts differ: ${hyps.length} hypotheses but reference file '${refFiles[k]}' has ${stream.length} lines`);
    }
  });
  return { hyps, refs };
}

/** Options every sacreBLEU-style subcommand takes. */
export const COMMON_OPTIONS = {
  ref: { type: 'strings', description: 'reference file, one segment per line (repeat for several references)', required: true },
  input: { type: 'string', description: 'hypothesis file (default: stdin)' },
  sentence: { type: 'boolean', description: 'score every line on its own and print one JSON object per line' },
} as const;
