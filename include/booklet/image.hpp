// Image files: the only user of libpng, libjpeg and libwebp.
//
// Input:  a PNG, JPEG (baseline or progressive, EXIF orientation) or WebP file.
// Output: pages::Raster (8-bit samples plus a separate alpha channel), or PNG bytes.
// Invariants: decoding is bounded (dimension limits) and never crashes on damaged
//   files: failures are booklet::Error naming the file.
#pragma once

#include "booklet/pages.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace booklet::image {

enum class Format { unknown, png, jpeg, gif, webp, svg };

// From the file's first bytes, not its name.
Format sniff(const std::filesystem::path& file);
const char* media_type(Format f);   // "image/png", ...

struct Size {
    int width = 0, height = 0;       // pixels, after EXIF orientation
    double dpi_x = 0, dpi_y = 0;     // 0 when the file does not say
};

// Reads only the header. Throws booklet::Error.
Size probe(const std::filesystem::path& file);

// Decodes PNG, JPEG or WebP. Throws booklet::Error.
pages::Raster decode(const std::filesystem::path& file);

// Encodes a raster as PNG (for WebP images in EPUBs).
std::vector<std::uint8_t> encode_png(const pages::Raster& raster);

}  // namespace booklet::image
