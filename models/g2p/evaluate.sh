#!/usr/bin/env bash
# Reproduces the metrics on models/g2p/MODEL.md (run from the repository root):
#   bash models/g2p/evaluate.sh [MODEL_DIR]
# CMUdict valid (6,245 words) and test splits, beam 5; WER = words matching none of their references.
set -euo pipefail
model=${1:-models/g2p}
for split in valid test; do
  echo "$split: $(npx g2p eval --model "$model" --split "$split" --beam 5 2>/dev/null | tail -n 1)"
done
