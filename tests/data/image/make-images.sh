#!/usr/bin/env bash
# Regenerates the image test files with ImageMagick (convert). The files are
# committed; this script documents how they were made. Each image is small and has
# corners of distinct colours so that orientation and channel tests can look at
# single pixels: top-left red, top-right green, bottom-left blue, bottom-right white.
set -euo pipefail
cd "$(dirname "$0")"

# A 6 x 4 image in four quadrants.
quadrants() {
  convert -size 3x2 xc:red -size 3x2 xc:lime +append \
          \( -size 3x2 xc:blue -size 3x2 xc:white +append \) -append "$@"
}

quadrants -define png:color-type=2 rgb.png
# Palette with one fully transparent entry (tRNS): the white quadrant.
quadrants -transparent white -define png:format=png8 palette-trns.png
# 16 bits per sample, RGB with alpha.
quadrants -alpha set -channel A -evaluate set 50% +channel -depth 16 -define png:format=png64 rgba16.png
# Gray with alpha: 8 x 2, left half opaque dark gray, right half light gray at 50%.
convert -size 4x2 xc:gray20 -size 4x2 xc:gray80 +append -alpha set -channel A -fx 'i<4?1:0.5' +channel \
        -define png:color-type=4 gray-alpha.png
# Interlaced (Adam7).
quadrants -interlace PNG -define png:color-type=2 interlaced.png
# 1-bit grayscale.
convert -size 8x8 pattern:checkerboard -monochrome -define png:bit-depth=1 -define png:color-type=0 gray1.png
# JPEG: baseline, progressive, gray, CMYK (Adobe APP14, inverted), and with EXIF orientation 6.
quadrants -quality 95 baseline.jpg
quadrants -quality 95 -interlace JPEG progressive.jpg
quadrants -colorspace Gray -quality 95 gray.jpg
quadrants -colorspace CMYK -quality 95 cmyk.jpg
# Orientation 6: stored as shown rotated 90 degrees counter-clockwise, tagged so
# that a viewer turns it clockwise back into the quadrant image (6 x 4 shown).
# ImageMagick writes no EXIF block of its own, so a minimal one (a big-endian TIFF
# header and IFD0 holding only tag 0x0112 = 6) is put in an APP1 segment after SOI.
quadrants -rotate -90 -quality 95 rotated-stored.jpg
python3 - <<'PY'
import struct
tiff = b"MM" + struct.pack(">HI", 42, 8) + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + struct.pack(">I", 0)
payload = b"Exif\0\0" + tiff
jpeg = open("rotated-stored.jpg", "rb").read()
app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
open("exif-orientation-6.jpg", "wb").write(jpeg[:2] + app1 + jpeg[2:])
PY
rm rotated-stored.jpg
# WebP: lossy with alpha (white quadrant transparent), lossless opaque.
quadrants -transparent white -quality 90 -define webp:alpha-quality=100 lossy-alpha.webp
quadrants -define webp:lossless=true lossless.webp
# A GIF and an SVG, only sniffed and copied.
quadrants small.gif
printf '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="6" height="4" viewBox="0 0 6 4"><rect width="6" height="4" fill="#c00"/></svg>\n' > small.svg
# Damaged files: cut in the middle of the pixel data, and a corrupted PNG chunk.
head -c 300 progressive.jpg > truncated.jpg
python3 - <<'PY'
data = open("rgb.png", "rb").read()
open("truncated.png", "wb").write(data[: len(data) // 2])  # inside IDAT
bad = bytearray(data)
bad[40] ^= 0xFF  # inside the IDAT data: the CRC no longer matches
open("bad-crc.png", "wb").write(bytes(bad))
webp = open("lossless.webp", "rb").read()
open("truncated.webp", "wb").write(webp[: len(webp) // 2])
PY
printf 'not an image at all' > not-an-image.png
