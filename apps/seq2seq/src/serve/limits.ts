import type { BatcherOptions } from './batcher.js';

/** What one request may ask for, and how long it may take. */
export interface ServeLimits {
  /** Largest request body (JSON or multipart upload), bytes: more is 413. */
  maxBodyBytes: number;
  /** Longest text (characters) in a text request: more is 400. */
  maxTextChars: number;
  /** Most texts in one `texts` request. */
  maxTexts: number;
  /** Largest beam (and n-best) a request may ask for. */
  maxBeam: number;
  /** Queue wait plus decoding, ms: later is 503; receiving the request for longer is 408. */
  timeoutMs: number;
  /** Longest WAV upload, seconds. */
  maxAudioSeconds: number;
}

export type ServeSettings = ServeLimits & BatcherOptions;

export const serveDefaults: ServeSettings = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxTextChars: 2000,
  maxTexts: 32,
  maxBeam: 8,
  timeoutMs: 30_000,
  maxAudioSeconds: 60,
  maxBatch: 16,
  maxWaitMs: 5,
  maxQueue: 256,
};
