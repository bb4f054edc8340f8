// PNG through libpng: decode (any colour type and bit depth, interlaced, palette
// with tRNS) into 8-bit samples via libpng's own transforms, and encode.
//
// libpng reports errors by longjmp. Every setjmp here sits in png_guarded(), and the
// work it guards creates no object with a non-trivial destructor, so a longjmp never
// skips one (C++ [csetjmp.syn]); the C++ side allocates before and after.
#include "codecs.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>

namespace booklet::image {
namespace {

using detail::fail;

// What libpng's callbacks touch: plain data only.
struct PngContext {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
    std::vector<std::uint8_t>* out = nullptr;
    char message[256] = {};
};

[[noreturn]] void on_png_error(png_structp png, png_const_charp msg) {
    auto* ctx = static_cast<PngContext*>(png_get_error_ptr(png));
    std::snprintf(ctx->message, sizeof ctx->message, "%s", msg ? msg : "libpng error");
    png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}

void read_from_memory(png_structp png, png_bytep out, png_size_t length) {
    auto* ctx = static_cast<PngContext*>(png_get_io_ptr(png));
    if (length > ctx->size - ctx->pos) png_error(png, "file is truncated");
    std::memcpy(out, ctx->data + ctx->pos, length);
    ctx->pos += length;
}

void write_to_memory(png_structp png, png_bytep data, png_size_t length) {
    auto* ctx = static_cast<PngContext*>(png_get_io_ptr(png));
    bool ok = true;
    try {
        ctx->out->insert(ctx->out->end(), data, data + length);
    } catch (...) {
        ok = false;
    }
    if (!ok) png_error(png, "out of memory");
}

void flush_memory(png_structp) {}

template <class Work>
bool png_guarded(png_structp png, Work&& work) {
    if (setjmp(png_jmpbuf(png))) return false;
    work();
    return true;
}

// Owns libpng's read structures; a member of its own so that they are freed even
// when PngReader's constructor throws.
struct PngReadHandles {
    png_structp png = nullptr;
    png_infop info = nullptr;
    PngReadHandles() = default;
    ~PngReadHandles() {
        if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    }
    PngReadHandles(const PngReadHandles&) = delete;
    PngReadHandles& operator=(const PngReadHandles&) = delete;
};

struct PngReader {
    PngContext ctx;
    PngReadHandles handles;
    png_structp& png = handles.png;
    png_infop& info = handles.info;

    PngReader(std::span<const std::uint8_t> data, const std::string& name) {
        ctx.data = data.data();
        ctx.size = data.size();
        png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, on_png_error, on_png_warning);
        if (!png) fail(name, "out of memory");
        info = png_create_info_struct(png);
        if (!info) fail(name, "out of memory");
        png_set_read_fn(png, &ctx, read_from_memory);
        png_set_user_limits(png, kMaxDimension, kMaxDimension);
        // Bounds the memory a hostile ancillary chunk (a zTXt bomb) can claim.
        png_set_chunk_malloc_max(png, 16u << 20);
    }
    PngReader(const PngReader&) = delete;
    PngReader& operator=(const PngReader&) = delete;

    [[noreturn]] void raise(const std::string& name) const {
        fail(name, std::string("PNG: ") + (ctx.message[0] ? ctx.message : "cannot decode"));
    }

    void dpi(double& x, double& y) const {
        png_uint_32 ppx = 0, ppy = 0;
        int unit = 0;
        if (png_get_pHYs(png, info, &ppx, &ppy, &unit) && unit == PNG_RESOLUTION_METER) {
            x = ppx * 0.0254;
            y = ppy * 0.0254;
        }
    }
};

}  // namespace

namespace detail {

Size probe_png(std::span<const std::uint8_t> data, const std::string& name) {
    PngReader r(data, name);
    if (!png_guarded(r.png, [&] { png_read_info(r.png, r.info); })) r.raise(name);
    Size s;
    s.width = static_cast<int>(png_get_image_width(r.png, r.info));
    s.height = static_cast<int>(png_get_image_height(r.png, r.info));
    check_dimensions(s.width, s.height, name);
    r.dpi(s.dpi_x, s.dpi_y);
    return s;
}

pages::Raster decode_png(std::span<const std::uint8_t> data, const std::string& name) {
    PngReader r(data, name);
    const bool header_ok = png_guarded(r.png, [&] {
        png_read_info(r.png, r.info);
        const int color_type = png_get_color_type(r.png, r.info);
        const int bit_depth = png_get_bit_depth(r.png, r.info);
        if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(r.png);
        if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(r.png);
        if (png_get_valid(r.png, r.info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(r.png);
        if (bit_depth == 16) png_set_scale_16(r.png);
        png_set_interlace_handling(r.png);
        png_read_update_info(r.png, r.info);
    });
    if (!header_ok) r.raise(name);

    const int width = static_cast<int>(png_get_image_width(r.png, r.info));
    const int height = static_cast<int>(png_get_image_height(r.png, r.info));
    check_dimensions(width, height, name);
    const int channels = png_get_channels(r.png, r.info);
    const std::size_t row_bytes = png_get_rowbytes(r.png, r.info);
    if (channels < 1 || channels > 4 || png_get_bit_depth(r.png, r.info) != 8 ||
        row_bytes != static_cast<std::size_t>(width) * static_cast<std::size_t>(channels))
        fail(name, "PNG: unexpected sample layout after conversion");

    std::vector<std::uint8_t> samples(row_bytes * static_cast<std::size_t>(height));
    std::vector<png_bytep> rows(static_cast<std::size_t>(height));
    for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = samples.data() + y * row_bytes;
    if (!png_guarded(r.png, [&] { png_read_image(r.png, rows.data()); })) r.raise(name);

    pages::Raster raster = raster_from_interleaved(samples.data(), width, height, channels);
    r.dpi(raster.dpi_x, raster.dpi_y);
    return raster;
}

}  // namespace detail

namespace {

struct PngHeader {
    int width = 0, height = 0, bit_depth = 8, color_type = PNG_COLOR_TYPE_RGB;
    double dpi_x = 0, dpi_y = 0;
};

// Writes a PNG from rows of samples; `chunks` sets what the colour type needs
// (palette, transparency) and any writing options before the header goes out.
template <class Chunks>
std::vector<std::uint8_t> write_png(const PngHeader& header, std::vector<png_bytep>& rows, Chunks&& chunks) {
    const std::string name = "<raster>";
    std::vector<std::uint8_t> out;
    PngContext ctx;
    ctx.out = &out;
    struct Writer {
        png_structp png = nullptr;
        png_infop info = nullptr;
        ~Writer() {
            if (png) png_destroy_write_struct(&png, info ? &info : nullptr);
        }
    } w;
    w.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_png_error, on_png_warning);
    if (!w.png) fail(name, "out of memory");
    w.info = png_create_info_struct(w.png);
    if (!w.info) fail(name, "out of memory");
    png_set_write_fn(w.png, &ctx, write_to_memory, flush_memory);

    const png_uint_32 ppm_x = static_cast<png_uint_32>(header.dpi_x / 0.0254 + 0.5);
    const png_uint_32 ppm_y = static_cast<png_uint_32>(header.dpi_y / 0.0254 + 0.5);
    const bool ok = png_guarded(w.png, [&] {
        png_set_IHDR(w.png, w.info, static_cast<png_uint_32>(header.width), static_cast<png_uint_32>(header.height),
                     header.bit_depth, header.color_type, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        if (ppm_x > 0 && ppm_y > 0) png_set_pHYs(w.png, w.info, ppm_x, ppm_y, PNG_RESOLUTION_METER);
        chunks(w.png, w.info);
        png_write_info(w.png, w.info);
        png_write_image(w.png, rows.data());
        png_write_end(w.png, nullptr);
    });
    if (!ok) fail(name, std::string("PNG encoder: ") + ctx.message);
    return out;
}

// Rows of indices at bit_depth bits each, leftmost pixel in the high bits, each
// row starting on a byte (the PNG sample layout).
std::vector<std::uint8_t> pack_indices(const IndexedRaster& raster, int bit_depth) {
    const std::size_t width = static_cast<std::size_t>(raster.width), bits = static_cast<std::size_t>(bit_depth);
    const std::size_t row_bytes = (width * bits + 7) / 8, per_byte = 8 / bits;
    std::vector<std::uint8_t> packed(row_bytes * static_cast<std::size_t>(raster.height));
    for (std::size_t y = 0; y < static_cast<std::size_t>(raster.height); ++y)
        for (std::size_t x = 0; x < width; ++x) {
            const std::size_t shift = 8 - bits * (x % per_byte + 1);
            packed[y * row_bytes + x / per_byte] |= static_cast<std::uint8_t>(raster.indices[y * width + x] << shift);
        }
    return packed;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const pages::Raster& raster) {
    detail::check_raster(raster, "PNG encoder");
    const std::size_t count = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height);
    const std::size_t color = static_cast<std::size_t>(raster.channels);

    const bool alpha = !raster.alpha.empty();
    const std::size_t channels = color + (alpha ? 1 : 0);
    std::vector<std::uint8_t> interleaved;
    const std::uint8_t* samples = raster.pixels.data();
    if (alpha) {
        interleaved.resize(count * channels);
        for (std::size_t i = 0; i < count; ++i) {
            std::memcpy(&interleaved[i * channels], &raster.pixels[i * color], color);
            interleaved[i * channels + color] = raster.alpha[i];
        }
        samples = interleaved.data();
    }
    const std::size_t row_bytes = static_cast<std::size_t>(raster.width) * channels;
    std::vector<png_bytep> rows(static_cast<std::size_t>(raster.height));
    for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = const_cast<png_bytep>(samples + y * row_bytes);

    int color_type = PNG_COLOR_TYPE_RGB;
    if (raster.channels == 1) color_type = alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY;
    else if (alpha) color_type = PNG_COLOR_TYPE_RGB_ALPHA;

    const PngHeader header{raster.width, raster.height, 8, color_type, raster.dpi_x, raster.dpi_y};
    return write_png(header, rows, [](png_structp, png_infop) {});
}

std::vector<std::uint8_t> encode_png(const IndexedRaster& raster) {
    const std::size_t count = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height);
    if (raster.palette.empty() || raster.palette.size() > 256 || raster.width <= 0 || raster.height <= 0 ||
        raster.indices.size() != count)
        fail("<raster>", "PNG encoder: indexed raster size does not match its dimensions");
    detail::check_dimensions(raster.width, raster.height, "<raster>");
    for (const std::uint8_t index : raster.indices)
        if (index >= raster.palette.size()) fail("<raster>", "PNG encoder: pixel index outside the palette");

    std::vector<png_color> colours;
    std::vector<png_byte> alphas;  // tRNS: up to the last entry that is not opaque
    for (const auto& entry : raster.palette) {
        colours.push_back({entry[0], entry[1], entry[2]});
        if (entry[3] != 255) alphas.resize(colours.size(), 255);
    }
    for (std::size_t i = 0; i < alphas.size(); ++i) alphas[i] = raster.palette[i][3];
    const std::size_t n = raster.palette.size();
    const int bit_depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
    std::vector<std::uint8_t> packed = pack_indices(raster, bit_depth);
    const std::size_t row_bytes = packed.size() / static_cast<std::size_t>(raster.height);
    std::vector<png_bytep> rows(static_cast<std::size_t>(raster.height));
    for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = packed.data() + y * row_bytes;

    const PngHeader header{raster.width, raster.height, bit_depth, PNG_COLOR_TYPE_PALETTE, raster.dpi_x, raster.dpi_y};
    return write_png(header, rows, [&](png_structp png, png_infop info) {
        png_set_PLTE(png, info, colours.data(), static_cast<int>(colours.size()));
        if (!alphas.empty()) png_set_tRNS(png, info, alphas.data(), static_cast<int>(alphas.size()), nullptr);
        // Indices are no samples: differences between neighbours mean nothing, so
        // no row filter (the PNG specification's advice for palette images), and
        // the strongest deflate, whose cost is small next to the quantising.
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
        png_set_compression_level(png, 9);
    });
}

std::vector<std::uint8_t> encode_picture_png(const pages::Raster& raster) {
    std::vector<std::uint8_t> truecolour = encode_png(raster);
    if (raster.compression != pages::RasterCompression::palette) return truecolour;
    std::vector<std::uint8_t> indexed = encode_png(quantize(raster));
    if (static_cast<double>(indexed.size()) <= kPaletteGain * static_cast<double>(truecolour.size())) return indexed;
    return truecolour;
}

}  // namespace booklet::image
