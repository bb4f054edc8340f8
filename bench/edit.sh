#!/usr/bin/env bash
# Edit latency of `booklet watch`: the site's pages are copied to a temporary folder
# and watched (PDF + EPUB, --timings in JSON); then a paragraph is added to one page
# $BENCH_RUNS times (5), a second apart, each time after the rebuild before it has
# finished. Prints the first build's and each rebuild's seconds per stage as watch
# reports them: "waited", from the change's first event to the build's start (the
# burst's quiet time), and "wall", the build, to the files written; then the medians
# of the rebuilds, and of waited + wall: from the save to the new files. After the
# last edit the watched output is compared with a clean build of the same files (it
# must be byte-identical).
#   bench/edit.sh [BOOKLET] [CORPUS_DIR]
#   e.g. bench/edit.sh build/src/cli/booklet ../shared/corpus/pauseai-en
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=bench/lib.sh
source "$here/lib.sh"
booklet=$(realpath "${1:-build/src/cli/booklet}")
corpus=$(corpus_dir "${2:-../shared/corpus/pauseai-en}")
work=$(mktemp -d /tmp/booklet-edit.XXXXXX)
watcher=
trap '[[ -n "$watcher" ]] && kill "$watcher" 2> /dev/null; rm -rf "$work"' EXIT

cp -r "$corpus/posts" "$work/posts"
cp -r "$corpus/images" "$work/images"
write_manifest "$work/site.yaml" "$work/images" "$work/posts/*.md"
page=$(find "$work/posts" -name '*.md' | sort | sed -n 20p)

stage_lines() { grep -c '"timings"' "$work/watch.log" || true; }
wait_for_lines() {  # N: until watch has reported N builds (at most 2 minutes)
  for _ in $(seq 1200); do
    (($(stage_lines) >= $1)) && return 0
    sleep 0.1
  done
  echo "bench: watch reported no build; its log:" >&2
  tail -5 "$work/watch.log" >&2
  exit 1
}

wait_for_quiet
echo "edit: $booklet ($("$booklet" --version | head -1)), $runs edits of $(basename "$page"), load now $(load1)"
"$booklet" watch "$work/site.yaml" -o "$work/out" -q --timings --diagnostics json > "$work/watch.log" 2>&1 &
watcher=$!
wait_for_lines 1
# Each rebuild's line is waited for by a reader started a second before the edit
# and blocked till the log is written (tail -f), not by polling: processes started
# just before or after the save ran beside the rebuild, which starts 2 ms after the
# save, and on two cores made it up to 9 ms slower.
for n in $(seq "$runs"); do
  seen=$(wc -l < "$work/watch.log")
  timeout 120 tail -n +$((seen + 1)) -f "$work/watch.log" | grep -q -m1 '"timings"' &
  reader=$!
  sleep 1
  printf '\nA paragraph added to time a rebuild, number %d.\n' "$n" >> "$page"
  wait "$reader" || true
  wait_for_lines $((n + 1))
done
kill "$watcher"
wait "$watcher" 2> /dev/null || true
watcher=

# Each build's {"timings":{...}} line: seconds to the millisecond, as watch's JSON gives them.
grep -o '"timings":{[^}]*}' "$work/watch.log" | sed -E 's/"timings":\{//; s/\}//; s/"//g; s/:/ /g; s/,/, /g' |
  awk '{ print (NR == 1 ? "first build: " : "rebuild " NR - 1 ": ") $0 }'
grep -o '"timings":{[^}]*}' "$work/watch.log" | tail -n +2 |
  sed -E 's/.*"layout":([0-9.]+).*"pdf":([0-9.]+).*"waited":([0-9.]+).*"wall":([0-9.]+).*/\1 \2 \3 \4/' |
  awk '{ l[NR] = $1; p[NR] = $2; w[NR] = $3; t[NR] = $4; s[NR] = $3 + $4 }
       function median(a, n,   i, j, x) {
         for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x }
         return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
       END { printf "rebuilds, median of %d: layout %.3f s, pdf %.3f s, total %.3f s; waited %.3f s, from the save %.3f s\n",
                    NR, median(l, NR), median(p, NR), median(t, NR), median(w, NR), median(s, NR) }'

"$booklet" build "$work/site.yaml" -o "$work/clean" -q
if cmp -s "$work/out/site.pdf" "$work/clean/site.pdf" && cmp -s "$work/out/site.epub" "$work/clean/site.epub"; then
  echo "watched output = clean build, byte for byte"
else
  echo "bench: the watched output differs from a clean build" >&2
  exit 1
fi
