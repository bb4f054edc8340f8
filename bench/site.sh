#!/usr/bin/env bash
# The whole English site as one book: median wall time, peak RSS and seconds per
# stage (booklet --timings) over $BENCH_RUNS runs (5), PDF and EPUB in one process,
# then each format alone, and the repository's seed book (content/: the Dutch page
# and a short English one) for the fixed cost of a build. The runs of the four
# interleave (see lib.sh).
#   bench/site.sh [BOOKLET] [CORPUS_DIR | MANIFEST] [BOOKLET_OPTION...]
#   e.g. bench/site.sh build/src/cli/booklet ../shared/corpus/pauseai-en
# CORPUS_DIR holds posts/*.md and images/ (a manifest like notes/en.yaml is written
# for it); a MANIFEST (*.yaml) is built as it is.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
booklet=$(realpath "${1:-build/src/cli/booklet}")
input=${2:-${MANIFEST:-../shared/corpus/pauseai-en}}
booklet_quiet+=("${@:3}")  # e.g. --jobs 1: given to every build
work=$(mktemp -d /tmp/booklet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ -f "$input" ]]; then
  manifest=$(realpath "$input")
else
  corpus=$(corpus_dir "$input")
  manifest=$work/site.yaml
  write_manifest "$manifest" "$corpus/images" "$corpus/posts/*.md"
fi

echo "site: $manifest, $booklet ($("$booklet" --version | head -1)) ${*:3}, $runs runs, $(nproc) cores, load now $(load1)"
for _ in $(seq "$runs"); do
  run_once pdf+epub "$booklet" build "$manifest" -o "$work/out" "${booklet_quiet[@]}"
  run_once pdf "$booklet" build "$manifest" -o "$work/out" --format pdf "${booklet_quiet[@]}"
  run_once epub "$booklet" build "$manifest" -o "$work/out" --format epub "${booklet_quiet[@]}"
  run_once seed "$booklet" build "$here/../content" -o "$work/seed" "${booklet_quiet[@]}"
done
pages=$(pdfinfo "$work"/out/*.pdf | awk '/^Pages:/ { print $2 }')
echo "output: $pages PDF pages, $(du -k "$work"/out/*.pdf | cut -f1) KiB PDF, $(du -k "$work"/out/*.epub | cut -f1) KiB EPUB"
report_header build
for label in pdf+epub pdf epub seed; do report "$label"; done
