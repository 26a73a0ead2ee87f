#!/usr/bin/env bash
# A third emoji artist for the cross-style check: OpenMoji 17.0.0 (CC BY-SA 4.0, https://openmoji.org),
# rasterised from its colour SVGs to 64x64 PNGs named like ../shared/data/emoji (lower-case hex code
# points joined by '-'). Needs npm (registry access) and rsvg-convert (apt-get install librsvg2-bin).
#   apps/caption/scripts/openmoji.sh OUT [EMOJI_DIR]
# writes OUT/openmoji/64/*.png, OUT/captions.tsv (copied), and links EMOJI_DIR's styles into OUT, so
#   npx caption eval --model M --emoji OUT --style openmoji
# scores a model on drawings by an artist it never saw.
set -euo pipefail
out=${1:?usage: openmoji.sh OUT [EMOJI_DIR]}
emoji=$(cd "${2:-../shared/data/emoji}" && pwd)
command -v rsvg-convert >/dev/null || { echo "rsvg-convert not found: apt-get install librsvg2-bin" >&2; exit 1; }
mkdir -p "$out/openmoji/64"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent openmoji@17.0.0 >/dev/null && tar xzf openmoji-17.0.0.tgz package/color/svg)
# OpenMoji names files in upper case and keeps some FE0F selectors the shared set drops (and back).
declare -A svg
for f in "$tmp"/package/color/svg/*.svg; do
  k=$(basename "$f" .svg | tr 'A-F' 'a-f' | sed 's/-fe0f//g')
  svg[$k]=$f
done
made=0 missing=0
while IFS=$'\t' read -r img _; do
  k=$(basename "$img" .png | sed 's/-fe0f//g')
  if [ -z "${svg[$k]:-}" ]; then missing=$((missing + 1)); continue; fi
  rsvg-convert -w 64 -h 64 "${svg[$k]}" -o "$out/openmoji/64/$img"
  made=$((made + 1))
done < <(tail -n +2 "$emoji/captions.tsv")
cp "$emoji/captions.tsv" "$out/captions.tsv"
for d in "$emoji"/*/; do
  s=$(basename "$d")
  [ -d "$d/64" ] && [ ! -e "$out/$s" ] && ln -s "$d" "$out/$s"
done
echo "openmoji: $made images in $out/openmoji/64, $missing names without an OpenMoji drawing" >&2
