/** Command normalisation of the DocPrompting tldr benchmark (`utils/util.py`), Python semantics. */
import { pySplit, pyStrip } from './wer-transforms.js';

/** Placeholder that `anonymizeCommand` puts in place of `{{argument}}` slots. */
export const VAR_STR = '[[VAR]]';

const replaceAll = (s: string, from: string, to: string): string => s.split(from).join(to);

/** `clean_command`: drop "sudo", quotes and backticks, turn `| > <` into spaces, squeeze whitespace. */
export function cleanCommand(s: string): string {
  let t = pyStrip(replaceAll(s, 'sudo', ''));
  for (const q of ['`', '"', "'"]) t = replaceAll(t, q, '');
  for (const q of ['|', '>', '<']) t = replaceAll(t, q, ' ');
  return pySplit(t).join(' ');
}

/** `anonymize_command`: each distinct `{{var}}` becomes `[[VAR]]_<k>` in first-seen order. */
export function anonymizeCommand(s: string): string {
  let t = replaceAll(s, '={', ' {');
  const ids = new Map<string, number>();
  for (const m of t.matchAll(/\{\{(.*?)\}\}/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, ids.size);
  for (const [v, id] of ids) t = replaceAll(t, `{{${v}}}`, `${VAR_STR}_${id}`);
  return t;
}

/** `clean_anonymize_command`. */
export function cleanAnonymizeCommand(s: string): string {
  return anonymizeCommand(cleanCommand(s));
}

/** `get_bag_of_words`: tokens of the cleaned, anonymised command. */
export function commandBagOfWords(cmd: string): string[] {
  return pySplit(pyStrip(cleanAnonymizeCommand(cmd)));
}
