// Times BPE learning and encoding on Multi30k train (en+de, 29k sentence pairs).
// Run: npx tsx packages/text/bench/bpe-multi30k.ts [vocabSize]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { BpeTokenizer } from '../src/bpe-tokenizer.js';

const dir = new URL('../../../../shared/data/multi30k/', import.meta.url);
const lines = (lang: string): string[] => gunzipSync(readFileSync(new URL(`train.${lang}.gz`, dir))).toString('utf8').split('\n').filter((l) => l.trim());
const texts = [...lines('en'), ...lines('de')];
const vocabSize = Number(process.argv[2] ?? 8000);
let t0 = performance.now();
const tok = BpeTokenizer.learn(texts, { vocabSize });
const learnMs = performance.now() - t0;
t0 = performance.now();
let pieces = 0;
let exact = 0;
for (const t of texts) {
  const p = tok.encode(t);
  pieces += p.length;
  if (tok.decode(p) === t.replace(/\s+/g, ' ').trim().normalize('NFC')) exact++;
}
const encodeMs = performance.now() - t0;
console.log(JSON.stringify({ sentences: texts.length, vocabSize, merges: tok.merges.length, learnMs: Math.round(learnMs), encodeMs: Math.round(encodeMs), piecesPerSentence: +(pieces / texts.length).toFixed(2), exactRoundTrip: exact / texts.length }));
