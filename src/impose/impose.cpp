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

// Corner marks on the lines of the trim box, outside it, plus fold (or cut) marks
// above and below the lines where the pages of a side meet.
void add_crop_marks(pages::Page& side, const Rect& trim, int across, const SheetOptions& options) {
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
    for (int k = 1; k < across; ++k) {
        const Sp fold = trim.x + trim.width * k / across;
        side.items.emplace_back(rule(fold, top - end, fold, top - start, options));
        side.items.emplace_back(rule(fold, bottom + start, fold, bottom + end, options));
    }
}

int padded_to_four(int page_count) { return (page_count + 3) / 4 * 4; }

Plan booklet_plan(int page_count, const SheetOptions& options) {
    Plan plan;
    const int sheets = padded_to_four(page_count) / 4;
    plan.sections = options.max_sheets > 0 && sheets > options.max_sheets
                        ? signature_sizes(sheets, options.signature_sheets)
                        : std::vector<int>{sheets};
    int offset = 0;
    for (const int section : plan.sections) {
        const auto order = saddle_stitch_order(4 * section);
        for (std::size_t k = 0; k < order.size(); ++k) {
            auto page = [&](int index) { return offset + index < page_count ? offset + index : -1; };
            plan.sides.push_back({page(order[k].first), page(order[k].second)});
            plan.depth.push_back(static_cast<int>(k / 2));
        }
        offset += 4 * section;
    }
    return plan;
}

// The front of sheet s holds the left half's page 2s and the right half's 2S+2s;
// its back, turned over the short edge, 2S+2s+1 behind the right one and 2s+1
// behind the left one.
Plan cut_stack_plan(int page_count) {
    Plan plan;
    const int sheets = padded_to_four(page_count) / 4;
    auto page = [&](int index) { return index < page_count ? index : -1; };
    for (int s = 0; s < sheets; ++s) {
        plan.sides.push_back({page(2 * s), page(2 * sheets + 2 * s)});
        plan.sides.push_back({page(2 * sheets + 2 * s + 1), page(2 * s + 1)});
        plan.depth.insert(plan.depth.end(), {0, 0});
    }
    return plan;
}

// Outside, left to right: the flap seen when the cover opens (page 2), the back
// (6), the front (1); inside, behind them in reverse: 3, 4, 5 — the right-hand
// inside panel (5) folds in first, the left one (3) over it.
Plan trifold_plan(int page_count) {
    if (page_count > 6)
        throw Error({}, "a tri-fold leaflet holds 6 pages, this booklet has " + std::to_string(page_count) +
                            "; impose it as a booklet or shorten it (fit.max_pages)", "impose");
    Plan plan;
    plan.across = 3;
    auto page = [&](int index) { return index < page_count ? index : -1; };
    plan.sides.push_back({page(1), page(5), page(0)});
    plan.sides.push_back({page(2), page(3), page(4)});
    plan.depth = {0, 0};
    return plan;
}

void warn_signatures(const Plan& plan, const SheetOptions& options, Diagnostics& diags) {
    if (plan.sections.size() < 2) return;
    int sheets = 0;
    for (const int s : plan.sections) sheets += s;
    const int largest = plan.sections.front(), smallest = plan.sections.back();
    const std::string sizes =
        largest == smallest ? std::to_string(largest) : std::to_string(largest) + " and " + std::to_string(smallest);
    diags.warning({}, "impose-signatures",
                  std::to_string(sheets) + " sheets do not fold flat as one booklet (at most " +
                      std::to_string(options.max_sheets) + "): imposed as " + std::to_string(plan.sections.size()) +
                      " signatures of " + sizes +
                      " sheets; fold each one, stack them in order and sew or glue the spine");
}

}  // namespace

std::vector<std::pair<int, int>> saddle_stitch_order(int page_count) {
    std::vector<std::pair<int, int>> sides;
    if (page_count <= 0) return sides;
    const int padded = padded_to_four(page_count);
    auto page = [&](int index) { return index < page_count ? index : -1; };
    for (int sheet = 0; sheet < padded / 4; ++sheet) {
        sides.emplace_back(page(padded - 1 - 2 * sheet), page(2 * sheet));      // front
        sides.emplace_back(page(2 * sheet + 1), page(padded - 2 - 2 * sheet));  // back
    }
    return sides;
}

std::vector<int> signature_sizes(int sheets, int per_signature) {
    std::vector<int> sizes;
    if (sheets <= 0) return sizes;
    const int per = std::max(per_signature, 1);
    const int count = (sheets + per - 1) / per;
    for (int k = 0; k < count; ++k) sizes.push_back(sheets / count + (k < sheets % count ? 1 : 0));
    return sizes;
}

Plan plan_sheets(int page_count, const SheetOptions& options) {
    if (page_count <= 0) return {};
    switch (options.scheme) {
    case Scheme::cut_stack: return cut_stack_plan(page_count);
    case Scheme::trifold: return trifold_plan(page_count);
    case Scheme::booklet: break;
    }
    return booklet_plan(page_count, options);
}

void mirror_sides(Plan& plan) {
    for (auto& side : plan.sides) std::reverse(side.begin(), side.end());
}

Sp creep_shift(const SheetOptions& options, int depth) { return options.paper_thickness * depth; }

SheetGeometry sheet_geometry(Sp page_width, Sp page_height, const SheetOptions& options, int across) {
    // Room needed around the trim box on every side: the bleed, or the marks beyond it.
    const Sp slug = options.crop_marks
                        ? std::max(options.crop_mark_offset, options.bleed) + options.crop_mark_length
                        : options.bleed;
    // Three 99mm panels are an A4 sheet, whatever the rounding of each.
    const Sp slack = sp_from_mm(0.05);
    const auto fit = [&](Sp sheet, Sp need) { return need <= sheet + slack ? std::max(sheet, need - slack) : need; };
    SheetGeometry g;
    g.sheet_width = options.sheet_width > 0 ? fit(options.sheet_width, across * page_width + 2 * slug)
                                            : across * page_width + 2 * slug;
    g.sheet_height = options.sheet_height > 0 ? fit(options.sheet_height, page_height + 2 * slug)
                                              : page_height + 2 * slug;
    g.trim = Rect{(g.sheet_width - across * page_width) / 2, (g.sheet_height - page_height) / 2, across * page_width,
                  page_height};
    return g;
}

pages::Book impose_book(const pages::Book& book, const SheetOptions& options, Diagnostics& diags) {
    pages::Book out;
    out.fonts = book.fonts;
    out.info = book.info;
    if (book.pages.empty()) return out;

    const Sp page_width = book.pages.front().width, page_height = book.pages.front().height;
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        if (book.pages[i].width != page_width || book.pages[i].height != page_height)
            throw Error({}, "imposition needs pages of one size; page " + std::to_string(i + 1) +
                                " differs from page 1", "impose");

    Plan plan = plan_sheets(static_cast<int>(book.pages.size()), options);
    if (book.info.bound_right) mirror_sides(plan);
    if (options.scheme == Scheme::booklet) warn_signatures(plan, options, diags);
    const SheetGeometry g = sheet_geometry(page_width, page_height, options, plan.across);

    // Where each source page lands: its side and the offset of its top-left corner.
    // Creep moves a page toward the fold: the left page of a pair to the right.
    std::vector<Placement> placement(book.pages.size());
    for (std::size_t s = 0; s < plan.sides.size(); ++s)
        for (std::size_t slot = 0; slot < plan.sides[s].size(); ++slot) {
            const int index = plan.sides[s][slot];
            if (index < 0) continue;
            Sp dx = g.trim.x + static_cast<Sp>(slot) * page_width;
            if (options.scheme == Scheme::booklet) {
                const Sp creep = creep_shift(options, plan.depth[s]);
                dx += slot == 0 ? creep : -creep;
            }
            placement[static_cast<std::size_t>(index)] = {static_cast<int>(s), dx, g.trim.y};
        }

    std::vector<int> section_of_sheet;
    for (std::size_t k = 0; k < plan.sections.size(); ++k)
        section_of_sheet.insert(section_of_sheet.end(), static_cast<std::size_t>(plan.sections[k]), static_cast<int>(k));
    for (std::size_t s = 0; s < plan.sides.size(); ++s) {
        pages::Page side;
        side.width = g.sheet_width;
        side.height = g.sheet_height;
        const std::size_t sheet = s / 2;
        side.label = (plan.sections.size() > 1 ? "signature " + std::to_string(section_of_sheet[sheet] + 1) + ", " : "") +
                     "sheet " + std::to_string(sheet + 1) + (s % 2 == 0 ? " front" : " back");
        for (const int index : plan.sides[s]) {
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
        if (options.crop_marks) add_crop_marks(side, g.trim, plan.across, options);
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
