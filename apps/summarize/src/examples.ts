/** `summarize <command> --help` examples (SciTLDR and AESLC: ../shared/data in this repository's layout). */
export const summarizeExamples: Record<string, readonly string[]> = {
  train: [
    'bash models/summarize/recipe.sh runs/scitldr                                              # the shipped model\'s recipe (SciTLDR)',
    'npx summarize train --out runs/aeslc --train ../shared/data/aeslc/train.part1.tar.gz --train ../shared/data/aeslc/train.part2.tar.gz --valid ../shared/data/aeslc/dev.tar.gz',
    'npx summarize train --out runs/mine --train docs.tsv --valid valid.tsv --copy             # TSV document<TAB>summary',
  ],
  eval: [
    'npx summarize eval --data ../shared/data/scitldr/dev.jsonl.gz                              # the shipped model on SciTLDR dev',
    'npx summarize eval --model runs/aeslc --data ../shared/data/aeslc/dev.tar.gz --output-file subjects.txt',
  ],
  predict: [
    'npx summarize predict "We propose a new method for training neural networks that ..."',
    'npx summarize predict --model runs/mine --beam 4 < abstracts.txt                           # one document per line',
  ],
};
