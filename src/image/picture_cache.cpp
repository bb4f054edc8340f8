#include "booklet/picture_cache.hpp"

#include "booklet/deflate.hpp"
#include "booklet/image.hpp"

#include <cstdio>
// jpeglib.h needs FILE and size_t declared before it.
#include <jpeglib.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <zlib.h>

namespace booklet::image {

namespace detail {
extern const char kPictureCodeDigest[];  // generated at build time (cmake/CodeDigest.cmake)
}  // namespace detail

namespace {

std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

std::string cache_code_identity() {
    // The versions the program runs with, not only those it was built against: a
    // system upgrade of zlib or libwebp can change the bytes their encoders make.
    char jpeg[32];
#ifdef LIBJPEG_TURBO_VERSION_NUMBER
    std::snprintf(jpeg, sizeof jpeg, "%d/%d", JPEG_LIB_VERSION, LIBJPEG_TURBO_VERSION_NUMBER);
#else
    std::snprintf(jpeg, sizeof jpeg, "%d", JPEG_LIB_VERSION);
#endif
    return std::string("code ") + detail::kPictureCodeDigest + " libpng " + png_get_libpng_ver(nullptr) + " zlib " +
           zlibVersion() + " libjpeg " + jpeg + " libwebp " + std::to_string(WebPGetDecoderVersion()) + "/" +
           std::to_string(WebPGetEncoderVersion()) + " libdeflate " + flate_library_version();
}

CacheKeyBuilder::CacheKeyBuilder(std::string_view purpose, const Sha256Digest& source) {
    // The fixed part, hashed once per program: it does not change while it runs.
    static const Sha256Digest fixed = [] {
        Sha256 h;
        h.update("booklet picture cache " + std::to_string(kCacheFormat) + "\n" + cache_code_identity());
        return h.finish();
    }();
    field('F', "fixed", fixed);
    field('P', "purpose", as_bytes(purpose));
    field('S', "source", source);
}

void CacheKeyBuilder::field(char type, std::string_view name, std::span<const std::uint8_t> value) {
    // type, name length, name, value length, value: unambiguous whatever the names.
    PayloadWriter w;
    w.u8(static_cast<std::uint8_t>(type));
    w.bytes(name);
    w.u64(value.size());
    hash_.update(w.take());
    hash_.update(value);
}

CacheKeyBuilder& CacheKeyBuilder::integer(std::string_view name, std::int64_t value) {
    PayloadWriter w;
    w.u64(static_cast<std::uint64_t>(value));
    const std::string bytes = w.take();
    field('I', name, as_bytes(bytes));
    return *this;
}

CacheKeyBuilder& CacheKeyBuilder::real(std::string_view name, double value) {
    PayloadWriter w;
    w.f64(value);
    const std::string bytes = w.take();
    field('R', name, as_bytes(bytes));
    return *this;
}

CacheKeyBuilder& CacheKeyBuilder::flag(std::string_view name, bool value) {
    const std::uint8_t byte = value ? 1 : 0;
    field('B', name, std::span(&byte, 1));
    return *this;
}

CacheKeyBuilder& CacheKeyBuilder::text(std::string_view name, std::string_view value) {
    field('T', name, as_bytes(value));
    return *this;
}

CacheKey CacheKeyBuilder::finish() { return {hash_.finish()}; }

// ---- payload fields -------------------------------------------------------

// ---- rasters ----------------------------------------------------------------

void write_raster_header(PayloadWriter& w, const pages::Raster& r) {
    w.i32(r.width);
    w.i32(r.height);
    w.i32(r.channels);
    w.f64(r.dpi_x);
    w.f64(r.dpi_y);
    w.u8(r.lossy_source ? 1 : 0);
}

bool read_raster_header(PayloadReader& in, pages::Raster& r) {
    r.width = in.i32();
    r.height = in.i32();
    r.channels = in.i32();
    r.dpi_x = in.f64();
    r.dpi_y = in.f64();
    const std::uint8_t lossy = in.u8();
    r.lossy_source = lossy == 1;
    return lossy <= 1;
}

std::string raster_payload(const pages::Raster& r) {
    PayloadWriter w;
    write_raster_header(w, r);
    w.u8(static_cast<std::uint8_t>(r.compression));
    w.i32(r.jpeg_quality);
    w.bytes({reinterpret_cast<const char*>(r.pixels.data()), r.pixels.size()});
    w.bytes({reinterpret_cast<const char*>(r.alpha.data()), r.alpha.size()});
    w.u8(r.encoded ? 1 : 0);
    if (r.encoded) {
        w.bytes(r.encoded->colour);
        w.bytes(r.encoded->alpha);
    }
    return w.take();
}

std::optional<pages::Raster> raster_from_payload(std::string_view payload) {
    PayloadReader in(payload);
    pages::Raster r;
    const bool lossy_ok = read_raster_header(in, r);
    const std::uint8_t compression = in.u8();
    r.jpeg_quality = in.i32();
    const std::string_view pixels = in.bytes();
    const std::string_view alpha = in.bytes();
    const std::uint8_t encoded = in.u8();
    if (encoded == 1) {
        const std::string_view colour = in.bytes();
        const std::string_view encoded_alpha = in.bytes();
        r.encoded = pages::EncodedSamples{std::string(colour), std::string(encoded_alpha)};
    }
    in.require(lossy_ok && compression <= static_cast<std::uint8_t>(pages::RasterCompression::palette));
    in.require(r.jpeg_quality >= 0 && r.jpeg_quality <= 100 && encoded <= 1);
    if (!in.finished()) return std::nullopt;
    r.compression = static_cast<pages::RasterCompression>(compression);
    r.pixels.assign(pixels.begin(), pixels.end());
    r.alpha.assign(alpha.begin(), alpha.end());
    if (!is_well_formed(r)) return std::nullopt;
    return r;
}

}  // namespace booklet::image
