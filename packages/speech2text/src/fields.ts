import { CharTokenizer, TextField, WordTokenizer } from '@seq2seq/text';

/** The target field (tokenizer + vocabulary) learnt from the training transcripts. */
export function buildTargetField(texts: readonly string[], output: 'word' | 'char'): TextField {
  const tokenizer = output === 'word' ? new WordTokenizer({ lowercase: true }) : new CharTokenizer({ lowercase: true });
  return TextField.build(texts, tokenizer);
}
