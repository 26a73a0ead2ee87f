/** `translate <command> --help` examples (data: --dataset NAME, see `seq2seq datasets`). */
export const translateExamples: Record<string, readonly string[]> = {
  train: [
    'npx translate train --out runs/m30k --dataset multi30k            # Multi30k en->de, the shipped recipe is models/translate/recipe.sh',
    'npx translate train --out runs/mine --train pairs.tsv --valid valid.tsv              # TSV source<TAB>target (or Tatoeba format)',
    'npx translate train --out runs/mine --init-from models/translate --train pairs.tsv   # continue from the shipped model',
    'npx translate train --out runs/m30k --dataset multi30k --resume     # after an interruption',
  ],
  eval: [
    'npx translate eval --dataset multi30k --split test_2016_flickr --beam 5   # the shipped model',
    'npx translate eval --model runs/m30k --source test.en --target test.de --output-file hyps.txt',
    'npx translate eval --model runs/m30k --data apps/translate/data/demo.valid.tsv --beam 1',
  ],
  predict: [
    'npx translate predict "A dog runs on the beach."                                   # the shipped model',
    'npx translate predict "A man rides a bike." --nbest 3 --attention-png align.png',
    'echo "Two dogs play." | npx translate predict --model runs/m30k --json',
  ],
  demo: ['npx translate demo', 'npx translate demo --updates 100 --out runs/demo'],
};
