// EXIF orientation: reading tag 0x0112 from IFD0 (Exif 2.32, section 4.6.4) and
// turning stored pixels into shown pixels.
#include "codecs.hpp"

#include <cstring>

namespace booklet::image::detail {

int exif_orientation(std::span<const std::uint8_t> app1) {
    constexpr std::size_t kHeader = 6;  // "Exif\0\0"
    if (app1.size() < kHeader + 8 || std::memcmp(app1.data(), "Exif\0\0", kHeader) != 0) return 1;
    const std::span<const std::uint8_t> tiff = app1.subspan(kHeader);
    bool little;
    if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
    else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
    else return 1;
    auto u16 = [&](std::size_t at) -> unsigned {
        return little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1];
    };
    auto u32 = [&](std::size_t at) -> std::uint32_t {
        return little ? std::uint32_t(u16(at)) | (std::uint32_t(u16(at + 2)) << 16)
                      : (std::uint32_t(u16(at)) << 16) | std::uint32_t(u16(at + 2));
    };
    if (u16(2) != 42) return 1;
    const std::uint32_t ifd = u32(4);
    if (ifd < 8 || ifd > tiff.size() - 2) return 1;
    const unsigned entries = u16(ifd);
    for (unsigned i = 0; i < entries; ++i) {
        const std::size_t entry = ifd + 2 + std::size_t{12} * i;
        if (entry + 12 > tiff.size()) break;
        if (u16(entry) != 0x0112) continue;
        if (u16(entry + 2) != 3 || u32(entry + 4) < 1) return 1;  // SHORT, at least one value
        const unsigned value = u16(entry + 8);
        return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
    }
    return 1;
}

pages::Raster apply_orientation(const pages::Raster& stored, int orientation) {
    if (orientation < 2 || orientation > 8) return stored;
    const std::size_t w = static_cast<std::size_t>(stored.width);
    const std::size_t h = static_cast<std::size_t>(stored.height);
    const bool swap = orientation_swaps_axes(orientation);
    pages::Raster shown;
    shown.width = swap ? stored.height : stored.width;
    shown.height = swap ? stored.width : stored.height;
    shown.channels = stored.channels;
    shown.dpi_x = stored.dpi_x;
    shown.dpi_y = stored.dpi_y;
    const std::size_t ch = static_cast<std::size_t>(stored.channels);
    const std::size_t sw = static_cast<std::size_t>(shown.width);
    const std::size_t sh = static_cast<std::size_t>(shown.height);
    shown.pixels.resize(stored.pixels.size());
    if (!stored.alpha.empty()) shown.alpha.resize(stored.alpha.size());

    // For each shown pixel (x, y), the stored pixel it comes from. The tag names
    // where the stored first row and column belong: 6 means the stored image must
    // turn 90 degrees clockwise, so its first row becomes the right column.
    for (std::size_t y = 0; y < sh; ++y) {
        for (std::size_t x = 0; x < sw; ++x) {
            std::size_t sx = x, sy = y;
            switch (orientation) {
            case 2: sx = w - 1 - x; sy = y; break;
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;
            case 4: sx = x; sy = h - 1 - y; break;
            case 5: sx = y; sy = x; break;
            case 6: sx = y; sy = h - 1 - x; break;
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;
            case 8: sx = w - 1 - y; sy = x; break;
            default: break;
            }
            const std::size_t from = sy * w + sx, to = y * sw + x;
            std::memcpy(&shown.pixels[to * ch], &stored.pixels[from * ch], ch);
            if (!shown.alpha.empty()) shown.alpha[to] = stored.alpha[from];
        }
    }
    return shown;
}

}  // namespace booklet::image::detail
