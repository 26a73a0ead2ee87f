/** One search result: the document's index in the indexed list and its cosine similarity (0-1). */
export interface TfidfHit {
  index: number;
  score: number;
}

/**
 * Retrieval terms: lower-cased runs of ASCII letters and digits, with a plural 's' dropped from
 * words of four or more letters (`models` -> `model`, not `ss`: `pass` stays), a light stemmer so
 * a query's plural finds a singular summary.
 */
export function retrievalTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function counts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/**
 * A TF-IDF index with cosine similarity (sublinear term frequency 1 + ln tf, idf ln(N / df)), the
 * classic retrieval baseline. Built once over a document list; `search` walks an inverted index, so
 * a query costs time in the postings of its own terms only.
 */
export class TfidfIndex {
  readonly size: number;
  private readonly idf = new Map<string, number>();
  /** term -> (document, normalised weight) postings */
  private readonly postings = new Map<string, { index: number; weight: number }[]>();
  private readonly tokenize: (text: string) => string[];

  constructor(documents: readonly string[], tokenize: (text: string) => string[] = retrievalTerms) {
    this.tokenize = tokenize;
    this.size = documents.length;
    const tfs = documents.map((d) => counts(tokenize(d)));
    const df = new Map<string, number>();
    for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(documents.length / n));
    tfs.forEach((tf, index) => {
      for (const [t, weight] of this.weigh(tf)) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push({ index, weight });
      }
    });
  }

  /** The k most similar documents to `query`, best first (ties by index); only scores > 0. */
  search(query: string, k: number): TfidfHit[] {
    const scores = new Map<number, number>();
    for (const [t, w] of this.weigh(counts(this.tokenize(query)))) {
      for (const p of this.postings.get(t) ?? []) scores.set(p.index, (scores.get(p.index) ?? 0) + w * p.weight);
    }
    const hits = [...scores].map(([index, score]) => ({ index, score })).filter((h) => h.score > 0);
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, k);
  }

  /** Unit-length TF-IDF weights of a term-count map (terms unknown to the index weigh 0). */
  private weigh(tf: Map<string, number>): [string, number][] {
    const w: [string, number][] = [];
    for (const [t, n] of tf) {
      const idf = this.idf.get(t) ?? 0;
      if (idf > 0) w.push([t, (1 + Math.log(n)) * idf]);
    }
    const norm = Math.sqrt(w.reduce((s, [, x]) => s + x * x, 0));
    return norm > 0 ? w.map(([t, x]) => [t, x / norm]) : [];
  }
}
