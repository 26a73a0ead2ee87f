/** `codegen <command> --help` examples (tldr pages: ../shared/data/tldr/pages in this repository's layout). */
export const codegenExamples: Record<string, readonly string[]> = {
  train: [
    'npx codegen train --out runs/tldr --pages ../shared/data/tldr/pages --max-minutes 120',
    'npx codegen train --out runs/mine --train pairs.tsv --valid valid.tsv                 # TSV description<TAB>command',
    'npx codegen train --out runs/more --init-from models/codegen --pages ../shared/data/tldr/pages',
  ],
  eval: [
    'npx codegen eval --pages ../shared/data/tldr/pages --split test                       # the shipped model, closed book',
    'npx codegen eval --pages ../shared/data/tldr/pages --split test --docs ../shared/data/tldr/pages   # open book',
  ],
  predict: ['npx codegen predict "list all files, including hidden ones"', 'npx codegen predict --model runs/tldr --docs ../shared/data/tldr/pages --nbest 3 "compress a folder into a tar.gz archive"'],
};
