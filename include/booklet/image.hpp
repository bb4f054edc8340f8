// Image files: the only user of libpng, libjpeg and libwebp.
//
// Input:  the bytes of a PNG, JPEG (baseline or progressive, gray/RGB/CMYK, EXIF
//         orientation) or WebP (lossy or lossless, with alpha) file; GIF and SVG are
//         recognised (sniff, GIF probe) but not decoded; SVG is cleaned (clean_svg).
// Output: pages::Raster (8-bit gray or RGB samples plus a separate alpha channel that
//         is empty when the image is fully opaque; lossy_source set for JPEG and
//         lossy WebP), PNG or JPEG bytes (encode_png, encode_jpeg), resampled
//         rasters (resample), indexed-colour rasters and their PNG (quantize) and a
//         photograph-or-graphic verdict (looks_photographic).
// Invariants:
//   - The format comes from the file's first bytes, never from its name.
//   - JPEG EXIF orientation is applied: decode() returns pixels as they should be
//     shown and probe() reports the shown size.
//   - Work is bounded: images larger than kMaxDimension on a side or kMaxPixels in
//     all are refused before any pixel buffer is allocated.
//   - Damaged, truncated or hostile files never crash: every failure is a
//     booklet::Error naming the file (kind "image-decode").
// Must not: know about the model, styles, pages layout or output formats.
#pragma once

#include "booklet/pages.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace booklet::image {

enum class Format { unknown, png, jpeg, gif, webp, svg };

inline constexpr int kMaxDimension = 20000;            // pixels on either side
inline constexpr std::int64_t kMaxPixels = 64'000'000;  // width * height

// From the first bytes (32 are enough for the binary formats; SVG is recognised
// within the first 1024 bytes of text).
Format sniff_bytes(std::span<const std::uint8_t> head);
// Reads the file's first bytes; unknown when it cannot be read.
Format sniff(const std::filesystem::path& file);
const char* media_type(Format f);   // "image/png", ...; "" for unknown
const char* extension(Format f);    // "png", "jpg", "gif", "webp", "svg"; "" for unknown

struct Size {
    int width = 0, height = 0;       // pixels, after EXIF orientation
    double dpi_x = 0, dpi_y = 0;     // 0 when the file does not say
    int orientation = 1;             // EXIF orientation 1..8 of a JPEG; 1 = stored as shown
};

// Reads only the header (PNG, JPEG, WebP, GIF). Throws booklet::Error.
// `name` is used in messages.
Size probe_bytes(std::span<const std::uint8_t> data, const std::string& name);
Size probe(const std::filesystem::path& file);

// Decodes PNG, JPEG or WebP. Throws booklet::Error.
pages::Raster decode_bytes(std::span<const std::uint8_t> data, const std::string& name);
pages::Raster decode(const std::filesystem::path& file);

// Whether a raster's fields agree: 1 or 3 channels, a positive size, width *
// height * channels pixel bytes and an alpha channel that is empty or width *
// height bytes. The functions below that take a raster refuse any other.
bool is_consistent(const pages::Raster& raster);
// Whether a raster in either form is whole: one with samples is_consistent; an
// encoded one (Raster::encoded) has 1 or 3 channels, a positive size of at most
// kMaxDimension a side (nothing else bounds a size whose samples are not there),
// no samples beside the encoded ones and an encoded colour that is not empty.
bool is_well_formed(const pages::Raster& raster);

// Encodes a raster as PNG (for WebP images in EPUBs): gray, gray+alpha, RGB or
// RGBA, the dpi as a pHYs chunk when known. Deterministic (no time chunk).
// Throws booklet::Error on an inconsistent raster.
std::vector<std::uint8_t> encode_png(const pages::Raster& raster);

// Encodes a raster's colour samples as a baseline JPEG (JFIF; gray, or RGB as
// YCbCr 4:2:0; Huffman tables optimised; the dpi in the JFIF header when known).
// The alpha channel is left out: a writer stores it separately. Deterministic:
// the same raster and quality give the same bytes. quality is libjpeg's 1..100
// scale (85 is a good photograph). Throws booklet::Error on an inconsistent
// raster or a quality outside 1..100.
std::vector<std::uint8_t> encode_jpeg(const pages::Raster& raster, int quality);

// A picture in indexed colour: each pixel an index into a palette of RGBA entries.
struct IndexedRaster {
    int width = 0, height = 0;
    std::vector<std::array<std::uint8_t, 4>> palette;  // at most 256; entries with alpha < 255 first
    std::vector<std::uint8_t> indices;                 // width * height, rows top to bottom
    double dpi_x = 0, dpi_y = 0;
};

// Reduces a raster to at most max_colours (3..256) RGBA palette entries. A picture
// with that few colours is kept exactly; otherwise the palette comes from median
// cut refined by k-means in an alpha-premultiplied, weighted RGB space, and opaque
// pixels are mapped with Floyd-Steinberg error diffusion (serpentine, error capped).
// Fully transparent pixels map to (0,0,0,0), opaque pixels only to entries with
// alpha 255, translucent ones only to entries with alpha 1..254. Deterministic.
// Throws booklet::Error on an inconsistent raster or palette size.
IndexedRaster quantize(const pages::Raster& raster, int max_colours = 256);

// Encodes an indexed raster as a palette PNG (PLTE, tRNS up to the last entry
// with transparency, the fewest bits per pixel the palette allows, the dpi as
// pHYs when known). Deterministic. Throws booklet::Error on an inconsistent one.
std::vector<std::uint8_t> encode_png(const IndexedRaster& raster);

// The PNG a writer stores for a raster prepare_picture marked lossless or
// palette: for palette, the indexed-colour PNG (quantize) when it is at most
// kPaletteGain of the truecolour PNG's size, else the truecolour PNG (a
// picture that indexed colour barely shrinks is not worth its dithering).
inline constexpr double kPaletteGain = 0.75;
std::vector<std::uint8_t> encode_picture_png(const pages::Raster& raster);

// The raster at width x height pixels by area averaging (box filter): each new
// pixel is the exact area-weighted mean of the old pixels under it, computed in
// integers (deterministic). Alpha is averaged too and colour is averaged weighted
// by alpha, so transparent pixels do not darken edges; an alpha channel that
// ends up fully opaque is dropped. The dpi scales with the size; lossy_source,
// compression and jpeg_quality are kept. Meant for reducing: enlarging repeats
// pixels. Throws booklet::Error on an inconsistent raster or a size outside
// 1..kMaxDimension.
pages::Raster resample(const pages::Raster& raster, int width, int height);

// Whether a raster looks like a photograph rather than a drawn graphic, so that
// JPEG suits it. Counted over visible pixels (alpha > 0): photographic when fewer
// than half of the horizontally adjacent pixel pairs are exactly equal (graphics
// are mostly flat areas; photographs carry noise and texture) and the picture has
// at least 1024 colours (128 grey levels in a gray raster). Pictures with fewer
// than 1024 visible pairs are never photographic. Deterministic; false for an
// inconsistent raster.
bool looks_photographic(const pages::Raster& raster);

// The one picture preparation both writers follow (the PDF through layout, the
// EPUB at a screen size): what a writer needs of a picture is the share of its
// pixels to keep (`scale`, 1 or more = all), found from where it is shown. A
// picture is reduced only when it is noticeably finer than that (by 10 % for
// JPEG, 50 % for lossless drawings, whose flat colours compress worse once
// averaged). Photographs (looks_photographic) and decoded lossy files (JPEG,
// lossy WebP) are marked for JPEG at jpeg_quality, everything else lossless;
// jpeg_quality 0 keeps everything lossless; a target whose JPEGs cannot carry
// transparency beside them (an EPUB image file, unlike a PDF's /SMask) gets such
// photographs with alpha marked palette (indexed colour, encode_picture_png) and
// other pictures with alpha lossless. Returns the source itself when nothing changes.
struct PictureTarget {
    double scale = 1;                // the share of the pixels needed, per axis
    int jpeg_quality = 85;           // 1..100; 0 = lossless only
    bool jpeg_keeps_alpha = true;    // the writer stores alpha beside a JPEG
};
std::shared_ptr<const pages::Raster> prepare_picture(const std::shared_ptr<const pages::Raster>& source,
                                                     const PictureTarget& target);
// A raster's samples as a print writer stores them: a JPEG at its jpeg_quality
// when its compression is jpeg, else the samples deflated (booklet/deflate.hpp);
// the alpha deflated unless every pixel is opaque. Deterministic. Throws
// booklet::Error on an inconsistent raster (an encoded one has no samples left).
pages::EncodedSamples encode_samples(const pages::Raster& raster);
// prepare_picture for print, its result encoded (Raster::encoded, pixels dropped):
// what layout hands the PDF writer. Always a new raster (the source is never
// changed), except a source already encoded, which is returned as it is.
std::shared_ptr<const pages::Raster> prepare_for_print(const std::shared_ptr<const pages::Raster>& source,
                                                       const PictureTarget& target);
// The scale that brings a raster's long side to at most max_side pixels (1 when
// it is already within it, or max_side is 0).
double screen_scale(const pages::Raster& raster, int max_side);

// An SVG image made safe to embed: parsed with expat (no DTD or other outside file
// loaded, declared entities not expanded) and written again from an allow-list of SVG 1.1
// drawing elements and attributes. Scripts, event handlers, foreignObject,
// animation, entity references, references outside the file (href other than
// "#id", url() other than url(#id), @import) are left out and listed in `removed`
// (for one warning). Bounded: at most 4 MiB of text, 100,000 elements, 64 levels,
// and 200,000 drawn elements once <use> references are followed (a reference cycle
// is refused). Throws booklet::Error (kind "image-decode") on malformed XML, a
// root that is not <svg>, or a budget exceeded.
struct SvgCleaned {
    std::string text;                  // the cleaned SVG, UTF-8
    std::vector<std::string> removed;  // what was left out, e.g. "<script>", "event handler onload="
};
SvgCleaned clean_svg(std::span<const std::uint8_t> data, const std::string& name);

// Reads a whole file (bounded to 256 MB). Throws booklet::Error naming it.
std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& file);

}  // namespace booklet::image
