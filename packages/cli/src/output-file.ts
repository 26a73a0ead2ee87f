import { closeSync, existsSync, openSync, unlinkSync } from 'node:fs';

/**
 * Fails at once when `path` cannot be written (missing or read-only directory, a directory, no
 * permission), so a command does not decode for an hour and then lose its results. Opens for
 * appending, which changes nothing in an existing file; a file created by the check is removed.
 */
export function checkWritable(path: string | undefined, flag = '--output-file'): void {
  if (path === undefined) return;
  const existed = existsSync(path);
  try {
    closeSync(openSync(path, 'a'));
  } catch (e) {
    throw new Error(`${flag} '${path}' cannot be written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!existed) unlinkSync(path);
}
