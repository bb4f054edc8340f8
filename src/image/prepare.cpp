// The one picture preparation both writers follow: how far a picture is reduced
// and whether it is stored as JPEG or losslessly. The PDF asks for a resolution
// at the size a picture is printed, the EPUB for a screen's long side; both give
// the share of the picture's pixels they need and this file decides the rest.
#include "booklet/image.hpp"

#include "booklet/deflate.hpp"
#include "codecs.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace booklet::image {

namespace {

// A raster at most this much finer than asked for is left alone. Resampling by a
// few percent blurs every edge of a drawing and saves next to nothing: the
// corpus's chart drawn at 307 ppi, reduced to 300, grew from 87 KB to 211 KB
// Flate-compressed.
constexpr double kResolutionSlack = 1.10;
// Drawings kept lossless get more room still: averaging turns their flat colours
// and hard edges into gradients that Flate compresses worse, so a modest reduction
// makes the file bigger (the same chart shrunk to fit a page, 330 ppi: 87 KB kept,
// 187 KB reduced). Only a drawing well past the target is worth reducing.
constexpr double kDrawingResolutionSlack = 1.50;

// The pixel size for a scale (the axis sizes rounded up, so the result is never
// coarser than asked); the raster's own size when it is not noticeably finer.
std::pair<int, int> needed_size(const pages::Raster& r, double scale, double slack) {
    if (!(scale > 0) || scale * slack >= 1) return {r.width, r.height};
    const auto side = [scale](int pixels) {
        return std::clamp(static_cast<int>(std::ceil(pixels * scale - 1e-9)), 1, pixels);
    };
    return {side(r.width), side(r.height)};
}

// The prepared picture as a new raster, or nullptr when it is the source as it is.
std::shared_ptr<pages::Raster> changed_picture(const pages::Raster& source, const PictureTarget& target) {
    // Decoded JPEG or lossy WebP pixels hold compression noise that Flate cannot
    // shrink, and their detail was already cut to what JPEG keeps: JPEG again loses
    // little. Other pictures go to JPEG only when they look like photographs,
    // judged at full size: reduction mixes the colours of a small drawing's edges
    // (a 136-pixel emoji reduced to 65 pixels no longer looks drawn). A target that
    // cannot store transparency beside a JPEG gets a photograph with alpha in
    // indexed colour (quantize) instead: truecolour RGBA of a photograph is several
    // times a JPEG's size, and a dithered 256-entry palette keeps its look at a
    // third of that (the corpus's 954 x 917 heart collage). Photographs, indexed
    // or not, are reduced with the JPEG slack: averaging costs them nothing.
    const bool photograph = target.jpeg_quality > 0 && (source.lossy_source || looks_photographic(source));
    const bool alpha_allows_jpeg = target.jpeg_keeps_alpha || source.alpha.empty();
    const bool jpeg = photograph && alpha_allows_jpeg;
    const auto [width, height] =
        needed_size(source, target.scale, photograph ? kResolutionSlack : kDrawingResolutionSlack);
    const bool reduce = width != source.width || height != source.height;
    std::shared_ptr<pages::Raster> out;
    if (reduce) out = std::make_shared<pages::Raster>(resample(source, width, height));

    const auto compression = jpeg         ? pages::RasterCompression::jpeg
                             : photograph ? pages::RasterCompression::palette
                                          : pages::RasterCompression::lossless;
    const int quality = jpeg ? target.jpeg_quality : source.jpeg_quality;
    if (!out && compression == source.compression && quality == source.jpeg_quality) return nullptr;
    if (!out) out = std::make_shared<pages::Raster>(source);
    out->compression = compression;
    out->jpeg_quality = quality;
    return out;
}

std::string_view as_chars(const std::vector<std::uint8_t>& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

std::shared_ptr<const pages::Raster> prepare_picture(const std::shared_ptr<const pages::Raster>& source,
                                                     const PictureTarget& target) {
    std::shared_ptr<const pages::Raster> out = changed_picture(*source, target);
    return out ? out : source;
}

pages::EncodedSamples encode_samples(const pages::Raster& raster) {
    detail::check_raster(raster, "print encoder");
    pages::EncodedSamples out;
    if (raster.compression == pages::RasterCompression::jpeg) {
        const std::vector<std::uint8_t> jpeg = encode_jpeg(raster, raster.jpeg_quality);
        out.colour.assign(jpeg.begin(), jpeg.end());
    } else {
        out.colour = flate(as_chars(raster.pixels));
    }
    const bool opaque = std::all_of(raster.alpha.begin(), raster.alpha.end(), [](std::uint8_t a) { return a == 255; });
    if (!opaque) out.alpha = flate(as_chars(raster.alpha));
    return out;
}

std::shared_ptr<const pages::Raster> prepare_for_print(const std::shared_ptr<const pages::Raster>& source,
                                                       const PictureTarget& target) {
    if (source->encoded) return source;
    std::shared_ptr<pages::Raster> out = changed_picture(*source, target);
    // A picture kept as it is is copied to be encoded: the source may be shared
    // (layout's decoded files, a test's raster).
    if (!out) out = std::make_shared<pages::Raster>(*source);
    out->encoded = encode_samples(*out);
    // Moved-from empties hand the samples' memory back now.
    out->pixels = std::vector<std::uint8_t>();
    out->alpha = std::vector<std::uint8_t>();
    return out;
}

double screen_scale(const pages::Raster& raster, int max_side) {
    const int side = std::max(raster.width, raster.height);
    if (max_side <= 0 || side <= 0) return 1;
    return std::min(1.0, static_cast<double>(max_side) / side);
}

}  // namespace booklet::image
