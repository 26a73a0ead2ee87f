#!/usr/bin/env bash
# Trains the shipped digit-string recogniser (models/transcribe). Run from the repository root:
#   bash models/transcribe/recipe.sh runs/transcribe [minutes]
# Speakers: trained on george, jackson, lucas; selected on nicolas (greedy WER on 300 generated
# strings); yweweler is never heard nor used for a choice: the card's test speaker.
set -euo pipefail
out=${1:-runs/transcribe}
minutes=${2:-70}
data=${SEQ2SEQ_DATA:-../shared/data}/fsdd
npx transcribe train --out "$out" --fsdd "$data" --train-speakers george,jackson,lucas --valid-speakers nicolas \
  --train-count 6000 --valid-count 300 --speeds 0.85,0.9,1,1.1,1.15 --vtlp 0.9,1.1 \
  --max-minutes "$minutes" --validate-every 200 --patience 0 --epochs 200 --threads 1 --ema 0.999
