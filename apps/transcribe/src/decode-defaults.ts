import type { SpeechDecodeDefaults } from '@seq2seq/speech2text';

/**
 * Decoding defaults of eval and predict (also what `seq2seq serve` and the web page decode with).
 * In a file of their own (no command-line imports) so the web page can import them.
 */
export const transcribeDecodeDefaults: SpeechDecodeDefaults = {
  // Averaging over 7 VTLP warps took dev WER (unseen speaker) from 5.22% to 4.45%; see README.
  ttaVtlp: [0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.15],
};
