/** Options shared by greedy, beam search and sampling. Lengths count output tokens, not <sos>/<eos>. */
export interface SearchOptions {
  /** Token fed at the first step. Default 1. */
  sosId?: number;
  /** Token that ends a hypothesis (never part of `tokens`). Default 2. */
  eosId?: number;
  /** Token fed to rows that no longer matter (dead beams). Default 0. */
  padId?: number;
  /** Fewest output tokens before <eos> is allowed. Default 0. */
  minLength?: number;
  /** Most output tokens; <eos> is forced after them. Default 200 when no ratio is given. */
  maxLength?: number;
  /** a in maxLength_i = ceil(a * sourceLengths[i] + b); needs `sourceLengths`. Min'd with `maxLength` if both. */
  maxLengthRatio?: number;
  /** b in the formula above. Default 0. */
  maxLengthOffset?: number;
  /** Per-sentence source lengths (for `maxLengthRatio`; also fixes the batch size). */
  sourceLengths?: readonly number[];
  /** Blocks any token that would repeat an n-gram of this size within a hypothesis (0 = off). <eos> is never blocked. Default 0. */
  noRepeatNgramSize?: number;
  /**
   * Constrained decoding: the tokens allowed after a hypothesis's output so far (its `sentence` is
   * the row in the caller's batch), `eosId` included when it may end there; `undefined` = no
   * restriction. `closedSetConstraint` builds one from a list of allowed outputs.
   */
  allowedTokens?: (history: readonly number[], sentence: number) => readonly number[] | undefined;
  /** Return the decoder's attention row for each output step (including the <eos> step). Default false. */
  returnAttention?: boolean;
  /**
   * Number of sentences in `memory`. Default: `sourceLengths.length`, else the leading dimension of
   * the first tensor in memory (memory is batch-major: reorderMemory gathers its rows).
   */
  batchSize?: number;
  /**
   * Awaited after each decoding step's host read. A server passes `() => new Promise(setImmediate)`
   * so requests and health checks are read while a batch decodes: on wasm and cpu the step's
   * `data()` resolves as a microtask, so a whole batch would otherwise hold the event loop.
   */
  betweenSteps?: () => Promise<void>;
}

export interface BeamSearchOptions extends SearchOptions {
  /** K, beams per sentence. Default 5. */
  beamSize?: number;
  /** Hypotheses returned per sentence (<= beamSize), best first. Default 1. */
  nBest?: number;
  /** GNMT alpha: score = logProb / ((5 + len) / 6)^alpha, len counting <eos>. 0 = raw log-prob. Default 0.6. */
  lengthPenalty?: number;
  /**
   * When a sentence stops. 'exact' (default): once its nBest-th finished hypothesis cannot be beaten by any
   * live beam at any allowed length (results equal running to maxLength). 'heuristic': as if the best live
   * beam had to end at the next step (faster with a length penalty, may rarely miss a longer winner).
   */
  earlyStopping?: 'exact' | 'heuristic';
}

export interface SampleOptions extends SearchOptions {
  /** Divides the log-probabilities; 0 means argmax (greedy). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens (ties at the k-th value are kept too); 0 = off. Default 0. */
  topK?: number;
  /** Nucleus: keep the smallest most-likely set whose probability reaches p; 1 = off. Default 1. */
  topP?: number;
  /** Seed of the sampler (same seed, same samples on a given backend). Default 0. */
  seed?: number;
  /** Samples drawn per input. Default 1. */
  numSamples?: number;
}

/** One output sequence. */
export interface Hypothesis {
  /** Output tokens, without <sos> and <eos>. */
  tokens: number[];
  /** Ranking score: beam search the length-penalised log-prob, greedy and sampling the plain log-prob. */
  score: number;
  /** Sum of the model's log-probabilities of tokens and the final <eos>. */
  logProb: number;
  /** [tokens.length + 1] those log-probabilities one by one (the last is the <eos> step's). */
  tokenLogProbs: number[];
  /** [tokens.length + 1][S] attention per output step (the last row is the <eos> step), when asked. */
  attention?: number[][];
}
