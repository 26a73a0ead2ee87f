/** `chat <command> --help` examples (DailyDialog and chatterbot-corpus: ../shared/data in this repository's layout). */
export const chatExamples: Record<string, readonly string[]> = {
  talk: ['npx chat talk                                       # the shipped model; one message per line', 'npx chat talk --model runs/chat --temperature 0.8 --top-p 0.9'],
  train: [
    'npx chat train --out runs/chat --train ../shared/data/dailydialog/train/dialogues_train.txt.gz --train ../shared/data/chatterbot-corpus/english --valid ../shared/data/dailydialog/validation/dialogues_validation.txt.gz',
    'npx chat train --out runs/mine --train pairs.tsv --valid valid.tsv                 # TSV context<TAB>reply',
  ],
  eval: [
    'npx chat eval --data ../shared/data/dailydialog/validation/dialogues_validation.txt.gz   # de-duplicated against train',
    'npx chat eval --model runs/chat --data pairs.tsv --output-file replies.txt',
  ],
  predict: ['npx chat predict "Hi, how are you?"', 'npx chat predict --model runs/chat --nbest 3 "Where is the station?"'],
};
