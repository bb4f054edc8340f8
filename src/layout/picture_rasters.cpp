#include "picture_rasters.hpp"

#include "booklet/image.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

namespace booklet::layout {

namespace {

// One distinct raster and the largest extent it is drawn at, in inches.
struct Placement {
    std::shared_ptr<const pages::Raster> source;
    double width_in = 0, height_in = 0;
    std::shared_ptr<const pages::Raster> prepared;
};

// A raster at most this much finer than max_ppi is left alone. Resampling by a
// few percent blurs every edge of a drawing and saves next to nothing: the
// corpus's chart drawn at 307 ppi, reduced to 300, grew from 87 KB to 211 KB
// Flate-compressed.
constexpr double kResolutionSlack = 1.10;
// Drawings kept lossless get more room still: averaging turns their flat colours
// and hard edges into gradients that Flate compresses worse, so a modest reduction
// makes the file bigger (the same chart shrunk to fit a page, 330 ppi: 87 KB kept,
// 187 KB reduced). Only a drawing well past max_ppi is worth reducing.
constexpr double kDrawingResolutionSlack = 1.50;

// The pixel size a raster needs to show max_ppi at its largest placement; its own
// size when it is not (noticeably) finer than that. Both axes keep the raster's
// aspect ratio: the axis that needs more pixels decides.
std::pair<int, int> needed_size(const pages::Raster& r, double width_in, double height_in, int max_ppi,
                                double slack) {
    if (max_ppi <= 0 || width_in <= 0 || height_in <= 0) return {r.width, r.height};
    const double scale = std::max(width_in * max_ppi / r.width, height_in * max_ppi / r.height);
    if (scale * slack >= 1) return {r.width, r.height};
    // Rounded up, so the result is never coarser than max_ppi.
    const auto side = [scale](int pixels) {
        return std::clamp(static_cast<int>(std::ceil(pixels * scale - 1e-9)), 1, pixels);
    };
    return {side(r.width), side(r.height)};
}

std::shared_ptr<const pages::Raster> prepare(const Placement& p, const style::ImageStyle& images) {
    const pages::Raster& source = *p.source;
    // Decoded JPEG or lossy WebP pixels hold compression noise that Flate cannot
    // shrink, and their detail was already cut to what JPEG keeps: JPEG again loses
    // little. Other pictures go to JPEG only when they look like photographs,
    // judged at full size: reduction mixes the colours of a small drawing's edges
    // (a 136-pixel emoji reduced to 65 pixels no longer looks drawn).
    const bool jpeg = images.jpeg_quality > 0 && (source.lossy_source || image::looks_photographic(source));
    const auto [width, height] = needed_size(source, p.width_in, p.height_in, images.max_ppi,
                                             jpeg ? kResolutionSlack : kDrawingResolutionSlack);
    const bool reduce = width != source.width || height != source.height;
    std::shared_ptr<pages::Raster> out;
    if (reduce) out = std::make_shared<pages::Raster>(image::resample(source, width, height));

    const auto compression = jpeg ? pages::RasterCompression::jpeg : pages::RasterCompression::lossless;
    const int quality = jpeg ? images.jpeg_quality : source.jpeg_quality;
    if (!out && compression == source.compression && quality == source.jpeg_quality) return p.source;
    if (!out) out = std::make_shared<pages::Raster>(source);
    out->compression = compression;
    out->jpeg_quality = quality;
    return out;
}

}  // namespace

void prepare_rasters(pages::Book& book, const style::ImageStyle& images) {
    // In order of first use, so that the work is done in a fixed order; the map
    // only finds a raster's entry.
    std::vector<Placement> placements;
    std::map<const pages::Raster*, std::size_t> index;
    for (const auto& page : book.pages) {
        for (const auto& item : page.items) {
            const auto* im = std::get_if<pages::ImageItem>(&item);
            if (!im || !im->raster || im->raster->width <= 0 || im->raster->height <= 0) continue;
            auto [it, added] = index.emplace(im->raster.get(), placements.size());
            if (added) placements.push_back({im->raster, 0, 0, nullptr});
            Placement& p = placements[it->second];
            p.width_in = std::max(p.width_in, pt_from_sp(im->rect.width) / 72.0);
            p.height_in = std::max(p.height_in, pt_from_sp(im->rect.height) / 72.0);
        }
    }
    for (auto& p : placements) p.prepared = prepare(p, images);
    for (auto& page : book.pages) {
        for (auto& item : page.items) {
            auto* im = std::get_if<pages::ImageItem>(&item);
            if (!im || !im->raster) continue;
            if (auto it = index.find(im->raster.get()); it != index.end()) im->raster = placements[it->second].prepared;
        }
    }
}

}  // namespace booklet::layout
