/** `transcribe <command> --help` examples (FSDD: --dataset NAME, see `seq2seq datasets`). */
export const transcribeExamples: Record<string, readonly string[]> = {
  train: [
    'bash models/transcribe/recipe.sh runs/asr                                    # the shipped model\'s recipe',
    'npx transcribe train --out runs/asr --dataset fsdd --max-minutes 60',
    'npx transcribe train --out runs/mine --train train/manifest.tsv --valid valid/manifest.tsv   # your own path<TAB>text manifests',
  ],
  eval: [
    'npx transcribe make-manifest --speakers yweweler --out runs/yweweler --count 300 --seed 99',
    'npx transcribe eval --manifest runs/yweweler/manifest.tsv                    # the shipped model',
    'npx transcribe eval --model runs/asr --manifest runs/yweweler/manifest.tsv --tta-vtlp 1 --beam 1',
  ],
  predict: ['npx transcribe predict a.wav b.wav                                   # the shipped model', 'npx transcribe predict --model runs/asr a.wav --json --attention-png att.png'],
  'make-manifest': ['npx transcribe make-manifest --speakers yweweler --out runs/yweweler --count 300', 'npx transcribe make-manifest --dataset fsdd --speakers george,lucas --out runs/gl'],
};
