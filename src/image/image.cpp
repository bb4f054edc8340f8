// Format sniffing, dispatch to the decoders, and the helpers they share.
#include "codecs.hpp"

#include "booklet/diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace booklet::image {

namespace detail {

void fail(const std::string& name, const std::string& message) {
    throw Error(SourcePos{name}, message, "image-decode");
}

void check_dimensions(std::int64_t width, std::int64_t height, const std::string& name) {
    if (width <= 0 || height <= 0) fail(name, "image has no pixels");
    if (width > kMaxDimension || height > kMaxDimension || width * height > kMaxPixels)
        fail(name, "image too large (" + std::to_string(width) + " x " + std::to_string(height) +
                       " pixels; at most " + std::to_string(kMaxDimension) + " on a side)");
}

void check_raster(const pages::Raster& raster, const std::string& who) {
    const std::string name = "<raster>";
    if (raster.channels != 1 && raster.channels != 3) fail(name, who + ": raster must have 1 or 3 channels");
    check_dimensions(raster.width, raster.height, name);
    if (!is_consistent(raster)) fail(name, who + ": raster size does not match its dimensions");
}

pages::Raster raster_from_interleaved(const std::uint8_t* samples, int width, int height, int channels) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    const bool has_alpha = channels == 2 || channels == 4;
    r.channels = channels >= 3 ? 3 : 1;
    const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (!has_alpha) {
        r.pixels.assign(samples, samples + count * static_cast<std::size_t>(channels));
        return r;
    }
    r.pixels.resize(count * static_cast<std::size_t>(r.channels));
    r.alpha.resize(count);
    bool opaque = true;
    const std::size_t color = static_cast<std::size_t>(r.channels);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* px = samples + i * static_cast<std::size_t>(channels);
        std::memcpy(&r.pixels[i * color], px, color);
        r.alpha[i] = px[color];
        opaque = opaque && px[color] == 255;
    }
    if (opaque) r.alpha.clear();
    return r;
}

}  // namespace detail

bool is_well_formed(const pages::Raster& raster) {
    if (!raster.encoded) return is_consistent(raster);
    return raster.width > 0 && raster.height > 0 && raster.width <= kMaxDimension &&
           raster.height <= kMaxDimension && (raster.channels == 1 || raster.channels == 3) &&
           raster.pixels.empty() && raster.alpha.empty() && !raster.encoded->colour.empty();
}

bool is_consistent(const pages::Raster& raster) {
    if (raster.width <= 0 || raster.height <= 0 || (raster.channels != 1 && raster.channels != 3)) return false;
    const std::size_t count = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height);
    return raster.pixels.size() == count * static_cast<std::size_t>(raster.channels) &&
           (raster.alpha.empty() || raster.alpha.size() == count);
}

namespace {

bool starts_with(std::span<const std::uint8_t> data, const char* magic, std::size_t offset = 0) {
    const std::size_t n = std::strlen(magic);
    return data.size() >= offset + n && std::memcmp(data.data() + offset, magic, n) == 0;
}

// SVG is text: an optional BOM, then markup (XML declaration, comments, doctype)
// with an <svg element early on.
bool looks_like_svg(std::span<const std::uint8_t> head) {
    std::size_t i = 0;
    if (starts_with(head, "\xEF\xBB\xBF")) i = 3;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (i >= head.size() || head[i] != '<') return false;
    const std::size_t limit = std::min<std::size_t>(head.size(), 1024);
    if (std::find(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(limit), std::uint8_t{0}) !=
        head.begin() + static_cast<std::ptrdiff_t>(limit))
        return false;
    const std::string text(reinterpret_cast<const char*>(head.data()), limit);
    return text.find("<svg") != std::string::npos;
}

Size probe_gif(std::span<const std::uint8_t> data, const std::string& name) {
    if (data.size() < 10) detail::fail(name, "GIF header is truncated");
    Size s;
    s.width = data[6] | (data[7] << 8);   // logical screen size, little-endian
    s.height = data[8] | (data[9] << 8);
    detail::check_dimensions(s.width, s.height, name);
    return s;
}

}  // namespace

Format sniff_bytes(std::span<const std::uint8_t> head) {
    if (starts_with(head, "\x89PNG\r\n\x1a\n")) return Format::png;
    if (starts_with(head, "\xFF\xD8\xFF")) return Format::jpeg;
    if (starts_with(head, "GIF87a") || starts_with(head, "GIF89a")) return Format::gif;
    if (starts_with(head, "RIFF") && starts_with(head, "WEBP", 8)) return Format::webp;
    if (looks_like_svg(head)) return Format::svg;
    return Format::unknown;
}

Format sniff(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return Format::unknown;
    std::vector<std::uint8_t> head(1024);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return sniff_bytes(head);
}

const char* media_type(Format f) {
    switch (f) {
    case Format::png: return "image/png";
    case Format::jpeg: return "image/jpeg";
    case Format::gif: return "image/gif";
    case Format::webp: return "image/webp";
    case Format::svg: return "image/svg+xml";
    case Format::unknown: break;
    }
    return "";
}

const char* extension(Format f) {
    switch (f) {
    case Format::png: return "png";
    case Format::jpeg: return "jpg";
    case Format::gif: return "gif";
    case Format::webp: return "webp";
    case Format::svg: return "svg";
    case Format::unknown: break;
    }
    return "";
}

std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& file) {
    constexpr std::uintmax_t kMaxFileBytes = 256u << 20;
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) detail::fail(file.string(), "cannot read file: " + ec.message());
    if (size > kMaxFileBytes) detail::fail(file.string(), "file too large (" + std::to_string(size) + " bytes)");
    std::ifstream in(file, std::ios::binary);
    if (!in) detail::fail(file.string(), "cannot open file");
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) detail::fail(file.string(), "cannot read file");
    return bytes;
}

Size probe_bytes(std::span<const std::uint8_t> data, const std::string& name) {
    switch (sniff_bytes(data.first(std::min<std::size_t>(data.size(), 1024)))) {
    case Format::png: return detail::probe_png(data, name);
    case Format::jpeg: return detail::probe_jpeg(data, name);
    case Format::webp: return detail::probe_webp(data, name);
    case Format::gif: return probe_gif(data, name);
    case Format::svg: detail::fail(name, "SVG images have no pixel size");
    case Format::unknown: break;
    }
    detail::fail(name, "not a PNG, JPEG, GIF or WebP image");
}

Size probe(const std::filesystem::path& file) { return probe_bytes(read_file_bytes(file), file.string()); }

pages::Raster decode_bytes(std::span<const std::uint8_t> data, const std::string& name) {
    switch (sniff_bytes(data.first(std::min<std::size_t>(data.size(), 1024)))) {
    case Format::png: return detail::decode_png(data, name);
    case Format::jpeg: return detail::decode_jpeg(data, name);
    case Format::webp: return detail::decode_webp(data, name);
    case Format::gif: detail::fail(name, "GIF images are not decoded (convert it to PNG)");
    case Format::svg: detail::fail(name, "SVG images are not decoded (convert it to PNG)");
    case Format::unknown: break;
    }
    detail::fail(name, "not a PNG, JPEG or WebP image");
}

pages::Raster decode(const std::filesystem::path& file) { return decode_bytes(read_file_bytes(file), file.string()); }

}  // namespace booklet::image
