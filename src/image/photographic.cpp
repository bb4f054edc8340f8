// Telling photographs from graphics, cheaply and predictably.
//
// Graphics (charts, logos, diagrams, screenshots, emoji) are drawn: large areas of
// one exact colour, so most pixels equal their left neighbour, and few colours.
// Photographs are sampled from the world: sensor noise and texture make
// neighbouring pixels differ almost everywhere, and they hold thousands of
// colours. Measured on the English corpus pages: charts and emoji have 72-96 % of
// pixels equal to their left neighbour and at most a few hundred colours; photos
// (PNG or JPEG) 10-43 % and 24 000-310 000 colours.
#include "codecs.hpp"

#include <algorithm>

namespace booklet::image {

namespace {

constexpr double kMaxFlatShare = 0.5;    // photographic below this share of flat pixel pairs
constexpr std::size_t kMinColours = 1024;  // ... and with at least this many colours (RGB)
constexpr std::size_t kMinGreys = 128;     // ... or grey levels
constexpr std::size_t kMinPairs = 1024;    // smaller pictures are never called photographs

}  // namespace

bool looks_photographic(const pages::Raster& raster) {
    if (!is_consistent(raster)) return false;
    const std::size_t w = static_cast<std::size_t>(raster.width), h = static_cast<std::size_t>(raster.height);
    const std::size_t channels = static_cast<std::size_t>(raster.channels);
    const bool has_alpha = !raster.alpha.empty();
    auto visible = [&](std::size_t i) { return !has_alpha || raster.alpha[i] != 0; };

    std::vector<bool> seen(channels == 1 ? 256 : std::size_t{1} << 24);
    std::size_t colours = 0, pairs = 0, flat = 0;
    for (std::size_t y = 0; y < h; ++y) {
        for (std::size_t x = 0; x < w; ++x) {
            const std::size_t i = y * w + x;
            if (!visible(i)) continue;
            const std::uint8_t* px = raster.pixels.data() + i * channels;
            const std::size_t key = channels == 1 ? px[0] : (std::size_t{px[0]} << 16 | std::size_t{px[1]} << 8 | px[2]);
            if (!seen[key]) {
                seen[key] = true;
                ++colours;
            }
            if (x == 0 || !visible(i - 1)) continue;
            ++pairs;
            if (std::equal(px, px + channels, px - channels)) ++flat;
        }
    }
    if (pairs < kMinPairs) return false;
    if (colours < (channels == 1 ? kMinGreys : kMinColours)) return false;
    return static_cast<double>(flat) < kMaxFlatShare * static_cast<double>(pairs);
}

}  // namespace booklet::image
