#!/usr/bin/env bash
# Does the cost grow linearly with the book? The site's pages copied 1, 2, 5 and 10
# times under new names (c1-NAME.md, c2-NAME.md, ...: new names, so new chapters and
# ids, not one page read twice), PDF and EPUB in one process, median of $BENCH_RUNS
# runs each; wall time and peak RSS per source page and their ratio to 1x.
#   bench/scale.sh [BOOKLET] [CORPUS_DIR] [FACTORS] [BOOKLET_OPTION...]
#   FACTORS default "1 2 5 10"; options go to every build, e.g. --set pdf.tagged=false
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
booklet=$(realpath "${1:-build/src/cli/booklet}")
corpus=$(corpus_dir "${2:-../shared/corpus/pauseai-en}")
read -r -a factors <<< "${3:-1 2 5 10}"
options=("${@:4}")
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

echo "scale: $corpus x (${factors[*]}), $booklet ${options[*]}, $runs runs, $(nproc) cores, load now $(load1)"
# All runs of one size together: a 10x build is long enough to move the load itself.
# A size that fails is reported as failed and left out of the table below; the
# series goes on, since the sizes that build still tell how the cost grows.
built=()
for n in "${factors[@]}"; do
  ok=1
  for _ in $(seq "$runs"); do
    run_once "x$n" "$booklet" build "$work/x$n.yaml" -o "$work/out$n" "${options[@]}" "${booklet_quiet[@]}" 2> /dev/null || { ok=0; break; }
  done
  ((ok)) && built+=("$n")
done
report_header size
for n in "${factors[@]}"; do
  if [[ -e "$work/x$n.failed" ]]; then
    printf '%-16s failed (%s pages): %s\n' "x$n" "$(find "$work/x$n" -name '*.md' | wc -l)" "$(tr '\n' ' ' < "$work/x$n.failed" | cut -c1-300)"
  else
    report "x$n"
  fi
done
echo
# Per page includes the fixed cost of a build (fonts, styles, start-up), which
# shrinks per page as the book grows; the marginal cost of the pages added since the
# first size is what a pass quadratic in pages would make climb.
printf '%5s %6s %10s %8s %9s %11s %11s %13s %14s\n' size pages "PDF pages" ms/page MiB/page "time ratio" "peak ratio" "added ms/page" "added MiB/page"
for n in "${built[@]}"; do
  pages=$(find "$work/x$n" -name '*.md' | wc -l)
  pdf_pages=$(pdfinfo "$work/out$n/x$n.pdf" | awk '/^Pages:/ { print $2 }')
  w=$(wall "x$n") m=$(peak_mib "x$n")
  : "${base_w:=$w}" "${base_m:=$m}" "${base_pages:=$pages}"  # the first size built is the reference (1x by default)
  awk -v n="$n" -v p="$pages" -v pp="$pdf_pages" -v w="$w" -v m="$m" -v bw="$base_w" -v bm="$base_m" -v bp="$base_pages" 'BEGIN {
      added = (p > bp) ? sprintf("%13.1f %14.2f", 1000 * (w - bw) / (p - bp), (m - bm) / (p - bp)) : sprintf("%13s %14s", "-", "-")
      printf "%4sx %6d %10d %8.1f %9.2f %11.2f %11.2f %s\n", n, p, pp, 1000 * w / p, m / p, (w / p) / (bw / bp), (m / p) / (bm / bp), added }'
done
