// The box/glue/penalty list of one pass, measured from the shaped advances of a
// prepared paragraph: boxes between opportunities, glue for spaces, penalties for
// the other breaks (ragged lines in Knuth & Plass's ragged-right construction).
#include "break_search.hpp"

#include <algorithm>

namespace booklet::linebreak {

namespace {

class ItemBuilder {
public:
    explicit ItemBuilder(PreparedParagraph& p) : p_(p) {}

    void build(bool hyphenation, bool third_pass);

private:
    PreparedParagraph& p_;
    std::vector<Item>& items_ = p_.sc.items;
    std::vector<ItemText>& item_text_ = p_.sc.item_text;

    void gather_points(bool hyphenation, bool third_pass);
    std::vector<Opportunity> emergency_points(const std::vector<Opportunity>& points) const;
    void mark_overwide_spaces(const std::vector<Opportunity>& points);
    void push_end();

    void push(const Item& item, const ItemText& text) {
        items_.push_back(item);
        item_text_.push_back(text);
    }
    void push_box(std::uint32_t a, std::uint32_t b);
    void push_break_penalty(std::uint32_t pos, Kind kind, Sp w, int penalty, bool flagged,
                            std::uint32_t space_begin, std::uint32_t space_end, EdgeFix fix = {});
    void push_space(const SpaceRun& run, bool third_pass);
    void push_opportunity(const Opportunity& o);

    Sp ragged_stretch(std::uint32_t pos) const {
        return static_cast<Sp>(p_.opt.ragged_stretch_em * static_cast<double>(p_.style_at(pos).size));
    }
    int penalty_of(Kind k) const;
};

void ItemBuilder::push_box(std::uint32_t a, std::uint32_t b) {
    if (b <= a) return;
    const Sp e = p_.expandable_width(a, b);
    push(Item{ItemKind::box, p_.width(a, b), e * p_.expand_stretch / 1000, e * p_.expand_shrink / 1000, 0, false},
         {a, b, Kind::box, p_.range_index_at(a)});
}

int ItemBuilder::penalty_of(Kind k) const {
    switch (k) {
    case Kind::soft_hyphen:
    case Kind::auto_hyphen:
    case Kind::silent_hyphen: return p_.opt.hyphen_penalty;
    case Kind::explicit_hyphen: return p_.opt.explicit_hyphen_penalty;
    case Kind::url: return p_.opt.url_penalty;
    case Kind::emergency: return p_.opt.emergency_penalty;
    case Kind::intercharacter: return 0;  // the usual break of these scripts, as a space is of others
    default: return p_.opt.other_break_penalty;
    }
}

void ItemBuilder::push_break_penalty(std::uint32_t pos, Kind kind, Sp w, int penalty, bool flagged,
                                     std::uint32_t space_begin, std::uint32_t space_end, EdgeFix fix) {
    const std::uint32_t range = p_.range_before(pos);
    w += fix.before;
    if (!p_.ragged()) {
        push(Item{ItemKind::penalty, w, 0, 0, penalty, flagged, fix.after}, {space_begin, space_end, kind, range});
        return;
    }
    // Knuth & Plass's ragged-right: a line ending here gets S of stretch, a line
    // running on gets +S−S = 0; the infinite penalty keeps the first glue from
    // being a breakpoint of its own.
    const Sp s = ragged_stretch(pos > 0 ? pos - 1 : 0);
    push(Item{ItemKind::penalty, 0, 0, 0, kInfinitePenalty, false}, {pos, pos, Kind::filler, range});
    push(Item{ItemKind::glue, 0, s, 0, 0, false}, {pos, pos, Kind::filler, range});
    push(Item{ItemKind::penalty, w, 0, 0, penalty, flagged, fix.after}, {space_begin, space_end, kind, range});
    push(Item{ItemKind::glue, 0, -s, 0, 0, false}, {pos, pos, Kind::filler, range});
}

void ItemBuilder::push_space(const SpaceRun& run, bool third_pass) {
    const Sp w = p_.width(run.begin, run.end);
    const std::uint32_t range = p_.range_index_at(run.begin);
    const bool ragged = p_.ragged();
    const Sp stretch = ragged ? 0 : static_cast<Sp>(p_.opt.space_stretch * static_cast<double>(w));
    const Sp shrink = ragged ? 0 : static_cast<Sp>(p_.opt.space_shrink * static_cast<double>(w));
    const Item glue{ItemKind::glue, w, stretch, shrink, 0, false};
    const ItemText spaces{run.begin, run.end, Kind::space, range};
    const bool breakable = run.breakable || (third_pass && (run.kept || run.overwide));
    if (!breakable) {
        push(Item{ItemKind::penalty, 0, 0, 0, kInfinitePenalty, false}, {run.begin, run.begin, Kind::filler, range});
    } else if (run.kept || run.overwide) {
        // A kept-together range, or words joined by no-break spaces (or spaces
        // UAX #14 forbids a break at, as in "w0( w1(") into a stretch wider than a
        // line, may break in the third pass only, at a cost: the last resort
        // before text runs off the page.
        push_break_penalty(run.begin, Kind::emergency, -p_.protrusion_before(run.begin), p_.opt.emergency_penalty,
                           false, run.begin, run.end);
    } else if (!ragged) {
        // Breaking here lets the punctuation hang: a penalty of negative width is
        // the break, the glue after it then cannot be one.
        if (const Sp hang = p_.protrusion_before(run.begin); hang > 0)
            push(Item{ItemKind::penalty, -hang, 0, 0, 0, false}, spaces);
    } else {
        push_break_penalty(run.begin, Kind::space, 0, 0, false, run.begin, run.end);
    }
    push(glue, spaces);
}

void ItemBuilder::push_opportunity(const Opportunity& o) {
    switch (o.kind) {
    case Kind::hard: {
        const std::uint32_t range = p_.range_before(o.pos);
        push(Item{ItemKind::glue, 0, kFilStretch, 0, 0, false}, {o.pos, o.pos, Kind::filler, range});
        push(Item{ItemKind::penalty, 0, 0, 0, -kInfinitePenalty, false}, {o.pos, o.pos, Kind::hard, range});
        return;
    }
    case Kind::soft_hyphen:
    case Kind::auto_hyphen: {
        const Sp advance = p_.hyphen_at(o.pos).advance;
        push_break_penalty(o.pos, o.kind, advance - p_.hyphen_protrusion(advance), penalty_of(o.kind), true, o.pos,
                           o.pos, p_.edge_fix(o.pos));
        return;
    }
    default:
        push_break_penalty(o.pos, o.kind, -p_.protrusion_before(o.pos), penalty_of(o.kind),
                           o.kind == Kind::explicit_hyphen, o.pos, o.pos, p_.edge_fix(o.pos));
        // The gap a justified line may widen; after the penalty, so that it is no
        // break of its own and goes with the break when the line ends here.
        if (o.kind == Kind::intercharacter && !p_.ragged()) {
            const Sp stretch = static_cast<Sp>(p_.opt.intercharacter_stretch_em *
                                               static_cast<double>(p_.style_at(o.pos).size));
            push(Item{ItemKind::glue, 0, stretch, 0, 0, false}, {o.pos, o.pos, Kind::intercharacter, p_.range_before(o.pos)});
        }
        return;
    }
}

// Cluster boundaries inside the boxes wider than the narrowest line, between the
// opportunities of `points`.
std::vector<Opportunity> ItemBuilder::emergency_points(const std::vector<Opportunity>& points) const {
    std::vector<std::uint32_t> cuts{p_.content_begin};
    for (const auto& s : p_.spaces()) {
        cuts.push_back(s.begin);
        cuts.push_back(s.end);
    }
    for (const auto& o : points) cuts.push_back(o.pos);
    cuts.push_back(p_.content_end);
    std::sort(cuts.begin(), cuts.end());
    const auto& glyphs = p_.paragraph.glyphs;
    std::vector<Opportunity> out;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::uint32_t a = cuts[k], b = cuts[k + 1];
        if (b <= a || p_.width(a, b) <= p_.min_width) continue;
        // Any cluster boundary inside the token will do.
        for (std::uint32_t g = p_.glyph_at(a) + 1; g < p_.glyph_at(b); ++g) {
            const std::uint32_t c = glyphs[g].cluster;
            if (c > a && c < b && c != glyphs[g - 1].cluster) out.push_back({c, Kind::emergency});
        }
    }
    return out;
}

// Third pass: marks the spaces that lie inside a stretch wider than the narrowest
// line between two real break opportunities (`points`, breakable spaces, the
// text's ends). Such a space is the last resort's break.
void ItemBuilder::mark_overwide_spaces(const std::vector<Opportunity>& points) {
    std::vector<std::uint32_t> cuts{p_.content_begin, p_.content_end};
    for (const auto& o : points) cuts.push_back(o.pos);
    for (const auto& sp : p_.spaces())
        if (sp.breakable) cuts.push_back(sp.end);
    std::sort(cuts.begin(), cuts.end());
    for (auto& sp : p_.spaces()) {
        sp.overwide = false;
        if (sp.breakable || sp.kept) continue;
        const auto after = std::lower_bound(cuts.begin(), cuts.end(), sp.end);
        const auto before = std::upper_bound(cuts.begin(), cuts.end(), sp.begin);
        if (after == cuts.end() || before == cuts.begin()) continue;
        sp.overwide = p_.width(*(before - 1), *after) > p_.min_width;
    }
}

// The pass's opportunities into sc.points, sorted, one per position: the first
// kind found wins (ICU's over ours).
void ItemBuilder::gather_points(bool hyphenation, bool third_pass) {
    std::vector<Opportunity>& points = p_.sc.points;
    points.assign(p_.opportunities().begin(), p_.opportunities().end());
    if (hyphenation) {
        const auto& hyphens = p_.hyphen_points();
        points.insert(points.end(), hyphens.begin(), hyphens.end());
    }
    if (third_pass) {
        points.insert(points.end(), p_.kept_opportunities().begin(), p_.kept_opportunities().end());
        auto extra = emergency_points(points);
        mark_overwide_spaces(points);
        points.insert(points.end(), extra.begin(), extra.end());
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const Opportunity& a, const Opportunity& b) { return a.pos < b.pos; });
    points.erase(std::unique(points.begin(), points.end(),
                             [](const Opportunity& a, const Opportunity& b) { return a.pos == b.pos; }),
                 points.end());
}

// \parfillskip: the last line is set at its natural width, ending at least
// last_line_room short of its measure; then the paragraph's forced end.
void ItemBuilder::push_end() {
    const std::uint32_t end = p_.content_end;
    const std::uint32_t range = p_.range_before(end);
    const Sp fill = p_.opt.justify_last_line && !p_.ragged() ? 0 : kFilStretch;
    const Sp room = fill == 0 ? 0 : std::max<Sp>(0, p_.opt.last_line_room);
    push(Item{ItemKind::glue, room, fill, 0, 0, false}, {end, end, Kind::filler, range});
    push(Item{ItemKind::penalty, 0, 0, 0, -kInfinitePenalty, false}, {end, end, Kind::hard, range});
}

void ItemBuilder::build(bool hyphenation, bool third_pass) {
    items_.clear();
    item_text_.clear();
    gather_points(hyphenation, third_pass);
    const std::vector<Opportunity>& points = p_.sc.points;
    const std::vector<SpaceRun>& spaces = p_.spaces();
    std::uint32_t box_start = p_.content_begin;
    std::size_t s = 0, o = 0;
    while (s < spaces.size() || o < points.size()) {
        const bool take_space = o >= points.size() || (s < spaces.size() && spaces[s].begin < points[o].pos);
        if (take_space) {
            const SpaceRun& run = spaces[s++];
            push_box(box_start, run.begin);
            push_space(run, third_pass);
            box_start = run.end;
            // Opportunities inside or at the end of a space run belong to it.
            while (o < points.size() && points[o].pos <= run.end) ++o;
        } else {
            const Opportunity& op = points[o++];
            if (op.pos <= box_start) continue;
            push_box(box_start, op.pos);
            push_opportunity(op);
            box_start = op.pos;
        }
    }
    push_box(box_start, p_.content_end);
    push_end();
}

}  // namespace

void build_items(PreparedParagraph& p, bool hyphenation, bool third_pass) { ItemBuilder(p).build(hyphenation, third_pass); }

bool has_overwide_box(const PreparedParagraph& p) {
    for (const Item& item : p.sc.items)
        if (item.kind == ItemKind::box && item.width > p.min_width) return true;
    return false;
}

}  // namespace booklet::linebreak
