#!/usr/bin/env bash
# Reproduces the metrics on models/summarize/MODEL.md (run from the repository root):
#   bash models/summarize/evaluate.sh [MODEL_DIR]
# SciTLDR dev (619 abstracts, 1-4 references each), ROUGE with Porter stemming, best reference;
# decoding defaults: beam 8, length penalty 2, trigram blocking.
set -euo pipefail
model=${1:-models/summarize}
data=${SEQ2SEQ_DATA:-../shared/data}/scitldr
echo "dev: $(npx summarize eval --model "$model" --data "$data/dev.jsonl.gz" 2>/dev/null | tail -n 1)"
