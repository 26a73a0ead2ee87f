/**
 * Porter stemmer exactly as NLTK 3.8's `PorterStemmer()` in its default `NLTK_EXTENSIONS` mode
 * (the irregular-form table, 'ies'/'ied' on 4-letter words, the `*c and not c` rule for y→i,
 * 'fulli' and 'logi' in step 2, two-letter words left alone). Expects lower-case ASCII input
 * for exact behaviour; `stem` lower-cases first, as NLTK does.
 */

const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  sky: ['sky', 'skies'],
  die: ['dying'],
  lie: ['lying'],
  tie: ['tying'],
  news: ['news'],
  inning: ['innings', 'inning'],
  outing: ['outings', 'outing'],
  canning: ['cannings', 'canning'],
  howe: ['howe'],
  proceed: ['proceed'],
  exceed: ['exceed'],
  succeed: ['succeed'],
};
const POOL = new Map<string, string>(Object.entries(IRREGULAR).flatMap(([k, vs]) => vs.map((v) => [v, k] as [string, string])));
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

function isConsonant(word: string, i: number): boolean {
  const ch = word[i]!;
  if (VOWELS.has(ch)) return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of VC sequences. */
function measure(stem: string): number {
  let cv = '';
  for (let i = 0; i < stem.length; i++) cv += isConsonant(stem, i) ? 'c' : 'v';
  return cv.split('vc').length - 1;
}

const positiveMeasure = (stem: string): boolean => measure(stem) > 0;

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

/** Condition *d. */
function endsDoubleConsonant(word: string): boolean {
  return word.length >= 2 && word[word.length - 1] === word[word.length - 2] && isConsonant(word, word.length - 1);
}

/** Condition *o, plus NLTK's two-letter vowel-consonant extension. */
function endsCvc(word: string): boolean {
  const n = word.length;
  return (
    (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) && !'wxy'.includes(word[n - 1]!)) ||
    (n === 2 && !isConsonant(word, 0) && isConsonant(word, 1))
  );
}

/** `[suffix, replacement, condition on the stem or null]`; suffix `*d` means "ends in a double consonant". */
type Rule = readonly [string, string, ((stem: string) => boolean) | null];

/** NLTK `_apply_rule_list`: the first rule whose suffix matches decides, whether or not its condition holds. */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d' && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const dropSuffix = (word: string, suffix: string): string => word.slice(0, word.length - suffix.length);

function step1a(word: string): string {
  if (word.endsWith('ies') && word.length === 4) return dropSuffix(word, 'ies') + 'ie';
  return applyRules(word, [
    ['sses', 'ss', null],
    ['ies', 'i', null],
    ['ss', 'ss', null],
    ['s', '', null],
  ]);
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return dropSuffix(word, 'ied') + (word.length === 4 ? 'ie' : 'i');
  if (word.endsWith('eed')) {
    const stem = dropSuffix(word, 'eed');
    return measure(stem) > 0 ? stem + 'ee' : word;
  }
  let intermediate: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix) && containsVowel(dropSuffix(word, suffix))) {
      intermediate = dropSuffix(word, suffix);
      break;
    }
  }
  if (intermediate === null) return word;
  const last = intermediate[intermediate.length - 1] ?? '';
  return applyRules(intermediate, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => !'lsz'.includes(last)],
    ['', 'e', (stem) => measure(stem) === 1 && endsCvc(stem)],
  ]);
}

function step1c(word: string): string {
  return applyRules(word, [['y', 'i', (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)]]);
}

function step2(word: string): string {
  if (word.endsWith('alli') && positiveMeasure(dropSuffix(word, 'alli'))) return step2(dropSuffix(word, 'alli') + 'al');
  const p = positiveMeasure;
  return applyRules(word, [
    ['ational', 'ate', p],
    ['tional', 'tion', p],
    ['enci', 'ence', p],
    ['anci', 'ance', p],
    ['izer', 'ize', p],
    ['bli', 'ble', p],
    ['alli', 'al', p],
    ['entli', 'ent', p],
    ['eli', 'e', p],
    ['ousli', 'ous', p],
    ['ization', 'ize', p],
    ['ation', 'ate', p],
    ['ator', 'ate', p],
    ['alism', 'al', p],
    ['iveness', 'ive', p],
    ['fulness', 'ful', p],
    ['ousness', 'ous', p],
    ['aliti', 'al', p],
    ['iviti', 'ive', p],
    ['biliti', 'ble', p],
    ['fulli', 'ful', p],
    // The 'l' of 'logi' stays with the stem, so the condition looks at word[:-3].
    ['logi', 'log', () => positiveMeasure(word.slice(0, -3))],
  ]);
}

function step3(word: string): string {
  const p = positiveMeasure;
  return applyRules(word, [
    ['icate', 'ic', p],
    ['ative', '', p],
    ['alize', 'al', p],
    ['iciti', 'ic', p],
    ['ical', 'ic', p],
    ['ful', '', p],
    ['ness', '', p],
  ]);
}

function step4(word: string): string {
  const gt1 = (stem: string): boolean => measure(stem) > 1;
  return applyRules(word, [
    ['al', '', gt1],
    ['ance', '', gt1],
    ['ence', '', gt1],
    ['er', '', gt1],
    ['ic', '', gt1],
    ['able', '', gt1],
    ['ible', '', gt1],
    ['ant', '', gt1],
    ['ement', '', gt1],
    ['ment', '', gt1],
    ['ent', '', gt1],
    ['ion', '', (stem) => measure(stem) > 1 && 'st'.includes(stem[stem.length - 1] ?? '#')],
    ['ou', '', gt1],
    ['ism', '', gt1],
    ['ate', '', gt1],
    ['iti', '', gt1],
    ['ous', '', gt1],
    ['ive', '', gt1],
    ['ize', '', gt1],
  ]);
}

function step5a(word: string): string {
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    if (measure(stem) > 1) return stem;
    if (measure(stem) === 1 && !endsCvc(stem)) return stem;
  }
  return word;
}

function step5b(word: string): string {
  return applyRules(word, [['ll', 'l', () => measure(word.slice(0, -1)) > 1]]);
}

/** NLTK 3.8 `PorterStemmer().stem(word)` (NLTK_EXTENSIONS mode, `to_lowercase=True`). */
export function porterStem(word: string): string {
  const lower = word.toLowerCase();
  const irregular = POOL.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 2) return lower;
  let s = step1a(lower);
  s = step1b(s);
  s = step1c(s);
  s = step2(s);
  s = step3(s);
  s = step4(s);
  s = step5a(s);
  return step5b(s);
}
