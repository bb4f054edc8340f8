#!/usr/bin/env bash
# Time and peak memory of every hostile case (tests/support/hostile_inputs.hpp)
# through `booklet build`, one line each: case, exit code, seconds, peak RSS, and
# the last line the build printed.
#   bench/hostile.sh [BUILD_DIR] [TIMEOUT_SECONDS]
set -uo pipefail
build=${1:-build}
limit=${2:-60}
work=$(mktemp -d /tmp/booklet-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$build/tests/integration/hostile/hostile_generate" "$work" > "$work/cases.tsv"
printf '%-30s %5s %8s %9s  %s\n' case exit seconds peak_MB "last line"
while IFS=$'\t' read -r name command; do
  command=${command/booklet /$build/src/cli/booklet }
  ( ulimit -v 8000000; eval "timeout $limit /usr/bin/time -v -o $work/time.txt $command" ) > /dev/null 2> "$work/err.txt"
  code=$?
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt" 2>/dev/null)
  peak=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/time.txt" 2>/dev/null)
  last=$(grep -v '^\s*$' "$work/err.txt" | grep -v 'Command exited\|Command terminated' | tail -1 | cut -c1-110)
  printf '%-30s %5s %8s %9s  %s\n' "$name" "$code" "${secs:-?}" "${peak:-?}" "$last"
done < "$work/cases.tsv"
