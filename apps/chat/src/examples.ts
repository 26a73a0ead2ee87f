/** `chat <command> --help` examples (DailyDialog and chatterbot-corpus: --dataset NAME, see `seq2seq datasets`). */
export const chatExamples: Record<string, readonly string[]> = {
  talk: ['npx chat talk                                       # the shipped model; one message per line', 'npx chat talk --model runs/chat --temperature 0.8 --top-p 0.9'],
  train: [
    'npx chat train --out runs/chat --dataset dailydialog,chatterbot',
    'npx chat train --out runs/mine --train pairs.tsv --valid valid.tsv                 # TSV context<TAB>reply',
  ],
  eval: [
    'npx chat eval --dataset dailydialog   # de-duplicated against train',
    'npx chat eval --model runs/chat --data pairs.tsv --output-file replies.txt',
  ],
  predict: ['npx chat predict "Hi, how are you?"', 'npx chat predict --model runs/chat --nbest 3 "Where is the station?"'],
};
