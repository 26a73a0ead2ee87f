#!/usr/bin/env bash
# Trains the shipped en->de translator (models/translate). Run from the repository root:
#   bash models/translate/recipe.sh runs/translate [minutes] [--resume]
# Data: Multi30k en-de (../shared/data/multi30k, or SEQ2SEQ_DATA/multi30k). Selection: greedy BLEU on
# 500 sentences of the val split; test_2016_flickr is never read here.
set -euo pipefail
out=${1:-runs/translate}
minutes=${2:-125}
data=${SEQ2SEQ_DATA:-../shared/data}/multi30k
npx translate train --out "$out" --multi30k "$data" --ema 0.999 \
  --validate-every 100 --patience 0 --epochs 40 --max-minutes "$minutes" --threads 1 ${3:-}
