#include "pictures.hpp"

#include "booklet/digest128.hpp"
#include "booklet/epub.hpp"
#include "booklet/model_images.hpp"

#include <algorithm>
#include <memory>
#include <optional>

namespace booklet::epub::detail {

namespace {

std::string as_string(const std::vector<std::uint8_t>& bytes) { return {bytes.begin(), bytes.end()}; }

StoredPicture raster_picture(std::span<const std::uint8_t> bytes, image::Format format, const std::string& name,
                             const style::Style& style) {
    auto source = std::make_shared<const pages::Raster>(image::decode_bytes(bytes, name));
    image::PictureTarget target;
    target.scale = image::screen_scale(*source, style.epub.image_max_side);
    target.jpeg_quality = style.images.jpeg_quality;
    target.jpeg_keeps_alpha = false;  // an image file has no soft mask beside the JPEG
    std::shared_ptr<const pages::Raster> prepared = image::prepare_picture(source, target);
    bool jpeg = prepared->compression == pages::RasterCompression::jpeg;

    StoredPicture out;
    out.width = prepared->width;
    out.height = prepared->height;
    std::vector<std::uint8_t> encoded =
        jpeg ? image::encode_jpeg(*prepared, prepared->jpeg_quality) : image::encode_picture_png(*prepared);
    // A lossless picture never grows: when its PNG would be bigger than the file it
    // came from (a lossless WebP compresses better than PNG) and it has no
    // transparency, JPEG at the style's quality is the smaller faithful choice.
    if (!jpeg && format == image::Format::webp && encoded.size() > bytes.size() && prepared->alpha.empty() &&
        style.images.jpeg_quality > 0) {
        std::vector<std::uint8_t> as_jpeg = image::encode_jpeg(*prepared, style.images.jpeg_quality);
        if (as_jpeg.size() < encoded.size()) {
            encoded = std::move(as_jpeg);
            jpeg = true;
        }
    }
    out.format = jpeg ? image::Format::jpeg : image::Format::png;
    // The file as it was, when it is at its shown size, needs no turning (EXIF
    // orientation: not every reader applies it), can be stored as it is, and is
    // not bigger than what preparation made.
    const bool same_size = prepared->width == source->width && prepared->height == source->height;
    const bool as_is = (format == image::Format::png ||
                        (format == image::Format::jpeg && image::probe_bytes(bytes, name).orientation == 1));
    if (same_size && as_is && bytes.size() <= encoded.size()) {
        out.data.assign(bytes.begin(), bytes.end());
        out.format = format;
        return out;
    }
    out.data = as_string(encoded);
    return out;
}

// A StoredPicture of a raster picture as a cache payload: all raster_picture sets.
std::string picture_payload(const StoredPicture& p) {
    PayloadWriter w;
    w.u8(static_cast<std::uint8_t>(p.format));
    w.i32(p.width);
    w.i32(p.height);
    w.u8(p.compress ? 1 : 0);
    w.bytes(p.data);
    return w.take();
}

std::optional<StoredPicture> picture_from_payload(std::string_view payload) {
    PayloadReader in(payload);
    StoredPicture p;
    const std::uint8_t format = in.u8();
    p.width = in.i32();
    p.height = in.i32();
    const std::uint8_t compress = in.u8();
    const std::string_view data = in.bytes();
    const auto f = static_cast<image::Format>(format);
    in.require((f == image::Format::png || f == image::Format::jpeg) && compress <= 1 && p.width > 0 && p.height > 0);
    if (!in.finished()) return std::nullopt;
    p.format = f;
    p.compress = compress == 1;
    p.data.assign(data);
    return p;
}

StoredPicture cached_raster_picture(std::span<const std::uint8_t> bytes, image::Format format, const std::string& name,
                                    const style::Style& style, image::PictureCache* cache, const image::CacheKey* known) {
    if (!cache) return raster_picture(bytes, format, name, style);
    const image::CacheKey key = known ? *known : stored_picture_key(sha256(bytes), style);
    if (auto payload = cache->get(key))
        if (auto picture = picture_from_payload(*payload)) return std::move(*picture);
    StoredPicture picture = raster_picture(bytes, format, name, style);
    cache->put(key, picture_payload(picture));
    return picture;
}

}  // namespace

// Every setting raster_picture reads.
image::CacheKey stored_picture_key(const Sha256Digest& bytes, const style::Style& style) {
    return image::CacheKeyBuilder("epub picture", bytes)
        .integer("epub.image_max_side", style.epub.image_max_side)
        .integer("images.jpeg_quality", style.images.jpeg_quality)
        .finish();
}

StoredPicture store_picture(std::span<const std::uint8_t> bytes, const std::string& name, const style::Style& style,
                            image::PictureCache* cache, const image::CacheKey* key) {
    const image::Format format = image::sniff_bytes(bytes.first(std::min<std::size_t>(bytes.size(), 1024)));
    switch (format) {
    case image::Format::jpeg:
    case image::Format::png:
    case image::Format::webp:  // WebP is no EPUB 3.2 core media type: JPEG or PNG
        return cached_raster_picture(bytes, format, name, style, cache, key);
    case image::Format::gif: {
        const image::Size size = image::probe_bytes(bytes, name);
        StoredPicture out;
        out.data.assign(bytes.begin(), bytes.end());
        out.format = format;
        out.width = size.width;
        out.height = size.height;
        return out;
    }
    case image::Format::svg: {
        // Never the file as it is: only what clean_svg's allow-list keeps.
        image::SvgCleaned clean = image::clean_svg(bytes, name);
        StoredPicture out;
        out.data = std::move(clean.text);
        out.format = format;
        out.compress = true;
        out.svg_removed = std::move(clean.removed);
        return out;
    }
    case image::Format::unknown:
        break;
    }
    throw Error(SourcePos{name}, "not a PNG, JPEG, GIF, WebP or SVG image", "image-decode");
}

}  // namespace booklet::epub::detail

namespace booklet::epub::detail {

PictureResult store_picture_file(const std::filesystem::path& file, const style::Style& style,
                                 image::PictureCache* cache) {
    try {
        return store_picture(image::read_file_bytes(file), file.string(), style, cache);
    } catch (const Error& e) {
        return e;
    }
}

std::string picture_key(const std::filesystem::path& file) { return file.lexically_normal().string(); }

}  // namespace booklet::epub::detail

namespace booklet::epub {

Pictures::Pictures() : set_(std::make_unique<detail::PictureSet>()) {}
Pictures::~Pictures() = default;
Pictures::Pictures(Pictures&&) noexcept = default;
Pictures& Pictures::operator=(Pictures&&) noexcept = default;

namespace {

// A file's picture, taken from what the session's last build prepared (`was`)
// when the file holds the same bytes (their XXH3-128; their SHA-256 is then the
// one kept) and the picture's key is the same (the style's settings), else
// prepared; recorded in `now` either way. A file that cannot be read is not kept.
detail::PictureResult kept_picture_file(const std::filesystem::path& file, const style::Style& style,
                                        image::PictureCache* cache, detail::KeptPictureFiles& was,
                                        detail::KeptPictureFiles& now) {
    std::vector<std::uint8_t> bytes;
    try {
        bytes = image::read_file_bytes(file);
    } catch (const Error& e) {
        return e;
    }
    const std::string name = file.string();
    const auto it = was.by_name.find(name);
    detail::KeptPictureFile* last = it != was.by_name.end() ? &it->second : nullptr;
    detail::KeptPictureFile entry;
    entry.bytes = digest128(bytes.data(), bytes.size());
    const bool same_bytes = last && last->bytes == entry.bytes;
    entry.sha256 = same_bytes ? last->sha256 : sha256(bytes);
    entry.key = detail::stored_picture_key(entry.sha256, style);
    if (same_bytes && last->key == entry.key) {
        entry.result = std::move(last->result);
    } else {
        try {
            entry.result = detail::store_picture(bytes, name, style, cache, &entry.key);
        } catch (const Error& e) {
            entry.result = e;
        }
    }
    return now.by_name.insert_or_assign(name, std::move(entry)).first->second.result;
}

}  // namespace

KeptPictures::KeptPictures() : impl_(std::make_unique<detail::KeptPictureFiles>()) {}
KeptPictures::~KeptPictures() = default;

Pictures prepare_pictures(const model::Document& document, const style::Style& style, image::PictureCache* cache,
                          KeptPictures* kept) {
    Pictures out;
    detail::KeptPictureFiles now;
    const auto add = [&](const std::filesystem::path& file) {
        if (file.empty()) return;  // missing or remote: nothing to prepare
        const std::string key = detail::picture_key(file);
        if (out.set_->by_file.count(key)) return;
        out.set_->by_file.emplace(key, kept ? kept_picture_file(file, style, cache, kept->files(), now)
                                            : detail::store_picture_file(file, style, cache));
    };
    add(document.meta.cover);
    model::each_image(document, [&](const model::ImageRef& ref, const SourcePos&) { add(ref.file); });
    if (kept) kept->files() = std::move(now);  // what this build used, for the next
    return out;
}

}  // namespace booklet::epub
