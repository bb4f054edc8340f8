#include "booklet/impose.hpp"

#include "booklet/diagnostics.hpp"

#include <algorithm>
#include <string>

namespace booklet::impose {
namespace {

// Where each source page lands: its sheet side and the offset of its top-left corner.
struct Placement {
    int side = -1;
    Sp dx = 0, dy = 0;
};

pages::RuleItem rule(Sp x0, Sp y0, Sp x1, Sp y1, const SheetOptions& options) {
    pages::RuleItem r;
    r.x0 = x0;
    r.y0 = y0;
    r.x1 = x1;
    r.y1 = y1;
    r.thickness = options.crop_mark_thickness;
    r.color = kBlack;
    return r;
}

// Corner marks on the lines of the trim box, outside it, plus fold marks on the
// centre line above and below the spread.
void add_crop_marks(pages::Page& side, const Rect& trim, const SheetOptions& options) {
    const Sp start = std::max(options.crop_mark_offset, options.bleed);
    const Sp end = start + options.crop_mark_length;
    const Sp left = trim.x, right = trim.x + trim.width, top = trim.y, bottom = trim.y + trim.height;
    for (const Sp y : {top, bottom}) {
        side.items.emplace_back(rule(left - end, y, left - start, y, options));
        side.items.emplace_back(rule(right + start, y, right + end, y, options));
    }
    for (const Sp x : {left, right}) {
        side.items.emplace_back(rule(x, top - end, x, top - start, options));
        side.items.emplace_back(rule(x, bottom + start, x, bottom + end, options));
    }
    const Sp fold = trim.x + trim.width / 2;
    side.items.emplace_back(rule(fold, top - end, fold, top - start, options));
    side.items.emplace_back(rule(fold, bottom + start, fold, bottom + end, options));
}

}  // namespace

std::vector<std::pair<int, int>> saddle_stitch_order(int page_count) {
    std::vector<std::pair<int, int>> sides;
    if (page_count <= 0) return sides;
    const int padded = (page_count + 3) / 4 * 4;
    auto page = [&](int index) { return index < page_count ? index : -1; };
    for (int sheet = 0; sheet < padded / 4; ++sheet) {
        sides.emplace_back(page(padded - 1 - 2 * sheet), page(2 * sheet));      // front
        sides.emplace_back(page(2 * sheet + 1), page(padded - 2 - 2 * sheet));  // back
    }
    return sides;
}

SheetGeometry sheet_geometry(Sp page_width, Sp page_height, const SheetOptions& options) {
    // Room needed around the trim box on every side: the bleed, or the marks beyond it.
    const Sp slug = options.crop_marks
                        ? std::max(options.crop_mark_offset, options.bleed) + options.crop_mark_length
                        : options.bleed;
    SheetGeometry g;
    g.sheet_width = std::max(options.sheet_width, 2 * page_width + 2 * slug);
    g.sheet_height = std::max(options.sheet_height, page_height + 2 * slug);
    g.trim = Rect{(g.sheet_width - 2 * page_width) / 2, (g.sheet_height - page_height) / 2, 2 * page_width,
                  page_height};
    return g;
}

pages::Book impose_booklet(const pages::Book& book, const SheetOptions& options) {
    pages::Book out;
    out.fonts = book.fonts;
    out.info = book.info;
    if (book.pages.empty()) return out;

    const Sp page_width = book.pages.front().width, page_height = book.pages.front().height;
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        if (book.pages[i].width != page_width || book.pages[i].height != page_height)
            throw Error({}, "imposition needs pages of one size; page " + std::to_string(i + 1) +
                                " differs from page 1", "impose");

    const SheetGeometry g = sheet_geometry(page_width, page_height, options);
    const auto order = saddle_stitch_order(static_cast<int>(book.pages.size()));

    std::vector<Placement> placement(book.pages.size());
    for (std::size_t s = 0; s < order.size(); ++s) {
        const auto [left, right] = order[s];
        if (left >= 0) placement[static_cast<std::size_t>(left)] = {static_cast<int>(s), g.trim.x, g.trim.y};
        if (right >= 0)
            placement[static_cast<std::size_t>(right)] = {static_cast<int>(s), g.trim.x + page_width, g.trim.y};
    }

    for (std::size_t s = 0; s < order.size(); ++s) {
        pages::Page side;
        side.width = g.sheet_width;
        side.height = g.sheet_height;
        side.label = "sheet " + std::to_string(s / 2 + 1) + (s % 2 == 0 ? " front" : " back");
        for (const int index : {order[s].first, order[s].second}) {
            if (index < 0) continue;  // a blank page: nothing to draw
            const pages::Page& page = book.pages[static_cast<std::size_t>(index)];
            const Placement& at = placement[static_cast<std::size_t>(index)];
            pages::append_translated(side.items, page.items, at.dx, at.dy);
            for (pages::LinkArea link : page.links) {
                link.rect.x += at.dx;
                link.rect.y += at.dy;
                if (link.target_page >= 0 && static_cast<std::size_t>(link.target_page) < placement.size()) {
                    const Placement& target = placement[static_cast<std::size_t>(link.target_page)];
                    link.target_page = target.side;
                    link.target_y += target.dy;
                }
                side.links.push_back(std::move(link));
            }
        }
        if (options.crop_marks) add_crop_marks(side, g.trim, options);
        out.pages.push_back(std::move(side));
    }

    for (pages::OutlineEntry entry : book.outline) {
        if (entry.page >= 0 && static_cast<std::size_t>(entry.page) < placement.size()) {
            const Placement& at = placement[static_cast<std::size_t>(entry.page)];
            entry.page = at.side;
            entry.y += at.dy;
        }
        out.outline.push_back(std::move(entry));
    }
    return out;
}

}  // namespace booklet::impose
