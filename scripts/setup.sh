#!/usr/bin/env bash
# Installs the Debian 12 packages booklet needs, and nothing when they are there.
#   scripts/setup.sh build   compilers, libraries, fonts, hyphenation dictionaries
#   scripts/setup.sh test    the above plus the tools the tests run (poppler, qpdf,
#                            epubcheck with a Java runtime, zbar, Catch2, libxml2)
# Idempotent and silent when everything is present; apt-get runs through sudo when
# not root.
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev libhpdf-dev libzip-dev
  libharfbuzz-dev libfreetype-dev libfontconfig-dev libicu-dev zlib1g-dev
  libpng-dev libjpeg-dev libwebp-dev libqrencode-dev libxml2-dev
  libhyphen-dev hyphen-nl hyphen-en-us hyphen-en-gb hyphen-de hyphen-fr hyphen-es
  fonts-noto-color-emoji
)
test_packages=(
  catch2 libxml2-dev poppler-utils qpdf epubcheck default-jre-headless zbar-tools fonts-dejavu-core
  fonts-urw-base35
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
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
