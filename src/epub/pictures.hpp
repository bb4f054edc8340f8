// Internal to the EPUB writer: a picture file made ready for the book by the
// one picture preparation (image::prepare_picture) at the style's screen size.
#pragma once

#include "booklet/digest128.hpp"

#include "booklet/image.hpp"
#include "booklet/picture_cache.hpp"
#include "booklet/style.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <variant>
#include <span>
#include <string>

namespace booklet::epub::detail {

struct StoredPicture {
    std::string data;
    image::Format format = image::Format::unknown;
    int width = 0, height = 0;  // pixels as shown; 0 when unknown (SVG)
    bool compress = false;      // deflate only what is not compressed already
    std::vector<std::string> svg_removed;  // what clean_svg left out
};

// PNG, JPEG, WebP: decoded, prepared (reduced to style.epub.image_max_side,
// photographs as JPEG at style.images.jpeg_quality, transparent photographs as
// indexed-colour PNG when that is clearly smaller), encoded again; the file as
// it was when that would not be smaller and it can go in as it is. GIF as it is,
// SVG cleaned. Throws booklet::Error (image-decode) on what cannot be used.
// With a cache, a PNG, JPEG or WebP prepared before from the same bytes at the
// same settings is read from it (under `key`, when the caller has made it), and
// one prepared now is stored in it.
StoredPicture store_picture(std::span<const std::uint8_t> bytes, const std::string& name, const style::Style& style,
                            image::PictureCache* cache = nullptr, const image::CacheKey* key = nullptr);
// The picture cache's key of a file's stored picture: the SHA-256 of its bytes and
// every setting store_picture reads.
image::CacheKey stored_picture_key(const Sha256Digest& bytes, const style::Style& style);

// A picture file as the book stores it: store_picture of the file's bytes, or the
// error that made it unusable (reported where the picture is first used).
using PictureResult = std::variant<StoredPicture, Error>;
PictureResult store_picture_file(const std::filesystem::path& file, const style::Style& style,
                                 image::PictureCache* cache = nullptr);
// The key a file's picture is found under: its path, lexically normal.
std::string picture_key(const std::filesystem::path& file);

struct PictureSet {
    std::map<std::string, PictureResult> by_file;  // picture_key -> result
};

// A file's picture as a session's build prepared it (KeptPictures).
struct KeptPictureFile {
    Digest128 bytes{};      // the file's, as read then
    Sha256Digest sha256{};  // of the same bytes
    image::CacheKey key;    // stored_picture_key, with that build's style
    PictureResult result;
};
struct KeptPictureFiles {
    std::map<std::string, KeptPictureFile> by_name;  // the file's name as the document gives it
};

}  // namespace booklet::epub::detail
