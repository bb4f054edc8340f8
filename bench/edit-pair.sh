#!/usr/bin/env bash
# Edit latency of two builds of booklet, paired: each binary watches its own copy
# of the site's pages (PDF + EPUB, --timings in JSON), and each round adds a
# paragraph to the same page of every copy in turn, one rebuild at a time. The
# two binaries' rebuilds thus alternate a second apart, under the same state of
# the machine, whose speed drifts by a quarter over tens of minutes (bench/README:
# only paired figures compare two builds). Prints each binary's medians per stage
# and from the save to the new files, and the median of the paired differences
# (second minus first) with how often the second was faster. Each watched output
# is compared with a clean build of the same files (it must be byte-identical).
#   bench/edit-pair.sh BOOKLET_A BOOKLET_B [CORPUS_DIR]   (BENCH_RUNS rounds, 5)
#   e.g. BENCH_RUNS=40 bench/edit-pair.sh /tmp/old-booklet build/src/cli/booklet
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
binaries=("$(realpath "$1")" "$(realpath "$2")")
corpus=$(corpus_dir "${3:-../shared/corpus/pauseai-en}")
work=$(mktemp -d /tmp/booklet-edit-pair.XXXXXX)
watchers=()
trap 'for w in "${watchers[@]}"; do kill "$w" 2> /dev/null; done; rm -rf "$work"' EXIT

builds() { grep -c '"timings"' "$work/$1/watch.log" || true; }
wait_for_builds() {  # SIDE N: until that watch has reported N builds (at most 2 minutes)
  for _ in $(seq 1200); do
    (($(builds "$1") >= $2)) && return 0
    sleep 0.1
  done
  echo "bench: watch $1 reported no build; its log:" >&2
  tail -5 "$work/$1/watch.log" >&2
  exit 1
}

wait_for_quiet
echo "edit pair: $runs rounds, load now $(load1)"
for side in 0 1; do
  mkdir "$work/$side"
  cp -r "$corpus/posts" "$work/$side/posts"
  cp -r "$corpus/images" "$work/$side/images"
  write_manifest "$work/$side/site.yaml" "$work/$side/images" "$work/$side/posts/*.md"
  "${binaries[$side]}" watch "$work/$side/site.yaml" -o "$work/$side/out" -q --timings --diagnostics json \
    > "$work/$side/watch.log" 2>&1 &
  watchers+=($!)
done
wait_for_builds 0 1
wait_for_builds 1 1
page=$(cd "$work/0/posts" && find . -name '*.md' | sort | sed -n 20p)
for n in $(seq "$runs"); do
  for side in 0 1; do
    sleep 0.5
    printf '\nA paragraph added to time a rebuild, number %d.\n' "$n" >> "$work/$side/posts/$page"
    wait_for_builds "$side" $((n + 1))
  done
done
for w in "${watchers[@]}"; do kill "$w" 2> /dev/null || true; done
wait 2> /dev/null || true
watchers=()

# Each rebuild's stages as "read layout pdf epub save" in milliseconds (save:
# waited + wall, from the change's first event to the files written).
rebuilds() {
  grep -o '"timings":{[^}]*}' "$work/$1/watch.log" | tail -n +2 |
    awk '{ s = $0; out = ""
           for (k = 1; k <= 5; k++) {
             key = k == 1 ? "read" : k == 2 ? "layout" : k == 3 ? "pdf" : k == 4 ? "epub" : "wall"
             v = 0
             if (match(s, "\"" key "\":[0-9.]+")) v = substr(s, RSTART + length(key) + 3, RLENGTH - length(key) - 3)
             if (key == "wall" && match(s, "\"waited\":[0-9.]+")) v += substr(s, RSTART + 9, RLENGTH - 9)
             out = out (k > 1 ? " " : "") v * 1000 }
           print out }'
}
column_median() { awk -v c="$1" '{ print $c }' | median; }
for side in 0 1; do
  rebuilds "$side" > "$work/$side.ms"
  printf '%s: read %s, layout %s, pdf %s, epub %s ms; from the save %s ms (medians of %d)\n' "${binaries[$side]}" \
    "$(column_median 1 < "$work/$side.ms")" "$(column_median 2 < "$work/$side.ms")" \
    "$(column_median 3 < "$work/$side.ms")" "$(column_median 4 < "$work/$side.ms")" \
    "$(column_median 5 < "$work/$side.ms")" "$(wc -l < "$work/$side.ms")"
done
paste -d' ' "$work/0.ms" "$work/1.ms" | awk '{ print $10 - $5 }' > "$work/diff.ms"
printf 'second - first, paired: median %s ms; the second faster in %d of %d rounds\n' \
  "$(median < "$work/diff.ms")" "$(awk '$1 < 0' "$work/diff.ms" | wc -l)" "$(wc -l < "$work/diff.ms")"

for side in 0 1; do
  "${binaries[$side]}" build "$work/$side/site.yaml" -o "$work/$side/clean" -q
  if ! cmp -s "$work/$side/out/site.pdf" "$work/$side/clean/site.pdf" ||
    ! cmp -s "$work/$side/out/site.epub" "$work/$side/clean/site.epub"; then
    echo "bench: ${binaries[$side]}'s watched output differs from a clean build" >&2
    exit 1
  fi
done
echo "watched output = clean build, byte for byte (both)"
