// Internal to the image stage: one decoder per format and the helpers they share.
#pragma once

#include "booklet/image.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace booklet::image::detail {

[[noreturn]] void fail(const std::string& name, const std::string& message);

// Throws unless width x height is within kMaxDimension / kMaxPixels.
void check_dimensions(std::int64_t width, std::int64_t height, const std::string& name);

// Throws (naming `who`, such as "PNG encoder") unless the raster is_consistent()
// and within kMaxDimension / kMaxPixels.
void check_raster(const pages::Raster& raster, const std::string& who);

// Splits interleaved samples with alpha (channels 2 or 4) into a Raster; drops the
// alpha channel when every pixel is opaque.
pages::Raster raster_from_interleaved(const std::uint8_t* samples, int width, int height, int channels);

Size probe_png(std::span<const std::uint8_t> data, const std::string& name);
pages::Raster decode_png(std::span<const std::uint8_t> data, const std::string& name);

Size probe_jpeg(std::span<const std::uint8_t> data, const std::string& name);
pages::Raster decode_jpeg(std::span<const std::uint8_t> data, const std::string& name);

Size probe_webp(std::span<const std::uint8_t> data, const std::string& name);
pages::Raster decode_webp(std::span<const std::uint8_t> data, const std::string& name);

// EXIF orientation (1..8) from the payload of an APP1 segment that starts with
// "Exif\0\0"; 1 when absent or unreadable.
int exif_orientation(std::span<const std::uint8_t> app1);

// Orientations 5..8 swap width and height.
inline bool orientation_swaps_axes(int orientation) { return orientation >= 5 && orientation <= 8; }

// Returns the raster as it should be shown for an EXIF orientation.
pages::Raster apply_orientation(const pages::Raster& stored, int orientation);

}  // namespace booklet::image::detail
