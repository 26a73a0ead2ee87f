import { readTar } from './tar.js';

/** One AESLC email: its body, original subject and (dev/test) annotated subjects. */
export interface AeslcEmail {
  name: string;
  body: string;
  subject: string;
  /** `@ann0..2` subject lines written by annotators (empty in train). */
  annotations: string[];
}

/**
 * Parses one `.subject` file: the email body, a blank line, then `@subject` / `@annN` headings each
 * followed by its line(s). Whitespace in the body (line breaks, tabs) is collapsed to single spaces.
 */
export function parseAeslcEmail(text: string, name = ''): AeslcEmail {
  const lines = text.replace(/\r/g, '').split('\n');
  const bodyLines: string[] = [];
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const m = /^@(subject|ann\d+)\s*$/.exec(line.trim());
    if (m) sections.set(m[1]!, (current = []));
    else (current ?? bodyLines).push(line);
  }
  const join = (ls: readonly string[] | undefined): string => (ls ?? []).join(' ').replace(/\s+/g, ' ').trim();
  const annotations = [...sections.keys()].filter((k) => k.startsWith('ann')).sort().map((k) => join(sections.get(k))).filter((s) => s !== '');
  return { name, body: join(bodyLines), subject: join(sections.get('subject')), annotations };
}

/**
 * Emails from AESLC `.tar.gz` archives (the shared copy splits train into two parts). Files that
 * are not `.subject` are ignored; emails with an empty body or no subject are skipped and counted.
 */
export function readAeslc(paths: readonly string[]): { emails: AeslcEmail[]; skipped: { emptyBody: number; noSubject: number } } {
  const emails: AeslcEmail[] = [];
  const skipped = { emptyBody: 0, noSubject: 0 };
  for (const path of paths) {
    for (const entry of readTar(path)) {
      if (!entry.name.endsWith('.subject')) continue;
      const email = parseAeslcEmail(entry.data.toString('utf8'), entry.name);
      if (email.body === '') skipped.emptyBody++;
      else if (email.subject === '' && email.annotations.length === 0) skipped.noSubject++;
      else emails.push(email);
    }
  }
  return { emails, skipped };
}
