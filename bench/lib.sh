# shellcheck shell=bash disable=SC2034,SC2154  # sourced: its variables are used, and $work set, by the caller
# Shared by bench/site.sh, bench/scale.sh and bench/compare.sh (sourced, not run).
# A measurement is a label; each run of it appends one line "wall_s peak_KiB user_s
# sys_s load1" to $work/LABEL.runs and keeps its standard error (booklet's --timings) in
# $work/LABEL.err.N. Callers interleave the labels run by run, so that a change in
# the machine's load falls on every tool alike, then print the medians with report.

runs=${BENCH_RUNS:-5}
load_max=${BENCH_LOAD_MAX:-1.5}   # the brief: repeat when the 1-minute load is above 1.5
load_wait=${BENCH_LOAD_WAIT:-120} # seconds to wait for it at most; then run anyway (load is printed)

# The booklet options every measured build shares: no warnings on the terminal (the
# corpus lacks pictures), the per-stage seconds as one JSON line on standard error.
booklet_quiet=(-q --diagnostics json --timings)

load1() { cut -d' ' -f1 /proc/loadavg; }

# The machine is shared by two cores' worth of compilers: a run started beside them
# measures them too, so wait until the load is back down, within a limit.
wait_for_quiet() {
  local waited=0
  while awk -v l="$(load1)" -v m="$load_max" 'BEGIN { exit !(l > m) }' && ((waited < load_wait)); do
    sleep 5
    waited=$((waited + 5))
  done
}

# run_once LABEL COMMAND...: one timed run. A failing command fails it (returns 1,
# which under set -e stops the caller): the time of a build that did not finish says
# nothing. Its last error lines are kept in $work/LABEL.failed.
run_once() {
  local label=$1 n=1
  shift
  while [[ -e "$work/$label.err.$n" ]]; do n=$((n + 1)); done
  wait_for_quiet
  local load
  load=$(load1)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" > /dev/null 2> "$work/$label.err.$n"; then
    grep -v '^{"timings"' "$work/$label.err.$n" | tail -3 > "$work/$label.failed"
    echo "bench: '$*' failed:" >&2
    cat "$work/$label.failed" >&2
    return 1
  fi
  echo "$(tail -1 "$work/time.txt") $load" >> "$work/$label.runs"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

wall() { cut -d' ' -f1 "$work/$1.runs" | median; }
peak_mib() { cut -d' ' -f2 "$work/$1.runs" | median | awk '{ printf "%.0f", $1 / 1024 }'; }
cpu() { awk '{ print $3 + $4 }' "$work/$1.runs" | median; }  # above wall when a tool uses both cores
loads() { cut -d' ' -f5 "$work/$1.runs" | sort -g | sed -n '1p;$p' | paste -sd- -; }

# The median of each stage over the runs, in the order booklet prints them, from
# lines like {"timings":{"read":0.052,"style":0.007,...}} (a space in a stage's
# name, "epub prepare", becomes "_"; any key of that object is shown, "wall" too;
# the cache counts after it are not stages).
stages() {
  cat "$work/$1".err.* | grep -h '^{"timings"' | sed -E 's/^\{"timings":\{([^}]*)\}.*/\1/' | grep -oE '"[^"]+":[0-9.]+' | sed -E 's/ /_/g; s/"([^"]+)":/\1 /' |
    awk '{ if (!($1 in n)) order[++k] = $1; v[$1, ++n[$1]] = $2 }
         END { for (i = 1; i <= k; i++) { s = order[i]; m = n[s]
                 for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[s, b] < v[s, a]) { t = v[s, a]; v[s, a] = v[s, b]; v[s, b] = t }
                 printf "%s %.3f  ", s, (m % 2) ? v[s, (m + 1) / 2] : (v[s, m / 2] + v[s, m / 2 + 1]) / 2 } }'
}

# report LABEL: one line, the medians of wall time, CPU time (user + system) and peak
# RSS, the range of the load when the runs started, booklet's stages.
report_header() {
  printf '%-16s %9s %9s %10s  %-9s  %s\n' "$1" wall CPU "peak RSS" "load 1min" "seconds per stage (--timings)"
}
report() {
  printf '%-16s %7.2f s %7.2f s %6s MiB  %-9s  %s\n' "$1" "$(wall "$1")" "$(cpu "$1")" "$(peak_mib "$1")" "$(loads "$1")" "$(stages "$1")"
}

# write_manifest FILE ASSETS_DIR PAGE_GLOB...: a manifest like the project's English
# one (../notes/en.yaml), with absolute paths so that it can live in a temporary folder.
write_manifest() {
  local file=$1 assets=$2 globs
  shift 2
  globs=$(printf '"%s", ' "$@")
  cat > "$file" <<EOF
title: PauseAI
subtitle: Pages of the PauseAI site
authors: [PauseAI]
language: en
base_url: https://pauseai.info
date: 2026-12-03
license: CC BY 4.0
pages: [${globs%, }]
assets: ["$assets"]
EOF
}

# The corpus folder (posts/*.md, images/) given on the command line, made absolute.
corpus_dir() {
  [[ -d "$1/posts" ]] || { echo "bench: $1 has no posts/ folder (expected e.g. ../shared/corpus/pauseai-en)" >&2; exit 2; }
  cd "$1" && pwd
}
