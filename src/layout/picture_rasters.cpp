#include "picture_rasters.hpp"

#include "booklet/image.hpp"

#include <algorithm>
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

// The share of a raster's pixels that shows max_ppi at its largest placement;
// the axis that needs more pixels decides. 1 (all) when nothing limits it.
double needed_scale(const pages::Raster& r, double width_in, double height_in, int max_ppi) {
    if (max_ppi <= 0 || width_in <= 0 || height_in <= 0) return 1;
    return std::max(width_in * max_ppi / r.width, height_in * max_ppi / r.height);
}

// The reduction and the JPEG-or-lossless choice are image::prepare_picture's, the
// one policy the EPUB follows too; print only says which resolution it needs.
std::shared_ptr<const pages::Raster> prepare(const Placement& p, const style::ImageStyle& images) {
    image::PictureTarget target;
    target.scale = needed_scale(*p.source, p.width_in, p.height_in, images.max_ppi);
    target.jpeg_quality = images.jpeg_quality;
    target.jpeg_keeps_alpha = true;  // the PDF stores alpha as an /SMask beside the JPEG
    return image::prepare_picture(p.source, target);
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
