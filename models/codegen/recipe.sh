#!/usr/bin/env bash
# Trains the shipped description -> shell command model (models/codegen). Run from the repository root:
#   bash models/codegen/recipe.sh runs/tldr [minutes] [--resume]
# Data: tldr-pages (../shared/data/tldr/pages, or SEQ2SEQ_DATA/tldr; CC BY 4.0), split by page name;
# selection: greedy token F1 on 700 examples of the valid pages; the test pages are never read here.
set -euo pipefail
out=${1:-runs/tldr}
minutes=${2:-75}
pages=${SEQ2SEQ_DATA:-../shared/data}/tldr/pages
npx codegen train --pages "$pages" --out "$out" --copy --encoder-units 192 --decoder-units 384 \
  --no-input-feeding --ema 0.999 --validate-every 400 --validate-size 700 --patience 0 --threads 1 \
  --max-minutes "$minutes" ${3:-}
