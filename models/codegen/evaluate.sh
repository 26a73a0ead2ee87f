#!/usr/bin/env bash
# Reproduces the metrics on models/codegen/MODEL.md (run from the repository root):
#   bash models/codegen/evaluate.sh [MODEL_DIR]
# tldr-pages valid and test pages (held-out page names), beam 5: closed book, then open book with every
# page's header as the docs plus the train split's descriptions (--docs / --docs-examples).
set -euo pipefail
model=${1:-models/codegen}
pages=${SEQ2SEQ_DATA:-../shared/data}/tldr/pages
for split in valid test; do
  echo "$split closed book: $(npx codegen eval --model "$model" --pages "$pages" --split "$split" --beam 5 2>/dev/null | tail -n 1)"
  echo "$split open book: $(npx codegen eval --model "$model" --pages "$pages" --split "$split" --beam 5 --docs "$pages" --docs-examples "$pages" 2>/dev/null | tail -n 1)"
done
