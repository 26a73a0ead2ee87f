/** `seq2seq <command> --help` examples. */
export const seq2seqExamples: Record<string, readonly string[]> = {
  models: ['npx seq2seq models', 'npx seq2seq models --json'],
  datasets: ['npx seq2seq datasets', 'npx seq2seq datasets --get multi30k', 'npx seq2seq datasets --json                  # SEQ2SEQ_DATA=DIR chooses the data directory'],
  pack: ['npx seq2seq pack --model runs/m30k --out models/translate --dtype float16', 'npx seq2seq pack --model runs/scitldr/best --out runs/small --dtype uint8'],
  serve: [
    'npx seq2seq serve --port 8080',
    'npx seq2seq serve --port 8080 --tasks translate --model translate=runs/m30k --max-batch 32',
    "curl -s localhost:8080/v1/translate -H 'content-type: application/json' -d '{\"text\": \"A dog runs.\"}'",
    'curl -s localhost:8080/v1/caption -F image=@photo.jpg',
  ],
};
