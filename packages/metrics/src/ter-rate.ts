import { BeamEditDistance } from './ter-edit-distance.js';
import { bestShift, MAX_SHIFT_CANDIDATES } from './ter-shift.js';

/** Port of sacreBLEU's `translation_edit_rate`: (shifts + edit distance, reference length) for one pair. */
export function translationEditRate(hyp: readonly string[], ref: readonly string[]): { edits: number; refLength: number } {
  // An empty reference: every hypothesis word is an edit, and the length is 0.
  if (ref.length === 0) return { edits: hyp.length, refLength: 0 };
  const ed = new BeamEditDistance(ref);
  let shifts = 0;
  let words = hyp;
  let checked = 0;
  for (;;) {
    const step = bestShift(words, ref, ed, checked);
    checked = step.checked;
    // As in sacreBLEU, the candidate budget stops the search before the last shift is applied.
    if (checked >= MAX_SHIFT_CANDIDATES || step.delta <= 0) break;
    shifts++;
    words = step.words;
  }
  return { edits: shifts + ed.distance(words).distance, refLength: ref.length };
}
