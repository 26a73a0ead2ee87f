/**
 * Decodes a whole text file strictly: invalid UTF-8 or a NUL byte (binary data) is an error naming
 * the file and the line, never silently turned into U+FFFD (which would then end up in training
 * vocabularies or be "translated"). A leading byte-order mark is dropped.
 */
export function decodeUtf8Text(bytes: Uint8Array, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new Error(`'${name}' is not a text file: a NUL byte on line ${lineOf(bytes, nul)} (binary data?)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`'${name}' line ${firstInvalidLine(bytes)} is not valid UTF-8; convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)`);
  }
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    start = i + 1;
    line++;
  }
  return line;
}
