#!/usr/bin/env bash
# Reproduces the metrics on models/transcribe/MODEL.md (run from the repository root):
#   bash models/transcribe/evaluate.sh [MODEL_DIR]
# 300 generated digit strings of each speaker (seed 99); yweweler was neither trained nor selected on.
set -euo pipefail
model=${1:-models/transcribe}
data=${SEQ2SEQ_DATA:-../shared/data}/fsdd
tmp=${TMPDIR:-/tmp}/seq2seq-transcribe-eval
for speaker in yweweler nicolas; do
  npx transcribe make-manifest --fsdd "$data" --speakers "$speaker" --out "$tmp/$speaker" --count 300 --seed 99 >/dev/null 2>&1
  echo "$speaker greedy, no TTA: $(npx transcribe eval --model "$model" --manifest "$tmp/$speaker/manifest.tsv" --beam 1 --tta-vtlp 1 2>/dev/null | tail -n 1)"
  echo "$speaker defaults (beam 5, 7 VTLP warps): $(npx transcribe eval --model "$model" --manifest "$tmp/$speaker/manifest.tsv" 2>/dev/null | tail -n 1)"
done
