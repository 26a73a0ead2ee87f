/** `codegen <command> --help` examples (tldr pages: --dataset NAME, see `seq2seq datasets`). */
export const codegenExamples: Record<string, readonly string[]> = {
  train: [
    'npx codegen train --out runs/tldr --dataset tldr --max-minutes 120',
    'npx codegen train --out runs/mine --train pairs.tsv --valid valid.tsv                 # TSV description<TAB>command',
    'npx codegen train --out runs/more --init-from models/codegen --dataset tldr',
  ],
  eval: [
    'npx codegen eval --dataset tldr --split test                       # the shipped model, closed book',
    'npx codegen eval --dataset tldr --split test --docs ~/.cache/seq2seq/data/tldr/pages   # open book',
  ],
  predict: ['npx codegen predict "list all files, including hidden ones"', 'npx codegen predict --model runs/tldr --docs ~/.cache/seq2seq/data/tldr/pages --nbest 3 "compress a folder into a tar.gz archive"'],
};
