// WebP through libwebp (lossy, lossless, with alpha). Animated files are refused:
// a page shows one picture.
#include "codecs.hpp"

#include <webp/decode.h>

namespace booklet::image {
namespace {

using detail::fail;

WebPBitstreamFeatures features_of(std::span<const std::uint8_t> data, const std::string& name) {
    WebPBitstreamFeatures f;
    const VP8StatusCode status = WebPGetFeatures(data.data(), data.size(), &f);
    if (status == VP8_STATUS_NOT_ENOUGH_DATA) fail(name, "WebP: file is truncated");
    if (status != VP8_STATUS_OK) fail(name, "WebP: not a valid WebP file (status " + std::to_string(status) + ")");
    if (f.has_animation) fail(name, "WebP: animated images are not supported");
    detail::check_dimensions(f.width, f.height, name);
    return f;
}

}  // namespace

namespace detail {

Size probe_webp(std::span<const std::uint8_t> data, const std::string& name) {
    const WebPBitstreamFeatures f = features_of(data, name);
    Size s;
    s.width = f.width;
    s.height = f.height;
    return s;
}

pages::Raster decode_webp(std::span<const std::uint8_t> data, const std::string& name) {
    const WebPBitstreamFeatures f = features_of(data, name);
    const int channels = f.has_alpha ? 4 : 3;
    const std::size_t stride = static_cast<std::size_t>(f.width) * static_cast<std::size_t>(channels);
    std::vector<std::uint8_t> samples(stride * static_cast<std::size_t>(f.height));
    const std::uint8_t* decoded =
        f.has_alpha ? WebPDecodeRGBAInto(data.data(), data.size(), samples.data(), samples.size(), static_cast<int>(stride))
                    : WebPDecodeRGBInto(data.data(), data.size(), samples.data(), samples.size(), static_cast<int>(stride));
    if (!decoded) fail(name, "WebP: cannot decode (damaged or truncated file)");
    pages::Raster raster = raster_from_interleaved(samples.data(), f.width, f.height, channels);
    raster.lossy_source = f.format == 1;  // 1: VP8 (lossy), 2: VP8L (lossless), 0: mixed (animations)
    return raster;
}

}  // namespace detail
}  // namespace booklet::image
