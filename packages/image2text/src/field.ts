import { TextField, WordTokenizer } from '@seq2seq/text';

/** The caption side: word tokenizer + vocabulary learnt from the training captions only. */
export function buildCaptionField(captions: readonly string[], o: { lowercase: boolean; minFrequency: number }): TextField {
  return TextField.build(captions, new WordTokenizer({ lowercase: o.lowercase }), { minFrequency: o.minFrequency });
}

/**
 * The whitespace-tokenised, lower-cased form the COCO metrics expect: the word tokenizer's pieces
 * without their space markers, e.g. "Thumbs up: medium skin tone" -> "thumbs up : medium skin tone".
 * Hypotheses and references go through the same function, so punctuation counts alike on both sides.
 */
export function metricTokens(text: string): string {
  return new WordTokenizer({ lowercase: true })
    .encode(text)
    .map((p) => p.replace(/^\u2581/, ''))
    .filter((p) => p !== '')
    .join(' ');
}
