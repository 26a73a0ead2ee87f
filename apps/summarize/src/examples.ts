/** `summarize <command> --help` examples (SciTLDR and AESLC: --dataset NAME, see `seq2seq datasets`). */
export const summarizeExamples: Record<string, readonly string[]> = {
  train: [
    'bash models/summarize/recipe.sh runs/scitldr                                              # the shipped model\'s recipe (SciTLDR)',
    'npx summarize train --out runs/aeslc --dataset aeslc',
    'npx summarize train --out runs/mine --train docs.tsv --valid valid.tsv --copy             # TSV document<TAB>summary',
  ],
  eval: [
    'npx summarize eval --dataset scitldr                              # the shipped model on SciTLDR dev',
    'npx summarize eval --model runs/aeslc --dataset aeslc --output-file subjects.txt',
  ],
  predict: [
    'npx summarize predict "We propose a new method for training neural networks that ..."',
    'npx summarize predict --model runs/mine --beam 4 < abstracts.txt                           # one document per line',
  ],
};
