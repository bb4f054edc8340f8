#!/usr/bin/env bash
# Installs the Debian 12 packages booklet needs, and nothing when they are there.
#   scripts/setup.sh build   compilers, libraries, fonts (Noto for every script, CJK
#                            included), hyphenation dictionaries
#   scripts/setup.sh test    the above plus the tools the tests run (poppler, qpdf,
#                            epubcheck with a Java runtime, zbar, Catch2, libxml2, jq,
#                            unzip, man-db, bash-completion, and file + lintian + git for
#                            the Debian package, chromium for the EPUB screen test)
# Idempotent and silent when everything is present; apt-get runs through sudo when
# not root. When another apt or dpkg holds its lock (unattended upgrades on a fresh
# cloud machine), it waits for it, up to ten minutes, instead of failing.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libhpdf-dev libzip-dev libdeflate-dev libxxhash-dev
  libgoogle-perftools-dev
  libharfbuzz-dev libfreetype-dev libfontconfig-dev libicu-dev zlib1g-dev
  libpng-dev libjpeg-dev libwebp-dev libqrencode-dev libexpat1-dev
  libhyphen-dev hyphen-nl hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr hyphen-es
  # Hyphenation for the other languages the site is translated into (Debian has
  # none for Turkish, Finnish or the languages that are not hyphenated).
  hyphen-it hyphen-pt-pt hyphen-pt-br hyphen-pl hyphen-sv hyphen-da hyphen-no hyphen-cs
  hyphen-sk hyphen-ro hyphen-hu hyphen-ru hyphen-uk hyphen-bg hyphen-el hyphen-hi hyphen-hr
  hyphen-sl hyphen-ca hyphen-id hyphen-th
  # Fonts the system fallback finds by script: fonts-noto-core (about 40 MB: Arabic,
  # Hebrew, Devanagari, Thai and most other scripts) and fonts-noto-cjk (about 90 MB:
  # Chinese, Japanese, Korean).
  fonts-noto-color-emoji fonts-noto-core fonts-noto-cjk
)
test_packages=(
  catch2 libxml2-dev poppler-utils qpdf epubcheck default-jre-headless zbar-tools fonts-dejavu-core
  fonts-urw-base35 jq unzip man-db bash-completion file lintian git python3-fitz cmark-gfm chromium
)

mode=${1:-build}
case "$mode" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: scripts/setup.sh build|test" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
wait_seconds=600
apt=("${sudo[@]}" apt-get -o "DPkg::Lock::Timeout=$wait_seconds")

# apt-get waits for the dpkg lock itself (DPkg::Lock::Timeout); the lock of the
# package lists that 'update' takes is not covered by it on every apt version, so
# that one is waited for here, retrying while the failure is a held lock.
update_log=$(mktemp)
trap 'rm -f "$update_log"' EXIT
deadline=$((SECONDS + wait_seconds))
until "${apt[@]}" update -qq >"$update_log" 2>&1; do
  if ! grep -q "Could not get lock" "$update_log" || ((SECONDS >= deadline)); then
    cat "$update_log" >&2
    exit 1
  fi
  echo "setup: another package manager holds the apt lock; waiting" >&2
  sleep 5
done
cat "$update_log" >&2
"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
