// PNG: decoded through libpng (any colour type and bit depth, interlaced, palette
// with tRNS) into 8-bit samples via libpng's own transforms; encoded here, the
// chunks written directly and the image data deflated by libdeflate (`flate`, as
// the PDF's streams): libpng's writer spent a third of the EPUB's picture work in
// zlib.
//
// libpng reports errors by longjmp. Every setjmp here sits in png_guarded(), and the
// work it guards creates no object with a non-trivial destructor, so a longjmp never
// skips one (C++ [csetjmp.syn]); the C++ side allocates before and after.
#include "codecs.hpp"

#include "booklet/deflate.hpp"

#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace booklet::image {
namespace {

using detail::fail;

// What libpng's callbacks touch: plain data only.
struct PngContext {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
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

void put_u32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

// A chunk: its length, its type and data, and the CRC of type and data (PNG 5.3).
void put_chunk(std::vector<std::uint8_t>& out, const char (&type)[5], std::string_view data) {
    std::string chunk;
    chunk.reserve(12 + data.size());
    put_u32(chunk, static_cast<std::uint32_t>(data.size()));
    chunk.append(type, 4);
    chunk.append(data);
    put_u32(chunk, crc32(std::string_view(chunk).substr(4)));
    out.insert(out.end(), chunk.begin(), chunk.end());
}

// The Paeth predictor (PNG 9.4): of the left, upper and upper-left neighbours,
// the one closest to left + upper - upper-left.
std::uint8_t paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return static_cast<std::uint8_t>(a);
    return static_cast<std::uint8_t>(pb <= pc ? b : c);
}

// Row `row` (`prior` above it, zeros for the first) filtered with `type` into
// `out`, `bpp` bytes a pixel (at least 1): each byte less its prediction from the
// byte a pixel to the left (a), the one above (b) and above that (c). One loop a
// type, the first pixel (no left neighbour: a = c = 0) apart.
void filter_row(int type, const std::uint8_t* row, const std::uint8_t* prior, std::size_t bytes, std::size_t bpp,
                std::uint8_t* out) {
    const std::size_t lead = std::min(bpp, bytes);
    switch (type) {
    case 1:  // Sub: a
        std::copy(row, row + lead, out);
        for (std::size_t i = lead; i < bytes; ++i) out[i] = static_cast<std::uint8_t>(row[i] - row[i - bpp]);
        break;
    case 2:  // Up: b
        for (std::size_t i = 0; i < bytes; ++i) out[i] = static_cast<std::uint8_t>(row[i] - prior[i]);
        break;
    case 3:  // Average: (a + b) / 2
        for (std::size_t i = 0; i < lead; ++i) out[i] = static_cast<std::uint8_t>(row[i] - (prior[i] >> 1));
        for (std::size_t i = lead; i < bytes; ++i)
            out[i] = static_cast<std::uint8_t>(row[i] - ((row[i - bpp] + prior[i]) >> 1));
        break;
    case 4:  // Paeth, which is b where a = c = 0
        for (std::size_t i = 0; i < lead; ++i) out[i] = static_cast<std::uint8_t>(row[i] - prior[i]);
        for (std::size_t i = lead; i < bytes; ++i)
            out[i] = static_cast<std::uint8_t>(row[i] - paeth(row[i - bpp], prior[i], prior[i - bpp]));
        break;
    default:  // None
        std::copy(row, row + bytes, out);
        break;
    }
}

// The sum of a filtered row's bytes read as signed numbers, in magnitude.
std::uint64_t magnitude(const std::vector<std::uint8_t>& filtered) {
    std::uint64_t sum = 0;
    for (const std::uint8_t v : filtered) sum += static_cast<std::uint64_t>(v < 128 ? v : 256 - v);
    return sum;
}

// The image data before deflating: each row led by its filter type. Samples take
// per row the filter whose bytes, read as signed, sum to the least magnitude (the
// PNG specification's suggestion, 12.8, and libpng's choice); palette indices
// take none (differences between indices mean nothing).
std::string filtered_rows(const std::uint8_t* data, std::size_t row_bytes, std::size_t rows, std::size_t bpp,
                          bool adaptive) {
    std::string out;
    out.reserve((row_bytes + 1) * rows);
    const std::vector<std::uint8_t> zeros(row_bytes, 0);
    std::vector<std::uint8_t> trial(row_bytes), best(row_bytes);
    for (std::size_t y = 0; y < rows; ++y) {
        const std::uint8_t* row = data + y * row_bytes;
        const std::uint8_t* prior = y > 0 ? row - row_bytes : zeros.data();
        int chosen = 0;
        filter_row(0, row, prior, row_bytes, bpp, best.data());
        if (adaptive) {
            std::uint64_t least = magnitude(best);
            for (int type = 1; type <= 4 && least > 0; ++type) {
                filter_row(type, row, prior, row_bytes, bpp, trial.data());
                if (const std::uint64_t sum = magnitude(trial); sum < least) {
                    least = sum;
                    chosen = type;
                    best.swap(trial);
                }
            }
        }
        out += static_cast<char>(chosen);
        out.append(reinterpret_cast<const char*>(best.data()), row_bytes);
    }
    return out;
}

// A PNG of `header`'s image from its rows as filtered_rows gave them; `palette` and
// `alphas` fill PLTE and tRNS for a palette image.
std::vector<std::uint8_t> write_png(const PngHeader& header, const std::string& rows, std::string_view palette = {},
                                    std::string_view alphas = {}) {
    std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::string ihdr;
    put_u32(ihdr, static_cast<std::uint32_t>(header.width));
    put_u32(ihdr, static_cast<std::uint32_t>(header.height));
    ihdr += static_cast<char>(header.bit_depth);
    ihdr += static_cast<char>(header.color_type);
    ihdr.append(3, '\0');  // deflate, adaptive filtering, no interlace
    put_chunk(out, "IHDR", ihdr);
    if (!palette.empty()) put_chunk(out, "PLTE", palette);
    if (!alphas.empty()) put_chunk(out, "tRNS", alphas);
    const auto ppm_x = static_cast<std::uint32_t>(header.dpi_x / 0.0254 + 0.5);
    const auto ppm_y = static_cast<std::uint32_t>(header.dpi_y / 0.0254 + 0.5);
    if (header.dpi_x > 0 && header.dpi_y > 0 && ppm_x > 0 && ppm_y > 0) {
        std::string phys;
        put_u32(phys, ppm_x);
        put_u32(phys, ppm_y);
        phys += '\1';  // per metre
        put_chunk(out, "pHYs", phys);
    }
    put_chunk(out, "IDAT", flate(rows));
    put_chunk(out, "IEND", {});
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

    int color_type = PNG_COLOR_TYPE_RGB;
    if (raster.channels == 1) color_type = alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY;
    else if (alpha) color_type = PNG_COLOR_TYPE_RGB_ALPHA;

    const PngHeader header{raster.width, raster.height, 8, color_type, raster.dpi_x, raster.dpi_y};
    return write_png(header, filtered_rows(samples, row_bytes, static_cast<std::size_t>(raster.height), channels, true));
}

std::vector<std::uint8_t> encode_png(const IndexedRaster& raster) {
    const std::size_t count = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height);
    if (raster.palette.empty() || raster.palette.size() > 256 || raster.width <= 0 || raster.height <= 0 ||
        raster.indices.size() != count)
        fail("<raster>", "PNG encoder: indexed raster size does not match its dimensions");
    detail::check_dimensions(raster.width, raster.height, "<raster>");
    for (const std::uint8_t index : raster.indices)
        if (index >= raster.palette.size()) fail("<raster>", "PNG encoder: pixel index outside the palette");

    std::string colours;
    std::string alphas;  // tRNS: up to the last entry that is not opaque
    for (const auto& entry : raster.palette) {
        colours.append({static_cast<char>(entry[0]), static_cast<char>(entry[1]), static_cast<char>(entry[2])});
        if (entry[3] != 255) alphas.resize(colours.size() / 3, '\xFF');
    }
    for (std::size_t i = 0; i < alphas.size(); ++i) alphas[i] = static_cast<char>(raster.palette[i][3]);
    const std::size_t n = raster.palette.size();
    const int bit_depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
    std::vector<std::uint8_t> packed = pack_indices(raster, bit_depth);
    const std::size_t row_bytes = packed.size() / static_cast<std::size_t>(raster.height);
    const PngHeader header{raster.width, raster.height, bit_depth, PNG_COLOR_TYPE_PALETTE, raster.dpi_x, raster.dpi_y};
    return write_png(header, filtered_rows(packed.data(), row_bytes, static_cast<std::size_t>(raster.height), 1, false),
                     colours, alphas);
}

std::vector<std::uint8_t> encode_picture_png(const pages::Raster& raster) {
    std::vector<std::uint8_t> truecolour = encode_png(raster);
    if (raster.compression != pages::RasterCompression::palette) return truecolour;
    std::vector<std::uint8_t> indexed = encode_png(quantize(raster));
    if (static_cast<double>(indexed.size()) <= kPaletteGain * static_cast<double>(truecolour.size())) return indexed;
    return truecolour;
}

}  // namespace booklet::image
