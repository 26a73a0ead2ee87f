import { describe, expect, it } from 'vitest';
import { retrievalTerms, TfidfIndex } from './tfidf.js';

describe('retrievalTerms', () => {
  it('lower-cases, splits on non-alphanumerics and drops plural s from longer words', () => {
    expect(retrievalTerms('Display 3D Models, pass files-now!')).toEqual(['display', '3d', 'model', 'pass', 'file', 'now']);
    expect(retrievalTerms('')).toEqual([]);
  });
});

describe('TfidfIndex', () => {
  const docs = ['tar: archiving utility', 'git commit: record changes to the repository', 'git log: show commit logs', 'ls: list directory contents'];
  const index = new TfidfIndex(docs);

  it('ranks the document sharing the rarest terms first', () => {
    const hits = index.search('list contents of a directory', 3);
    expect(hits[0]!.index).toBe(3);
    expect(hits).toHaveLength(1);
    expect(index.search('show the commit log', 2).map((h) => h.index)).toEqual([2, 1]);
  });

  it('gives cosine similarities: 1 for an identical document, decreasing down the list', () => {
    const hits = index.search(docs[1]!, 4);
    expect(hits[0]).toEqual({ index: 1, score: expect.closeTo(1, 10) });
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });

  it('returns nothing for a query of unknown or ubiquitous terms, and respects k', () => {
    expect(index.search('zebra', 5)).toEqual([]);
    expect(index.search('', 5)).toEqual([]);
    expect(new TfidfIndex(['a b', 'a c']).search('a', 5)).toEqual([]); // 'a' is in every document: idf 0
    expect(index.search('git commit log', 1)).toHaveLength(1);
  });

  it('takes its own tokenizer', () => {
    const chars = new TfidfIndex(['abc', 'xyz'], (t) => [...t]);
    expect(chars.search('zy', 1)[0]!.index).toBe(1);
  });
});
