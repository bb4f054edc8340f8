// layout_book: the passes (compose → notes → paginate → references) until the
// page numbers and note numbers a pass prints are the ones it produces (Settled),
// then assembly of the display lists; around it, the layouts that max_pages and
// save_sheets try, of which only the one kept is assembled.
#include "booklet/layout.hpp"

#include "compose.hpp"
#include "furniture.hpp"
#include "notes.hpp"
#include "paragraph.hpp"
#include "picture_rasters.hpp"
#include "settlement.hpp"
#include "text_store.hpp"

#include "booklet/qr.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace booklet::layout {

namespace {

// Layout settles in two passes when nothing moves, three when page numbers or
// note numbers change the width of a line; more is a sign of oscillation.
constexpr int kMaxPasses = 6;

void add_link_pages(References& r, const BoxContent& c, int page) {
    for (const auto link : c.cited) {
        auto& pages = r.link_pages[link];
        if (pages.empty() || pages.back() != page) pages.push_back(page);
    }
}

References find_references(const LayoutContext& ctx, const Pass& pass, const Pagination& pg, int first_page) {
    References r;
    r.occurrence_pages.assign(pass.occurrences.size(), 0);
    std::vector<int> frames(pass.occurrences.size(), 0);
    r.link_pages.resize(ctx.cites.links.size());
    for (std::size_t i = 0; i < pg.pages.size(); ++i) {
        const int number = first_page + static_cast<int>(i);
        for (std::size_t f = 0; f < pg.pages[i].frames.size(); ++f) {
            const Frame& frame = pg.pages[i].frames[f];
            for (const auto& b : frame.boxes) {
                const BoxContent& c = pass.contents[b.content];
                for (auto occ : c.occurrences)
                    if (r.occurrence_pages[occ] == 0) {
                        r.occurrence_pages[occ] = number;
                        frames[occ] = static_cast<int>(f);
                    }
                if (b.repeat >= 0) continue;
                for (const auto& a : c.anchors) r.anchor_pages.emplace(a, number);
                add_link_pages(r, c, number);
            }
            for (const auto note : frame.notes)
                for (const auto& line : pass.notes[note].lines) add_link_pages(r, line.content, number);
        }
    }
    // Notes are numbered in reading order. That is the order of the calls in the
    // source, except where a figure floated to the next page past the text after it:
    // its calls are then read after that text. Sorting the calls by page (stable;
    // a call on no page stays beside the one before it) gives the reading order,
    // since a floated figure heads its page.
    std::vector<std::size_t> order(pass.occurrences.size());
    std::vector<int> page_of(order.size());
    for (std::size_t i = 0, last = 0; i < order.size(); ++i) {
        order[i] = i;
        if (r.occurrence_pages[i] > 0) last = static_cast<std::size_t>(r.occurrence_pages[i]);
        page_of[i] = static_cast<int>(last);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return page_of[a] < page_of[b]; });
    r.numbers = number_notes(pass.occurrences, r.occurrence_pages, frames, order, ctx.style.links.numbering);
    return r;
}

std::string first_text(const pages::Page& page) {
    for (const auto& item : page.items)
        if (const auto* t = std::get_if<pages::TextItem>(&item))
            if (!t->run.text.empty() && t->run.size > 0) return t->run.text;
    return {};
}

std::string first_text(const BoxContent& c) {
    std::string out;
    for (const auto& item : c.items)
        if (const auto* t = std::get_if<pages::TextItem>(&item)) out += t->run.text;
    if (out.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out = out.substr(0, cut) + "\u2026";
    }
    return out;
}

// A figure's picture that the page builder shrank from height `natural` to
// `height`: drawn smaller about its centre line, standing on the same baseline.
void shrink_picture(pages::Item& item, Sp height, Sp natural) {
    auto* image = std::get_if<pages::ImageItem>(&item);
    if (!image || natural <= 0) return;
    Rect& r = image->rect;
    const Sp w = scale_sp(r.width, height, natural);
    const Sp h = scale_sp(r.height, height, natural);
    r.x += (r.width - w) / 2;
    r.y += r.height - h;
    r.width = w;
    r.height = h;
}

// Where the imprint goes: on the back of the title page, alone or at the foot of
// the contents that then starts there; one-sided booklets carry it at the foot of
// the title page.
enum class ImprintPlace { none, title_page_foot, own_page, contents_foot };

ImprintPlace imprint_place(const style::Style& style, bool beside_contents) {
    if (!style.title_page || !style.imprint) return ImprintPlace::none;
    if (!style.page.two_sided) return ImprintPlace::title_page_foot;
    return beside_contents ? ImprintPlace::contents_foot : ImprintPlace::own_page;
}

// What the title page carries at the foot of its text area besides the title
// block: the imprint, when it is there, and the cover's QR code above it, each
// a line apart from what stands above it.
Sp title_page_foot(LayoutContext& ctx, ImprintPlace imprint, const std::optional<Sp>& cover_qr_height) {
    if (imprint != ImprintPlace::title_page_foot) return 0;
    const Sp gap = ctx.style.body.leading;
    return imprint_height(ctx) + gap + (cover_qr_height ? *cover_qr_height + gap : 0);
}

// A one-sided book's imprint stands at the foot of the title page when the title
// block still fits above it; on a page too small for both it takes the page after.
ImprintPlace fitted_imprint_place(LayoutContext& ctx, const style::Style& style, bool beside_contents,
                                  const std::optional<Sp>& cover_qr_height) {
    const ImprintPlace place = imprint_place(style, beside_contents);
    if (place != ImprintPlace::title_page_foot) return place;
    const Sp need = title_block_height(ctx) + title_page_foot(ctx, place, cover_qr_height);
    return need <= ctx.geo.body_height ? place : ImprintPlace::own_page;
}

// The imprint drawn on `page` by draw_imprint, read as one paragraph.
void imprint_on(LayoutContext& ctx, const Pass& pass, pages::Page& page, int number, Sp bottom) {
    const std::size_t from = page.items.size();
    const std::size_t links_from = page.links.size();
    draw_imprint(ctx, page, number, bottom);
    std::vector<pages::Item> drawn(page.items.begin() + static_cast<std::ptrdiff_t>(from), page.items.end());
    claim(drawn, pass.imprint_element);
    std::move(drawn.begin(), drawn.end(), page.items.begin() + static_cast<std::ptrdiff_t>(from));
    // Its one link (the licence's deed) is a Link of the imprint.
    for (std::size_t i = links_from; i < page.links.size(); ++i) {
        page.links[i].element = pass.imprint_link_element;
        page.links[i].description = page.links[i].uri;
    }
}

pages::Page empty_page(const Geometry& geo, int number) {
    pages::Page page;
    page.width = geo.page_width;
    page.height = geo.page_height;
    page.label = std::to_string(number);
    return page;
}

// Where each page begins, one per page: the first box in reading order that has a
// start (a table header repeated at the top is no beginning); none for a page of
// no text of its own.
using PageStarts = std::vector<std::optional<page_map::Position>>;

std::optional<page_map::Position> first_start(const Pass& pass, const PageResult& page) {
    for (const Frame& frame : page.frames)
        for (const PlacedBox& b : frame.boxes) {
            if (b.repeat >= 0) continue;
            if (const auto& start = pass.contents[b.content].start) return start;
        }
    return std::nullopt;
}

// The page map of the book: a page of no text of its own (a blank page before a
// chapter, the imprint's page, padding, the back cover) begins where the next
// page with text does, and after the last text when none follows, so that the
// page list has an entry for every printed page. `starts` has an entry for each
// page up to the last with text; every page's label is its number (empty_page).
page_map::PageMap page_map_of(PageStarts starts, std::size_t pages) {
    starts.resize(pages);
    page_map::PageMap map;
    map.pages.resize(pages);
    page_map::Position next;  // Place::end
    for (std::size_t i = pages; i-- > 0;) {
        if (starts[i]) next = *starts[i];
        map.pages[i].at = next;
        map.pages[i].label = std::to_string(i + 1);
    }
    return map;
}

// How many items the boxes and notes of `page` draw: grown one at a time, a page's
// list was moved to new memory as often as it doubled.
std::size_t items_drawn(const Pass& pass, const PageResult& page) {
    std::size_t n = 0;
    for (const Frame& frame : page.frames) {
        for (const PlacedBox& b : frame.boxes) n += pass.contents[b.content].items.size();
        for (const auto note : frame.notes)
            for (const auto& line : pass.notes[note].lines) n += line.content.items.size();
    }
    return n;
}

// What a box lends the page it is drawn on from `first` on, moved by (x0, y).
LentItems loan_of(std::uint32_t content, std::size_t page, std::size_t first, const std::vector<pages::Item>& items,
                  Sp x0, Sp y) {
    LentItems loan{content, page, first, items.size(), x0, y, {}, {}};
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (pages::element_of(items[i]) == kDecoration) loan.decorations.push_back(static_cast<std::uint32_t>(i));
        if (const auto* picture = std::get_if<pages::ImageItem>(&items[i]))
            loan.rasters.emplace_back(static_cast<std::uint32_t>(i), picture->raster);
    }
    return loan;
}

// What a page of the pagination runs at its head, from the pages before it: the
// part open when it starts, or the chapter that opens at its top.
struct PagePlan {
    int part = -1;         // the part whose title the page shows
    bool opening = false;  // a chapter opens at its top
};

std::vector<PagePlan> plan_pages(const Pass& pass, const Pagination& pg) {
    std::vector<PagePlan> plans(pg.pages.size());
    int part = -1;
    for (std::size_t i = 0; i < pg.pages.size(); ++i) {
        if (pg.pages[i].blank) continue;
        const int part_at_top = part;
        for (std::size_t f = 0; f < pg.pages[i].frames.size(); ++f)
            for (std::size_t k = 0; k < pg.pages[i].frames[f].boxes.size(); ++k) {
                const PlacedBox& b = pg.pages[i].frames[f].boxes[k];
                if (pass.contents[b.content].chapter_opening < 0 || b.repeat >= 0) continue;
                if (f == 0 && k == 0) plans[i].opening = true;
                part = pass.contents[b.content].chapter_opening;
            }
        plans[i].part = plans[i].opening ? part : part_at_top;
    }
    return plans;
}

// How many times each box is placed: a table's header row is placed again on the
// pages the table continues on.
std::vector<int> placements_of(const Pass& pass, const Pagination& pg) {
    std::vector<int> placements(pass.contents.size(), 0);
    for (const auto& pr : pg.pages)
        for (const Frame& frame : pr.frames)
            for (const PlacedBox& b : frame.boxes) ++placements[b.content];
    return placements;
}

// The notes of a frame at its foot under a short rule.
void draw_notes(const LayoutContext& ctx, const Pass& pass, const Frame& frame, int column, Sp x0,
                const NoteMetrics& metrics, pages::Page& page) {
    const auto& geo = ctx.geo;
    const Sp bottom = geo.top + geo.body_height;
    const Sp top = bottom - frame.notes_height;
    pages::RuleItem rule;
    // The short rule stands at the column's start edge (the right in a
    // right-to-left book), above the note numbers.
    const Sp rule_length = std::min(ctx.style.footnote_area.rule_length, geo.column_width);
    rule.x0 = ctx.rtl ? x0 + geo.column_width - rule_length : x0;
    rule.x1 = rule.x0 + rule_length;
    rule.y0 = rule.y1 = top + ctx.style.footnote_area.gap + ctx.style.footnote_area.rule_thickness / 2;
    rule.thickness = ctx.style.footnote_area.rule_thickness;
    rule.color = ctx.style.rule_color;
    page.items.emplace_back(rule);
    Sp ny = top + metrics.skip;
    for (auto note : frame.notes) {
        const NoteBlock& block = pass.notes[note];
        for (const auto& line : block.lines) {
            pages::append_translated(page.items, line.content.items, x0, ny + line.baseline);
            ctx.show_line(page, line.content, x0, ny + line.baseline, column);
            for (const PendingLink& link : line.content.links) {
                if (link.uri.empty()) continue;
                const Rect rect{link.rect.x + x0, link.rect.y + ny + line.baseline, link.rect.width, link.rect.height};
                page.links.push_back({rect, link.uri, -1, 0, link.element, link.description, {}});
            }
        }
        ny += block.height + metrics.gap;
    }
}

// A page drawn from its boxes and notes, and what the book gathers of it.
struct DrawnPage {
    pages::Page page;
    std::vector<std::pair<std::string, Sp>> anchors;  // the headings' places, in order
    std::vector<pages::OutlineEntry> outline;
    std::vector<PendingLink> internal;                // links to anchors, resolved once all are placed
    std::vector<LentItems> lent;
};

// A page of the pagination, book page `index`, without its running lines. The
// items of a box placed once are moved into its page: the pass's copies would
// otherwise stay beside the book's till the pass ends, at the layout's peak of
// memory. A box placed more than once (a table's header row) is copied each
// time, so that no page's drawing depends on another's. A kept pass (`keep_pass`) lends the items of a box drawn as composed all the
// same, listed in `lent`, for KeptChapters::give_back once the book is written.
DrawnPage draw_page(const LayoutContext& ctx, Pass& pass, const PageResult& pr, const std::vector<int>& placements,
                    int number, std::size_t index, const NoteMetrics& metrics, bool keep_pass) {
    const auto& geo = ctx.geo;
    DrawnPage out;
    out.page = empty_page(geo, number);
    pages::Page& page = out.page;
    page.items.reserve(items_drawn(pass, pr) + 16);  // and a rule, running heads, a folio
    for (std::size_t f = 0; f < pr.frames.size(); ++f) {
        const Frame& frame = pr.frames[f];
        const Sp x0 = geo.column_x(number, static_cast<int>(f));
        for (const PlacedBox& b : frame.boxes) {
            BoxContent& c = pass.contents[b.content];
            const Sp y = geo.top + b.baseline;
            const Sp height = b.height;
            const Sp natural = b.repeat >= 0 ? height : pass.list.items[b.item].height;
            BoxContent placed;  // the items as drawn: a picture may have shrunk
            placed.role = c.role;
            // Drawn as composed, a kept pass's box lends its items; one drawn
            // otherwise (shrunk) keeps them.
            const bool moved = placements[b.content] == 1 && (!keep_pass || height == natural);
            placed.items = moved ? std::move(c.items) : c.items;
            if (height != natural)
                for (auto& item : placed.items) shrink_picture(item, height, natural);
            // A table's header row repeated on a later page was read once already.
            if (b.repeat >= 0)
                for (auto& item : placed.items) pages::set_element(item, pages::kArtifact);
            ctx.show_line(page, placed, x0, y, static_cast<int>(f));
            if (moved && keep_pass) out.lent.push_back(loan_of(b.content, index, page.items.size(), placed.items, x0, y));
            pages::append_translated(page.items, std::move(placed.items), x0, y);
            for (const PendingLink& link : c.links) {
                const Rect rect{link.rect.x + x0, link.rect.y + y, link.rect.width, link.rect.height};
                if (!link.uri.empty()) page.links.push_back({rect, link.uri, -1, 0, link.element, link.description, {}});
                else if (!link.anchor.empty()) {
                    out.internal.push_back(link);
                    out.internal.back().rect = rect;
                }
            }
            if (b.repeat >= 0) continue;
            for (const auto& a : c.anchors) out.anchors.emplace_back(a, y - height);
            for (const auto& o : c.outline) out.outline.push_back({o.title, o.level, static_cast<int>(index), y - height});
        }
        if (!frame.notes.empty()) draw_notes(ctx, pass, frame, static_cast<int>(f), x0, metrics, page);
    }
    return out;
}

// The pages drawn from the last pass (draw_page), then their running lines, the
// imprint and the internal links added in page order. A session keeps the pass (`lent` given): the items of its boxes
// are lent to the book, the rest is copied.
pages::Book assemble(LayoutContext& ctx, Pass& pass, const Pagination& pg, int first_page,
                     const std::vector<std::string>& parts, const NoteMetrics& metrics, ImprintPlace imprint,
                     Sp title_foot, std::vector<LentItems>* lent) {
    const auto& geo = ctx.geo;
    const Sp body_bottom = geo.top + geo.body_height;
    pages::Book book;
    const bool keep_pass = lent != nullptr;
    book.structure = keep_pass ? pass.structure : std::move(pass.structure);
    if (ctx.style.title_page) {
        book.pages.push_back(title_page(ctx, pass.title_heading, pass.title_element, title_foot));
        if (imprint == ImprintPlace::title_page_foot) imprint_on(ctx, pass, book.pages.back(), 1, body_bottom);
    }
    if (imprint == ImprintPlace::own_page) {
        book.pages.push_back(empty_page(geo, 2));
        imprint_on(ctx, pass, book.pages.back(), 2, body_bottom);
    }

    const std::vector<int> placements = placements_of(pass, pg);
    const std::vector<PagePlan> plans = plan_pages(pass, pg);
    const std::size_t front = book.pages.size();
    // Drawn one after the other: side by side on two threads they took no less
    // (40 paired edits of 111 pages: layout 56.5 ms median, against 55).
    std::vector<DrawnPage> drawn(pg.pages.size());
    for (std::size_t i = 0; i < pg.pages.size(); ++i) {
        const int number = first_page + static_cast<int>(i);
        if (pg.pages[i].blank) drawn[i].page = empty_page(geo, number);
        else drawn[i] = draw_page(ctx, pass, pg.pages[i], placements, number, front + i, metrics, keep_pass);
    }

    std::map<std::string, std::pair<int, Sp>> anchors;
    std::vector<std::pair<std::size_t, PendingLink>> internal;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        DrawnPage& d = drawn[i];
        const int number = first_page + static_cast<int>(i);
        const std::size_t index = book.pages.size();
        if (!pg.pages[i].blank) {
            const int shown = plans[i].part;
            const std::string part_title =
                shown >= 0 && static_cast<std::size_t>(shown) < parts.size() ? parts[static_cast<std::size_t>(shown)] : "";
            running_lines(ctx, d.page, number, part_title, plans[i].opening);
            if (imprint == ImprintPlace::contents_foot && number == first_page)
                imprint_on(ctx, pass, d.page, number, body_bottom);
        }
        for (auto& [anchor, y] : d.anchors) anchors.emplace(std::move(anchor), std::make_pair(static_cast<int>(index), y));
        for (auto& o : d.outline) book.outline.push_back(std::move(o));
        for (auto& link : d.internal) internal.emplace_back(index, std::move(link));
        if (lent)
            for (auto& loan : d.lent) lent->push_back(std::move(loan));
        book.pages.push_back(std::move(d.page));
    }
    for (auto& [page, link] : internal) {
        auto it = anchors.find(link.anchor);
        if (it == anchors.end()) {
            // A heading that is not set (inside a note, say): its chapter will do.
            const auto hash = link.anchor.find('#');
            if (hash != std::string::npos) it = anchors.find(link.anchor.substr(0, hash));
        }
        if (it == anchors.end()) continue;
        book.pages[page].links.push_back(
            {link.rect, "", it->second.first, it->second.second, link.element, link.description, it->first});
    }
    return book;
}

// The manifest's `qr: URL` (the booklet's online home) as a code with its address
// under it.
struct HomeQrCode {
    qr::Matrix code;
    Sp module = 0, side = 0;
    SetLine caption;
    Sp height = 0;                          // code and caption
};

std::optional<HomeQrCode> home_qr_code(LayoutContext& ctx) {
    const std::string& url = ctx.doc.meta.qr;
    if (url.empty() || ctx.style.home_qr.place == style::HomeQrPlace::none) return std::nullopt;
    HomeQrCode q;
    try {
        q.code = qr::encode(url);
    } catch (const Error& e) {
        ctx.diags->warning({}, "qr-code", "no QR code for the manifest's qr " + excerpt(url, 100) + ": " + e.message());
        return std::nullopt;
    }
    q.module = qr::module_size_for(q.code, ctx.style.home_qr.size);
    q.side = q.module * q.code.total_size();
    InlineCollector c(ctx, nullptr, ctx.style.footnote, ctx.doc.meta.language, -1, LinkMode::plain);
    c.add_link_text(url, {url, ""}, true);
    q.caption = set_line(ctx, c.take(), pages::Role::qr_code);
    q.height = q.side + q.caption.height + q.caption.depth;
    return q;
}

// The code centred in a column `width` wide, its top at `top`, coordinates
// relative to the column's left edge.
BoxContent home_qr_content(const HomeQrCode& q, const std::string& url, Sp width, Sp top, const Pass& pass) {
    BoxContent c;
    c.role = pages::Role::qr_code;
    const Sp x = (width - q.side) / 2;
    for (auto& rect : qr::to_rects(q.code, x, top, q.module)) {
        rect.element = pass.home_qr_figure;
        c.items.emplace_back(rect);
    }
    const Sp baseline = top + q.side + q.caption.height;
    append_shifted(c, q.caption.content, (width - q.caption.natural_width) / 2, baseline);
    claim(c.items, pass.home_qr_link);
    PendingLink link;
    link.rect = {x, top, q.side, q.height};
    link.uri = url;
    c.links.push_back(std::move(link));
    for (auto& area : c.links) {  // the code's and the address's
        area.element = pass.home_qr_link;
        area.description = url;
    }
    return c;
}

void draw_home_qr(LayoutContext& ctx, const Pass& pass, const HomeQrCode& q, pages::Page& page, int number,
                  Sp bottom) {
    const Sp x0 = ctx.geo.column_x(number, 0);
    const BoxContent c = home_qr_content(q, ctx.doc.meta.qr, ctx.geo.column_width, bottom - q.height, pass);
    pages::append_translated(page.items, c.items, x0, 0);
    // The address under the code is text a reader sees: it joins the page's lines.
    const Sp baseline = bottom - q.height + q.side + q.caption.height;
    const Sp cx = x0 + (ctx.geo.column_width - q.caption.natural_width) / 2;
    ctx.show_line(page, q.caption.content, cx, baseline, 0);
    for (const auto& link : c.links) page.links.push_back({{link.rect.x + x0, link.rect.y, link.rect.width,
                                                            link.rect.height}, link.uri, -1, 0, link.element, link.description, {}});
}

// Where the home QR code goes at the end of the text: without a back cover, after
// the last line (composed as a box, so that it keeps with the text and takes its
// share of a balanced last page).
bool home_qr_after_text(const style::Style& style) {
    return style.home_qr.place == style::HomeQrPlace::back_page && !style.back_cover.enabled;
}

// The home QR code on the cover: the title page, or the first page when there is none.
void add_cover_qr(LayoutContext& ctx, const Pass& pass, pages::Book& book, const Pagination& pg, int first_page,
                  ImprintPlace imprint, const std::optional<HomeQrCode>& q) {
    if (ctx.style.home_qr.place != style::HomeQrPlace::cover || !q) return;
    const auto& geo = ctx.geo;
    const Sp body_bottom = geo.top + geo.body_height;
    if (ctx.style.title_page && !book.pages.empty()) {
        // Above the imprint, a line apart, when the imprint shares the title page.
        if (imprint != ImprintPlace::title_page_foot) return draw_home_qr(ctx, pass, *q, book.pages[0], 1, body_bottom);
        return draw_home_qr(ctx, pass, *q, book.pages[0], 1,
                            body_bottom - imprint_height(ctx) - ctx.style.body.leading);
    }
    if (pg.pages.empty()) return;
    const Frame& f = pg.pages[0].frames[0];
    if (geo.body_height - f.used - f.notes_height >= q->height + ctx.style.body.leading)
        return draw_home_qr(ctx, pass, *q, book.pages[0], first_page, body_bottom - f.notes_height);
    ctx.diags->warning({}, "qr-code", "no room for the QR code on the first page; it is left out");
}

// The height of the home QR code when the title page carries it.
std::optional<Sp> cover_qr_height(const LayoutContext& ctx, const std::optional<HomeQrCode>& q) {
    if (!q || ctx.style.home_qr.place != style::HomeQrPlace::cover || !ctx.style.title_page) return std::nullopt;
    return q->height;
}

// The home QR code on the back cover, when it goes there.
std::optional<HomeQrCode> back_cover_qr(const style::Style& style, const std::optional<HomeQrCode>& home_qr) {
    return style.home_qr.place == style::HomeQrPlace::back_page ? home_qr : std::nullopt;
}

// The pages a free back cover adds after `pages` pages: blank ones that make the
// count a multiple of back_cover.pad_to, then the cover. A back cover with nothing
// on it is worth a blank page of a sheet that is printed anyway, never a sheet of
// its own: when the text ends exactly on a sheet's last page, that page is the back.
struct BackCoverPages {
    std::size_t blanks = 0;
    bool cover = false;
};

BackCoverPages back_cover_pages(const style::Style& style, bool carries_qr, std::size_t pages) {
    const auto& cover = style.back_cover;
    const auto pad = static_cast<std::size_t>(std::max(cover.pad_to, 1));
    if (!cover.enabled || (!carries_qr && !cover.colophon && pages % pad == 0)) return {};
    BackCoverPages out{0, true};
    while ((pages + out.blanks + 1) % pad != 0) ++out.blanks;
    return out;
}

// A free back cover (back_cover_pages), carrying the home QR code (place:
// back_page) and the colophon when the style asks for them.
void add_back_cover(LayoutContext& ctx, const Pass& pass, pages::Book& book, const std::optional<HomeQrCode>& home_qr) {
    const auto& cover = ctx.style.back_cover;
    const auto& geo = ctx.geo;
    const auto qr = back_cover_qr(ctx.style, home_qr);
    const BackCoverPages added = back_cover_pages(ctx.style, qr.has_value(), book.pages.size());
    if (!added.cover) return;
    for (std::size_t i = 0; i < added.blanks; ++i)
        book.pages.push_back(empty_page(geo, static_cast<int>(book.pages.size()) + 1));
    const int number = static_cast<int>(book.pages.size()) + 1;
    pages::Page back = empty_page(geo, number);
    const Sp body_bottom = geo.top + geo.body_height;
    Sp qr_bottom = geo.top + geo.body_height * 3 / 5;
    if (qr) draw_home_qr(ctx, pass, *qr, back, number, qr_bottom + qr->height / 2);
    if (cover.colophon) draw_colophon(ctx, back, number, body_bottom);
    book.pages.push_back(std::move(back));
}

// A chapter's last lines alone on a page that nothing pulled back, and why.
void report_spill(Diagnostics& diags, const Spill& s) {
    std::vector<std::string> tried, lacking;
    if (s.paragraphs > 0)
        tried.push_back("up to " + std::to_string(std::min(s.paragraphs, 3)) + " of " + std::to_string(s.paragraphs) +
                        " paragraphs set a line shorter");
    else
        lacking.push_back("no paragraph there sets a line shorter");
    if (s.glue) tried.push_back("the space between blocks shrunk");
    else lacking.push_back("no space between blocks may shrink");
    if (s.figures) tried.push_back("figures drawn smaller");
    std::string why;
    for (const auto& t : tried) why += (why.empty() ? "tried " : ", ") + t;
    for (const auto& l : lacking) why += (why.empty() ? "" : "; ") + l;
    diags.warning({}, "layout-spill",
                  "page " + std::to_string(s.page) + ": a chapter ends with " + std::to_string(s.lines) +
                      (s.lines == 1 ? " line" : " lines") + " alone on the page and nothing pulled " +
                      (s.lines == 1 ? "it" : "them") + " back (" + why + ")");
}

void finish_book(LayoutContext& ctx, pages::Book& book) {
    const auto& meta = ctx.doc.meta;
    auto& info = book.info;
    info.title = book_title(ctx.doc);
    for (std::size_t i = 0; i < meta.authors.size(); ++i) info.author += (i ? ", " : "") + meta.authors[i];
    info.subject = meta.subtitle;
    if (info.subject.empty() && ctx.doc.chapters.size() == 1) info.subject = ctx.doc.chapters.front().description;
    info.creator = "booklet";
    info.language = meta.language;
    info.date = ctx.settings.build_time;
    info.bound_right = ctx.geo.bound_right;

    std::set<FontId> used;
    for (auto& page : book.pages)
        for (auto& item : page.items) {
            if (const auto* t = std::get_if<pages::TextItem>(&item)) used.insert(t->run.font);
            if (pages::element_of(item) == kDecoration) pages::set_element(item, pages::kArtifact);
        }
    book.fonts.resize(ctx.fonts.size());
    for (std::size_t id = 0; id < ctx.fonts.size(); ++id) {
        const auto fid = static_cast<FontId>(id);
        if (used.count(fid)) {
            book.fonts[id] = ctx.fonts.program(fid);
        } else {
            // Index == FontId: unused fonts (the colour emoji font, drawn as
            // images) keep their slot without a program.
            book.fonts[id].postscript_name = ctx.fonts.info(fid).postscript_name;
        }
    }
}

// What the layouts of one layout_book call share: picture files read once, and
// paragraphs shaped and set once (keyed by content, so a try that changes a
// paragraph's width or size sets it anew).
struct Reused {
    explicit Reused(const Settings& settings)
        : pictures(settings.picture_cache, settings.kept_pictures),
          own_text(settings.text_cache ? nullptr : std::make_unique<TextCache>()),
          text(settings.text_cache ? settings.text_cache : own_text.get()) {}

    PictureFiles pictures;
    std::unique_ptr<TextCache> own_text;  // when the session keeps none
    TextCache* text;
    SettledCounts settled;                // what the layouts' settlements did
    std::optional<Sha256Digest> book;     // book_inputs, once the first layout asks

    // The settlement of a layout in `ctx`, unless it is a session's (which keeps
    // its passes instead) or there is no cache.
    Settlement settlement(const LayoutContext& ctx, bool in_session, bool imprint_beside_contents) {
        image::PictureCache* cache = in_session ? nullptr : ctx.settings.picture_cache;
        if (cache && !book) book = book_inputs(ctx);
        return Settlement(cache, book ? *book : Sha256Digest{}, ctx, imprint_beside_contents);
    }
};

// How one layout departs from its style to need fewer sheets (fit.save_sheets).
struct Variant {
    bool imprint_beside_contents = false;   // the contents starts on the back of the title page
};

// The parts (by opening index) in which a chapter spilled: the part each spilled
// range of items starts in, and every part that starts inside the range (the
// chapters that ran on after it).
std::set<int> spilled_parts(const Pass& pass, const Pagination& pg) {
    std::set<int> parts;
    const auto& starts = pass.part_starts;
    for (const auto& [first, next] : pg.spilled) {
        auto it = std::upper_bound(starts.begin(), starts.end(), first);
        if (it != starts.begin()) parts.insert(static_cast<int>(it - starts.begin()) - 1);
        for (; it != starts.end() && *it < next; ++it) parts.insert(static_cast<int>(it - starts.begin()));
    }
    return parts;
}

// A pass's lists as long as the pass before made them (the first pass's, as the
// last build's first pass in a session): the next pass composes the same text (a
// few numbers differ), and grown one element at a time its lists were moved to new
// memory a dozen times each. A little more, for an edit that added a paragraph:
// one element past the reserve moved the whole list to twice the memory.
struct PassSizes {
    std::size_t items = 0, contents = 0, elements = 0, occurrences = 0;

    static PassSizes of(const Pass& pass) {
        return {pass.list.items.size(), pass.contents.size(), pass.structure.elements.size(),
                pass.occurrences.size()};
    }
    void reserve(Pass& pass) const {
        const auto more = [](std::size_t n) { return n == 0 ? 0 : n + n / 32 + 64; };
        pass.list.items.reserve(more(items));
        pass.contents.reserve(more(contents));
        pass.structure.elements.reserve(more(elements));
        pass.occurrences.reserve(more(occurrences));
    }
};

// A layout whose passes have settled, not drawn yet. What decides between the
// layouts one layout_book call tries (the page count, the blank pages before the
// back cover, where the contents ends) is read from its pagination, so that only
// the layout kept is assembled: assembly is a third of a layout of the corpus.
class Settled {
public:
    Settled(const model::Document& document, const cite::Citations& citations, const style::Style& style,
            shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
            Reused& reused, const Variant& variant);
    Settled(const Settled&) = delete;
    Settled& operator=(const Settled&) = delete;

    std::size_t page_count() const;
    // The blank pages before the back cover that make up the last sheet.
    int padding_pages() const;
    // The contents (the first part, on page 2) ended there: the next part opens page 3.
    bool contents_on_page_two() const;
    // Where each page begins, as the drawn book's page_map.
    page_map::PageMap page_map() const;
    // The book's pages, its warnings added to `diags`. Once only.
    pages::Book draw(Diagnostics& diags);
    // The warnings of a layout not drawn (draw's but for those of drawing), added to `diags`.
    void report(Diagnostics& diags) const;
    // A layout not drawn: a session keeps its passes all the same, for the next
    // build's layout of these inputs. Draw does it too.
    void set_aside(std::vector<LentItems> lent = {});

private:
    void settle();
    // The pages' problems: overfull frames, spills, passes that did not settle.
    void report_pages(Diagnostics& diags) const;
    std::size_t text_pages() const { return static_cast<std::size_t>(first_page_ - 1) + pagination_.pages.size(); }
    BackCoverPages back_cover() const;

    const style::Style style_;  // the context's, owned: a try's style is made for it
    LayoutContext ctx_;
    Diagnostics setup_diags_;   // what is made once for every pass reports here
    Diagnostics pass_diags_;    // the last pass's
    // The passes whose chapters the next pass may take (Composer::chapter): in a
    // session, every pass, kept whole for the next build; otherwise the one before.
    KeptUse kept_;
    NoteMemo notes_;            // the URL notes composed, for the next pass (or build) to take
    // Where the last build of these inputs settled, kept in the cache folder: a
    // session keeps its passes instead.
    Settlement settlement_;
    SettledCounts& settled_counts_;
    std::vector<TocEntry> toc_;
    std::optional<HomeQrCode> home_qr_;
    ImprintPlace imprint_ = ImprintPlace::none;
    Sp title_foot_ = 0;
    int first_page_ = 1;
    NoteMetrics metrics_;
    std::vector<Pass> done_;    // the passes before the last that a session keeps
    Pass pass_;                 // the last
    Pagination pagination_;
    std::vector<std::string> parts_;
    bool settled_ = false;      // within kMaxPasses
};

Settled::Settled(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                 shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                 Reused& reused, const Variant& variant)
    : style_(style),
      ctx_(document, citations, style_, fonts, dictionaries, settings, &reused.pictures, reused.text),
      kept_(settings.kept_chapters, settings.leftovers, style_, variant.imprint_beside_contents, document,
            settings.document, citations),
      notes_(kept_.take_notes()),
      settlement_(reused.settlement(ctx_, kept_.active(), variant.imprint_beside_contents)),
      settled_counts_(reused.settled) {
    ctx_.diags = &setup_diags_;
    if (style_.table_of_contents) toc_ = toc_entries(ctx_);
    // The manifest's QR code, made once (reporting any problem once) for every pass.
    home_qr_ = home_qr_code(ctx_);
    const std::optional<Sp> cover_qr = cover_qr_height(ctx_, home_qr_);
    imprint_ = fitted_imprint_place(ctx_, style_, variant.imprint_beside_contents && !toc_.empty(), cover_qr);
    title_foot_ = title_page_foot(ctx_, imprint_, cover_qr);
    first_page_ = 1 + (style_.title_page ? 1 : 0) + (imprint_ == ImprintPlace::own_page ? 1 : 0);
    metrics_ = note_metrics(ctx_);
    settle();
}

void Settled::settle() {
    const model::Document& document = ctx_.doc;
    const style::Style& style = style_;
    PageSpec spec;
    spec.body_height = ctx_.geo.body_height;
    spec.columns = ctx_.geo.columns;
    spec.topskip = LayoutContext::line_height(style.body.size);
    spec.note_skip = metrics_.skip;
    spec.note_gap = metrics_.gap;
    spec.first_page = first_page_;
    // Short pages cost 100 (shortfall / 2 lines)^3: one line ≈ 12, four ≈ 800.
    spec.ragged_allowance = 2 * style.body.leading;
    spec.spill_lines = style.chapters.spill_lines;
    spec.line_advance = style.body.leading;
    spec.run_on_height = static_cast<Sp>(static_cast<double>(ctx_.geo.body_height) * style.chapters.run_on_fill);
    // The contents leaves room for the imprint under it, two lines apart.
    if (imprint_ == ImprintPlace::contents_foot) spec.first_page_reserve = imprint_height(ctx_) + 2 * style.body.leading;

    PassSizes sizes;           // of the pass before
    std::set<int> tightened;   // the parts that spilled in a pass so far
    // The first pass starts where the last build of these inputs settled, if it is
    // kept: the pass it settled with.
    bool from_settlement = false;
    if (const PassStart* found = settlement_.found()) {
        ctx_.refs = found->refs;
        tightened = found->tightened;
        from_settlement = true;
        ++settled_counts_.found;
    }
    for (int n = 1;; ++n) {
        pass_diags_ = Diagnostics{};
        ctx_.diags = &pass_diags_;
        ctx_.consulted_anchor_pages = false;
        ctx_.consulted_link_pages = false;
        Pass pass;
        pass.tightened_parts = tightened;
        if (n == 1)
            if (const Pass* last = kept_.last_pass(1)) sizes = PassSizes::of(*last);
        sizes.reserve(pass);
        if (style.pdf_tagged) {
            // The root: the Document, in the book's language.
            pass.structure.elements.push_back(element(pages::StructRole::document, document.meta.language));
            pass.current_element = 0;
            // The title page and the imprint come first in the book; the pages
            // are drawn after the text, so their elements are made now.
            if (style.title_page) {
                Composer front(ctx_, pass, pass.list, pass.contents);
                Composer::Element front_matter(front, element(pages::StructRole::sect, document.meta.language));
                // The book's title is its first heading, so a reader can reach it
                // as the chapters' titles are reached (the headings below it start
                // again at H1: PDF 1.7 has no Title type, and none is skipped).
                pages::StructElement heading = element(pages::StructRole::heading, document.meta.language);
                heading.level = 1;
                pass.title_heading = front.add_element(std::move(heading));
                if (title_page_has_details(ctx_))
                    pass.title_element =
                        front.add_element(element(pages::StructRole::paragraph, document.meta.language));
                if (imprint_ != ImprintPlace::none) {
                    pass.imprint_element = front.add_element(element(pages::StructRole::paragraph, document.meta.language));
                    pass.current_element = pass.imprint_element;
                    pass.imprint_link_element = front.add_element(element(pages::StructRole::link, document.meta.language));
                    pass.current_element = front_matter.id();
                }
            }
        }
        Composer composer(ctx_, pass, pass.list, pass.contents);
        if (!toc_.empty()) composer.contents_part(toc_);
        Pass* before = done_.empty() ? nullptr : &done_.back();
        for (std::size_t i = 0; i < document.chapters.size(); ++i)
            composer.chapter(document.chapters[i], static_cast<int>(i), kept_.sources(n, static_cast<int>(i), before));
        if (style.links.sources_list) composer.sources_part();
        if (!document.meta.qr.empty() && style.home_qr.place != style::HomeQrPlace::none) {
            pass.home_qr_link = composer.add_element(element(pages::StructRole::link, document.meta.language));
            pass.current_element = pass.home_qr_link;
            pages::StructElement code = element(pages::StructRole::figure, document.meta.language);
            code.alt = document.meta.qr;
            pass.home_qr_figure = composer.add_element(std::move(code));
            pass.current_element = pass.structure.empty() ? pages::kArtifact : 0;
        }
        if (home_qr_after_text(style) && home_qr_)
            composer.closing_box(home_qr_content(*home_qr_, document.meta.qr, ctx_.geo.column_width, -home_qr_->height, pass),
                                 home_qr_->height);
        compose_notes(ctx_, pass, metrics_, notes_);
        Pagination pg = build_pages(pass.list, spec);
        const References found = find_references(ctx_, pass, pg, first_page_);

        std::vector<int> used_numbers;
        for (const auto& occ : pass.occurrences) used_numbers.push_back(occ.number);
        const std::set<int> spilled = spilled_parts(pass, pg);
        const bool tightenings_made = std::includes(tightened.begin(), tightened.end(), spilled.begin(), spilled.end());
        settled_ = tightenings_made && found.numbers == used_numbers &&
                   (!ctx_.consulted_anchor_pages || found.anchor_pages == ctx_.refs.anchor_pages) &&
                   (!ctx_.consulted_link_pages || found.link_pages == ctx_.refs.link_pages);
        if (from_settlement) {
            from_settlement = false;
            if (!settled_ || !settlement_.files_unchanged(ctx_)) {
                // Not the pass that passes from nothing end with: they are run.
                ctx_.refs = References{};
                tightened.clear();
                n = 0;
                continue;
            }
            ++settled_counts_.taken;
        } else if (settled_ && n > 1) {
            settlement_.keep(PassStart{ctx_.refs, pass.tightened_parts}, ctx_);
        }
        if (settled_ || n == kMaxPasses) {
            parts_ = std::move(composer.parts());
            pass_ = std::move(pass);
            pagination_ = std::move(pg);
            return;
        }
        ctx_.refs = found;
        sizes = PassSizes::of(pass);
        tightened.insert(spilled.begin(), spilled.end());
        // Spills that still move to other parts in the third pass: from the fourth
        // on every part gets its shorter settings, so that only numbers may change.
        if (!tightenings_made && n >= 3)
            for (int part = 0; part < static_cast<int>(pass.part_starts.size()); ++part) tightened.insert(part);
        // Outside a session only the pass before is needed: the one before it is
        // freed before the next pass's memory is taken.
        if (!kept_.active()) done_.clear();
        done_.push_back(std::move(pass));
    }
}

BackCoverPages Settled::back_cover() const {
    return back_cover_pages(style_, back_cover_qr(style_, home_qr_).has_value(), text_pages());
}

std::size_t Settled::page_count() const {
    const BackCoverPages back = back_cover();
    return text_pages() + back.blanks + (back.cover ? 1 : 0);
}

int Settled::padding_pages() const {
    if (!style_.back_cover.enabled) return 0;
    // Counted back from the page before the last: the blank pages before the back
    // cover, then those the pagination left blank at its end (front pages have text).
    const BackCoverPages back = back_cover();
    const auto& pages = pagination_.pages;
    std::size_t end = pages.size();
    if (!back.cover && end > 0) --end;  // the text's last page is the back
    std::size_t count = back.blanks;
    for (; end > 0 && pages[end - 1].blank; --end) ++count;
    return std::min(static_cast<int>(count), style_.back_cover.pad_to - 1);
}

bool Settled::contents_on_page_two() const {
    // The pages (0-based, as the book's) the level-1 outline entries are on.
    std::vector<std::size_t> opens;
    for (std::size_t i = 0; i < pagination_.pages.size() && opens.size() < 2; ++i)
        for (const Frame& frame : pagination_.pages[i].frames)
            for (const PlacedBox& b : frame.boxes) {
                if (b.repeat >= 0) continue;
                for (const auto& o : pass_.contents[b.content].outline)
                    if (o.level == 1) opens.push_back(static_cast<std::size_t>(first_page_ - 1) + i);
            }
    if (opens.empty() || opens[0] != 1) return false;
    return opens.size() == 1 || opens[1] == 2;
}

page_map::PageMap Settled::page_map() const {
    PageStarts starts;
    if (style_.title_page) starts.push_back(page_map::start_of(page_map::Place::title_page));
    if (imprint_ == ImprintPlace::own_page) starts.emplace_back();
    for (const PageResult& page : pagination_.pages) starts.push_back(page.blank ? std::nullopt : first_start(pass_, page));
    return page_map_of(std::move(starts), page_count());
}

pages::Book Settled::draw(Diagnostics& diags) {
    // Read before assemble moves the boxes' items.
    Diagnostics pages_diags;
    report_pages(pages_diags);
    page_map::PageMap map = page_map();
    std::vector<LentItems> lent;
    pages::Book book = assemble(ctx_, pass_, pagination_, first_page_, parts_, metrics_, imprint_, title_foot_,
                                kept_.active() ? &lent : nullptr);
    add_cover_qr(ctx_, pass_, book, pagination_, first_page_, imprint_, home_qr_);
    add_back_cover(ctx_, pass_, book, home_qr_);
    set_aside(std::move(lent));
    book.page_map = std::move(map);
    finish_book(ctx_, book);
    diags.merge(setup_diags_);
    diags.merge(pass_diags_);  // with drawing's
    diags.merge(pages_diags);
    return book;
}

void Settled::report(Diagnostics& diags) const {
    diags.merge(setup_diags_);
    diags.merge(pass_diags_);
    report_pages(diags);
}

void Settled::report_pages(Diagnostics& diags) const {
    for (const auto& p : pagination_.problems) {
        const std::string at = first_text(pass_.contents[pass_.list.items[p.item].content]);
        diags.warning({}, "layout-overfull",
                      "page " + std::to_string(p.page) + ": " + p.what + (at.empty() ? "" : " (at \"" + at + "\")"));
    }
    for (const auto& s : pagination_.spills) report_spill(diags, s);
    if (!settled_)
        diags.warning({}, "layout-unsettled",
                      "page and note numbers still changed after " + std::to_string(kMaxPasses) +
                          " layout passes; some may be off by one");
}

void Settled::set_aside(std::vector<LentItems> lent) {
    kept_.keep(std::move(done_), std::move(pass_), ctx_.doc, notes_.take(), std::move(lent));
}

// A layout not drawn: set aside (for a session's next build) and freed before the
// next is made.
void discard(std::unique_ptr<Settled>& laid) {
    laid->set_aside();
    laid.reset();
}

std::unique_ptr<Settled> settle(const model::Document& document, const cite::Citations& citations,
                                const style::Style& style, shape::FontRegistry& fonts,
                                hyphenate::Dictionaries& dictionaries, const Settings& settings, Reused& reused,
                                const Variant& variant) {
    return std::make_unique<Settled>(document, citations, style, fonts, dictionaries, settings, reused, variant);
}

style::TextStyle scaled(style::TextStyle t, double size, double leading) {
    auto mul = [](Sp v, double f) { return static_cast<Sp>(static_cast<double>(v) * f); };
    t.size = mul(t.size, size);
    t.leading = mul(t.leading, size * leading);
    t.space_before = mul(t.space_before, leading);
    t.space_after = mul(t.space_after, leading);
    t.first_indent = mul(t.first_indent, size);
    return t;
}

style::Style shrink(const style::Style& in, double size, double leading) {
    style::Style s = in;
    for (auto* t : {&s.body, &s.chapter_title, &s.code, &s.quote, &s.attribution, &s.caption, &s.table,
                    &s.footnote, &s.toc_entry, &s.title_page_title, &s.title_page_subtitle, &s.title_page_meta})
        *t = scaled(*t, size, leading);
    for (auto& h : s.headings) h = scaled(h, size, leading);
    s.paragraph_spacing = static_cast<Sp>(static_cast<double>(s.paragraph_spacing) * leading);
    return s;
}

// A layout and how it departs from its style.
struct Styled {
    std::unique_ptr<Settled> layout;
    bool contents_beside = false;  // the contents shares the back of the title page with the imprint
    double size = 1.0;             // the share of the style's type size max_pages shrank it to
};

// The style's layout, or with max_pages, the first that fits of layouts with type
// and leading shrunk in steps down to the style's bounds (sizes stay as large as
// the page count allows), else the smallest.
Styled layout_fitted(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                     shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                     Reused& reused, const Variant& variant) {
    const int max_pages = style.fit.max_pages;
    Styled out{settle(document, citations, style, fonts, dictionaries, settings, reused, variant),
               variant.imprint_beside_contents};
    if (max_pages <= 0) return out;
    constexpr int kSteps = 6;
    const double min_size = std::clamp(style.fit.min_size_ratio, 0.3, 1.0);
    const double min_leading = std::clamp(style.fit.min_leading_ratio, 0.3, 1.0);
    for (int k = 1; k <= kSteps && out.layout->page_count() > static_cast<std::size_t>(max_pages); ++k) {
        out.size = 1.0 - (1.0 - min_size) * k / kSteps;
        const double leading = 1.0 - (1.0 - min_leading) * k / kSteps;
        discard(out.layout);
        out.layout =
            settle(document, citations, shrink(style, out.size, leading), fonts, dictionaries, settings, reused, variant);
    }
    return out;
}

// The chosen layout's pages, with a warning when they exceed max_pages.
pages::Book draw(Styled& chosen, const style::Style& style, Diagnostics& diags) {
    pages::Book book = chosen.layout->draw(diags);
    const int max_pages = style.fit.max_pages;
    if (max_pages <= 0 || static_cast<int>(book.pages.size()) <= max_pages) return book;
    const std::string from = first_text(book.pages[static_cast<std::size_t>(max_pages)]);
    diags.warning({style.file.string()}, "layout-fit",
                  std::to_string(book.pages.size()) + " pages do not fit in max_pages " + std::to_string(max_pages) +
                      " even at " + std::to_string(static_cast<int>(chosen.size * 100 + 0.5)) + "% type size: page " +
                      std::to_string(max_pages + 1) + " onwards does not fit" +
                      (from.empty() ? "" : " (it starts with \"" + from + "\")"));
    return book;
}

// Whether the contents, by its number of entries, may fit on the back of the title
// page above the imprint (checked on the pages once laid out).
bool contents_may_share(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                        shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                        Reused& reused) {
    if (!style.table_of_contents || imprint_place(style, true) != ImprintPlace::contents_foot) return false;
    LayoutContext ctx(document, citations, style, fonts, dictionaries, settings, &reused.pictures, reused.text);
    const std::size_t entries = toc_entries(ctx).size();
    const Sp need = static_cast<Sp>(entries) * style.toc_entry.leading + style.chapters.sink +
                    3 * style.chapter_title.leading + imprint_height(ctx) + 2 * style.body.leading;
    return entries > 0 && need <= ctx.geo.body_height;
}

// The style's layout: the imprint under the contents on the back of the title page
// when the whole contents fits there (or anyway when `beside` insists, to save a
// sheet), the imprint alone on that page otherwise: a contents that starts beside
// the imprint and turns the page would read as an afterthought.
Styled layout_styled(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                     shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                     Reused& reused, bool beside = false) {
    if (beside || contents_may_share(document, citations, style, fonts, dictionaries, settings, reused)) {
        Styled shared = layout_fitted(document, citations, style, fonts, dictionaries, settings, reused, Variant{true});
        if (beside || shared.layout->contents_on_page_two()) return shared;
        discard(shared.layout);
    }
    return layout_fitted(document, citations, style, fonts, dictionaries, settings, reused, Variant{false});
}

// The layout kept, not drawn yet. fit.save_sheets: a booklet whose last sheet
// needs blank pages is laid out again denser, in the order that changes its look
// least: the contents starting on the back of the title page above the imprint;
// then (in a booklet of at most imposition.max_sheets sheets) chapters running on;
// then both. The first that needs fewer sheets is kept.
Styled choose_layout(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                     shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                     Reused& reused) {
    Styled styled = layout_styled(document, citations, style, fonts, dictionaries, settings, reused);
    if (!style.fit.save_sheets || style.fit.max_pages > 0 || styled.layout->padding_pages() == 0) return styled;
    style::Style run_on = style;
    run_on.chapters.opening = style::ChapterOpening::run_on;
    // The contents moves beside the imprint unless it is there already.
    const bool contents = !styled.contents_beside && style.table_of_contents &&
                          imprint_place(style, true) == ImprintPlace::contents_foot;
    // Chapters run on only in a booklet that folds as one, where a sheet is a large
    // share of the paper; a long book keeps its chapter openings.
    const std::size_t sheets =
        styled.layout->page_count() / static_cast<std::size_t>(std::max(style.back_cover.pad_to, 1));
    const bool chapters = style.chapters.new_page() && document.chapters.size() > 1 &&
                          sheets <= static_cast<std::size_t>(style.imposition.max_sheets);
    struct Try {
        const style::Style* style;
        bool beside;
        bool useful;
    };
    for (const Try& t : {Try{&style, true, contents}, Try{&run_on, false, chapters}, Try{&run_on, true, contents && chapters}}) {
        if (!t.useful) continue;
        Styled denser = layout_styled(document, citations, *t.style, fonts, dictionaries, settings, reused, t.beside);
        if (denser.layout->page_count() < styled.layout->page_count()) {
            discard(styled.layout);
            return denser;
        }
        discard(denser.layout);
    }
    return styled;
}

// The book laid out as layout_book lays it out, the layout kept handed to
// `finish`: one reading of each picture file, and one shaping and setting of each
// paragraph, for every layout tried.
template <class Finish>
auto with_chosen_layout(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                        shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                        TextStore::Unused unused, Finish finish) {
    Reused reused(settings);
    if (settings.threads >= 2) reused.pictures.read_ahead(document);
    TextCache& text = *reused.text;
    if (settings.picture_cache && !text.store_opened) {
        text.store = std::make_unique<TextStore>(*settings.picture_cache, text_pack_key(document, style),
                                                 settings.threads >= 2);
        text.store_opened = true;
    }
    Styled chosen = choose_layout(document, citations, style, fonts, dictionaries, settings, reused);
    auto result = finish(chosen, reused);
    if (text.store) {
        text.store->save(unused);
        text.stored = text.store->counts();
        text.stored->settlements_found = reused.settled.found;
        text.stored->settlements_taken = reused.settled.taken;
        text.store.reset();
    }
    return result;
}

}  // namespace

pages::Book layout_book(const model::Document& document, const cite::Citations& citations, const style::Style& style,
                        shape::FontRegistry& fonts, hyphenate::Dictionaries& dictionaries, const Settings& settings,
                        Diagnostics& diags) {
    return with_chosen_layout(document, citations, style, fonts, dictionaries, settings, TextStore::Unused::drop,
                              [&](Styled& chosen, Reused& reused) {
                                  pages::Book book = draw(chosen, style, diags);
                                  if (settings.prepare_pictures) reused.pictures.prepare(book, style.images);
                                  return book;
                              });
}

page_map::PageMap layout_page_map(const model::Document& document, const cite::Citations& citations,
                                  const style::Style& style, shape::FontRegistry& fonts,
                                  hyphenate::Dictionaries& dictionaries, const Settings& settings, Diagnostics& diags) {
    return with_chosen_layout(document, citations, style, fonts, dictionaries, settings,
                              TextStore::Unused::keep_unless_added, [&](Styled& chosen, Reused&) {
        page_map::PageMap map = chosen.layout->page_map();
        chosen.layout->report(diags);
        discard(chosen.layout);
        return map;
    });
}

KeptText::KeptText(style::Fonts made_for)
    : made_for_(std::move(made_for)),
      paragraphs_(std::make_unique<TextCache>()),
      chapters_(std::make_unique<KeptChapters>()),
      pictures_(std::make_unique<KeptPictures>()) {}

KeptText::~KeptText() = default;

std::optional<StoredParagraphs> KeptText::stored() const { return paragraphs_->stored; }

void KeptText::give_back(pages::Book& book) { chapters_->give_back(book); }

void KeptText::next_build() {
    paragraphs_->next_build();
    chapters_->next_build();
    pictures_->next_build();
    fonts_.forget_build_notes();
}

}  // namespace booklet::layout
