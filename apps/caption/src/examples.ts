/** `caption <command> --help` examples (emoji set: --dataset NAME, see `seq2seq datasets`). */
export const captionExamples: Record<string, readonly string[]> = {
  train: [
    'npx caption train --out runs/emoji --dataset emoji --valid-names 0 --fine-tune-blocks 1 --max-minutes 45',
    'npx caption train --out runs/emoji --dataset emoji --valid-style twitter       # hold one artist out',
    'npx caption train --out runs/v2 --emoji runs/emoji3 --encoder mobilenet-v2 --valid-names 0 --valid-style openmoji --valid-drawings 0.2 --augment-views 0',
    'npx caption train --out runs/mine --captions captions.tsv --images photos/ --encoder conv  # your own image<TAB>caption TSV',
  ],
  eval: [
    'npx caption eval --dataset emoji --style twitter                    # the shipped model',
    'npx caption eval --model runs/mine --captions test.tsv --beam 3 --output-file captions.txt',
    'npx caption eval --model runs/v2 --emoji runs/emoji3 --style openmoji --drawings test   # the held-out artist, outside its validation slice',
  ],
  predict: ['npx caption predict some.png                                              # the shipped model', 'npx caption predict --model runs/mine a.png b.jpg --attention-png att.png --nbest 3'],
  gallery: ['npx caption gallery --model runs/emoji --dataset emoji', 'npx caption gallery --model runs/mine --captions captions.tsv --images photos/'],
};
