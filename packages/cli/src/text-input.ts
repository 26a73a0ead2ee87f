/** C0 controls other than tab, and DEL: no sentence has them; binary data does. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** One line of text input: its text, or why it cannot be used (and is skipped). */
export type TextLine = { text: string; bad?: undefined } | { text: ''; bad: string };

/**
 * Splits raw input (stdin) into lines without ever guessing: a line that is not valid UTF-8 or
 * holds control characters is marked bad rather than turned into U+FFFD soup, so binary input is
 * refused instead of "translated". The newline ending the last line starts no other; \r\n is \n.
 */
export function textLines(raw: Uint8Array): TextLine[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out: TextLine[] = [];
  let start = 0;
  const push = (end: number) => {
    let bytes = raw.subarray(start, end);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    out.push(checkLine(bytes, decoder));
  };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    push(i);
    start = i + 1;
  }
  if (start < raw.length) push(raw.length);
  // A UTF-8 byte-order mark is not part of the first line.
  const first = out[0];
  if (first && !first.bad && first.text.startsWith('\ufeff')) out[0] = { text: first.text.slice(1) };
  return out;
}

function checkLine(bytes: Uint8Array, decoder: TextDecoder): TextLine {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { text: '', bad: 'not valid UTF-8' };
  }
  return checkText(text);
}

/** A text argument (already decoded) checked like a stdin line. */
export function checkText(text: string): TextLine {
  const c = CONTROL.exec(text);
  if (c) return { text: '', bad: `control character U+${c[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} at column ${c.index + 1}` };
  return { text };
}
