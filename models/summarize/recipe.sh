#!/usr/bin/env bash
# Trains the shipped SciTLDR summariser (models/summarize). Run from the repository root:
#   bash models/summarize/recipe.sh runs/summarize [minutes] [--resume]
# Selection: greedy ROUGE-L on a holdout of SciTLDR train (every 13th paper); dev is never read here.
set -euo pipefail
out=${1:-runs/summarize}
minutes=${2:-50}
data=${SEQ2SEQ_DATA:-../shared/data}/scitldr
split="$out-split"
mkdir -p "$split"
gzip -dc "$data/train.jsonl.gz" | awk 'NR%13!=0' | gzip -n > "$split/train.jsonl.gz"
gzip -dc "$data/train.jsonl.gz" | awk 'NR%13==0' | gzip -n > "$split/holdout.jsonl.gz"
npx summarize train --train "$split/train.jsonl.gz" --valid "$split/holdout.jsonl.gz" --out "$out" \
  --copy --no-input-feeding --ema 0.999 --max-minutes "$minutes" --validate-every 100 \
  --validate-size 0 --patience 0 --threads 1 ${3:-}
