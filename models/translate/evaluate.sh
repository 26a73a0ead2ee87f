#!/usr/bin/env bash
# Reproduces the metrics on models/translate/MODEL.md (run from the repository root):
#   bash models/translate/evaluate.sh [MODEL_DIR]
# Multi30k en->de val (1,014) and test_2016_flickr (1,000), beam 5, sacreBLEU 13a cased BLEU / chrF.
set -euo pipefail
model=${1:-models/translate}
data=${SEQ2SEQ_DATA:-../shared/data}/multi30k
for split in val test_2016_flickr; do
  echo "$split: $(npx translate eval --model "$model" --multi30k "$data" --split "$split" --beam 5 2>/dev/null | tail -n 1)"
done
