#!/usr/bin/env bash
# Does the cost grow linearly with the book? The site's pages copied 1, 2, 5 and 10
# times under new names (c1-NAME.md, c2-NAME.md, ...: new names, so new chapters and
# ids, not one page read twice), PDF and EPUB in one process, median of $BENCH_RUNS
# runs each; wall time and peak RSS per source page and their ratio to 1x.
#   bench/scale.sh [BOOKLET] [CORPUS_DIR] [FACTORS]     FACTORS default "1 2 5 10"
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
booklet=$(realpath "${1:-build/src/cli/booklet}")
corpus=$(corpus_dir "${2:-../shared/corpus/pauseai-en}")
read -r -a factors <<< "${3:-1 2 5 10}"
work=$(mktemp -d /tmp/booklet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

for n in "${factors[@]}"; do
  mkdir "$work/x$n"
  globs=()
  for c in $(seq "$n"); do
    for page in "$corpus"/posts/*.md; do cp "$page" "$work/x$n/c$c-$(basename "$page")"; done
    globs+=("$work/x$n/c$c-*.md")  # copy after copy, each in the site's order
  done
  write_manifest "$work/x$n.yaml" "$corpus/images" "${globs[@]}"
done

echo "scale: $corpus x (${factors[*]}), $booklet, $runs runs, $(nproc) cores, load now $(load1)"
# All runs of one size together: a 10x build is long enough to move the load itself.
for n in "${factors[@]}"; do
  for _ in $(seq "$runs"); do
    run_once "x$n" "$booklet" build "$work/x$n.yaml" -o "$work/out$n" "${booklet_quiet[@]}"
  done
done
report_header size
for n in "${factors[@]}"; do report "x$n"; done
echo
printf '%5s %6s %10s %12s %14s %11s %11s\n' size pages "PDF pages" "ms per page" "MiB per page" "time ratio" "peak ratio"
base_ms=
for n in "${factors[@]}"; do
  pages=$(find "$work/x$n" -name '*.md' | wc -l)
  pdf_pages=$(pdfinfo "$work/out$n/x$n.pdf" | awk '/^Pages:/ { print $2 }')
  ms=$(awk -v w="$(wall "x$n")" -v p="$pages" 'BEGIN { print 1000 * w / p }')
  mib=$(awk -v m="$(peak_mib "x$n")" -v p="$pages" 'BEGIN { print m / p }')
  : "${base_ms:=$ms}" "${base_mib:=$mib}"  # the first factor is the reference (1x by default)
  printf '%4sx %6s %10s %12.1f %14.2f %11.2f %11.2f\n' "$n" "$pages" "$pdf_pages" "$ms" "$mib" \
    "$(awk -v a="$ms" -v b="$base_ms" 'BEGIN { print a / b }')" "$(awk -v a="$mib" -v b="$base_mib" 'BEGIN { print a / b }')"
done
