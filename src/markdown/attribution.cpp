// Who said a quote. Real pages end block quotes in three ways, and each is split
// off into BlockQuote::attribution (without its dash; the renderer adds its own):
//   1. a trailing one-item bullet list:      > quote text
//                                            >
//                                            > - [Sam Altman, CEO of OpenAI](url).
//   2. a trailing paragraph that starts with a dash, optionally followed by one
//      more paragraph with the source:        > – Waleed Aly
//                                            >
//                                            > [The Age](url)
//      (an embedded tweet's "— Name (@handle) date" line is this case too)
//   3. a dash inside the last paragraph, either after the closing quotation mark
//      ("…2029." -- Ray Kurzweil [source](url)) or at the start of a line.
// A quote of a single block keeps its text: a lone "– Name" is not split off
// from nothing. A trailing lone "." after the attribution is dropped.
#include "context.hpp"
#include "text.hpp"

#include <array>

namespace booklet::markdown {
namespace {

constexpr std::array<std::string_view, 5> kDashes = {"--", "\u2014", "\u2013", "\u2015", "-"};

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    if (i >= s.size()) return false;
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') { len = 1; return true; }
    if (s.substr(i, 2) == "\xC2\xA0") { len = 2; return true; }  // no-break space
    return false;
}

// Length of a dash token at s[i], 0 when there is none.
std::size_t dash_at(std::string_view s, std::size_t i) {
    for (std::string_view d : kDashes)
        if (s.substr(i, d.size()) == d) return d.size();
    return 0;
}

// Bytes of "dash + spaces" at the start of s, or 0.
std::size_t leading_dash(std::string_view s) {
    const std::size_t d = dash_at(s, 0);
    if (d == 0) return 0;
    std::size_t i = d, len = 0;
    if (!is_space_at(s, i, len)) return 0;
    while (is_space_at(s, i, len)) i += len;
    return i;
}

bool ends_with_closing_quote(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    for (std::string_view q : {"\"", "'", "\u201D", "\u2019", "\u00BB"})
        if (s.size() >= q.size() && s.substr(s.size() - q.size()) == q) return true;
    return false;
}

bool is_break(const model::Inline& n) {
    return std::holds_alternative<model::SoftBreak>(n.node) || std::holds_alternative<model::LineBreak>(n.node);
}

void drop_trailing_period(model::Inlines& in) {
    if (in.empty()) return;
    if (auto* t = std::get_if<model::Text>(&in.back().node)) {
        std::string& s = t->text;
        while (!s.empty() && s.back() == ' ') s.pop_back();
        if (s == ".") in.pop_back();
    }
}

void trim_end(model::Inlines& in) {
    while (!in.empty()) {
        if (is_break(in.back())) { in.pop_back(); continue; }
        if (auto* t = std::get_if<model::Text>(&in.back().node)) {
            while (!t->text.empty() && (t->text.back() == ' ' || t->text.back() == '\t')) t->text.pop_back();
            if (t->text.empty()) { in.pop_back(); continue; }
        }
        break;
    }
}

// Removes "— " from the start of inlines; false when they do not start with a dash.
bool strip_leading_dash(model::Inlines& in) {
    if (in.empty()) return false;
    auto* t = std::get_if<model::Text>(&in.front().node);
    if (!t) return false;
    const std::size_t n = leading_dash(t->text);
    if (n == 0) return false;
    t->text.erase(0, n);
    if (t->text.empty()) in.erase(in.begin());
    return !in.empty();
}

bool rule_list(model::BlockQuote& q) {
    if (q.blocks.size() < 2) return false;
    auto* list = std::get_if<model::List>(&q.blocks.back().node);
    if (!list || list->ordered || list->items.size() != 1 || list->items[0].task) return false;
    const auto& item = list->items[0];
    if (item.blocks.size() != 1) return false;
    const auto* para = std::get_if<model::Paragraph>(&item.blocks[0].node);
    if (!para || para->content.empty()) return false;
    // A long item is content, not a name and a source.
    if (model::plain_text(para->content).size() > 300) return false;
    model::Inlines attribution = para->content;
    drop_trailing_period(attribution);
    q.attribution = std::move(attribution);
    q.blocks.pop_back();
    return true;
}

bool rule_dash_paragraph(model::BlockQuote& q) {
    const std::size_t n = q.blocks.size();
    for (std::size_t back = 1; back <= 2 && back < n; ++back) {
        const std::size_t k = n - back;
        auto* para = std::get_if<model::Paragraph>(&q.blocks[k].node);
        if (!para) continue;
        bool rest_ok = true;
        for (std::size_t j = k + 1; j < n; ++j)
            if (!std::holds_alternative<model::Paragraph>(q.blocks[j].node)) rest_ok = false;
        if (!rest_ok) continue;
        model::Inlines attribution = para->content;
        if (!strip_leading_dash(attribution)) continue;
        if (model::plain_text(attribution).size() > 300) continue;
        for (std::size_t j = k + 1; j < n; ++j) {
            trim_end(attribution);
            attribution.push_back(model::Inline{model::Text{", "}, q.blocks[j].pos});
            for (const auto& in : std::get<model::Paragraph>(q.blocks[j].node).content) attribution.push_back(in);
        }
        drop_trailing_period(attribution);
        q.attribution = std::move(attribution);
        q.blocks.resize(k);
        return true;
    }
    return false;
}

bool rule_dash_inside(model::BlockQuote& q) {
    auto* para = std::get_if<model::Paragraph>(&q.blocks.back().node);
    if (!para) return false;
    model::Inlines& in = para->content;
    // The last separator wins: an en dash inside the quoted sentence comes earlier.
    std::size_t best_node = in.size(), best_from = 0, best_to = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const auto* t = std::get_if<model::Text>(&in[i].node);
        if (!t) continue;
        const std::string& s = t->text;
        const bool line_start = i == 0 || is_break(in[i - 1]);
        if (line_start && i > 0) {
            if (const std::size_t d = leading_dash(s); d > 0) {
                best_node = i;
                best_from = 0;
                best_to = d;
            }
        }
        for (std::size_t p = 0; p < s.size(); ++p) {
            std::size_t sp = 0;
            if (!is_space_at(s, p, sp)) continue;
            const std::size_t d = dash_at(s, p + sp);
            if (d == 0) continue;
            std::size_t after = p + sp + d, len = 0;
            if (!is_space_at(s, after, len)) continue;
            while (is_space_at(s, after, len)) after += len;
            if (!ends_with_closing_quote(s.substr(0, p))) continue;
            best_node = i;
            best_from = p;
            best_to = after;
        }
    }
    if (best_node == in.size()) return false;
    model::Inlines attribution;
    const auto& text = std::get<model::Text>(in[best_node].node).text;
    const std::string rest = text.substr(best_to);
    if (!rest.empty()) attribution.push_back(model::Inline{model::Text{rest}, in[best_node].pos});
    for (std::size_t j = best_node + 1; j < in.size(); ++j) attribution.push_back(std::move(in[j]));
    if (model::plain_text(attribution).empty()) return false;  // plain_text trims white space
    // Undo nothing from here on: cut the paragraph.
    std::get<model::Text>(in[best_node].node).text.erase(best_from);
    in.resize(best_node + 1);
    trim_end(in);
    if (in.empty()) {
        q.blocks.pop_back();
        if (q.blocks.empty()) return false;
    }
    drop_trailing_period(attribution);
    q.attribution = std::move(attribution);
    return true;
}

}  // namespace

void split_attribution(model::BlockQuote& q) {
    if (q.blocks.empty() || !q.attribution.empty()) return;
    if (rule_list(q)) return;
    if (rule_dash_paragraph(q)) return;
    model::BlockQuote copy = q;  // rule 3 edits in place; keep the original if it gives up
    if (!rule_dash_inside(copy)) return;
    q = std::move(copy);
}

}  // namespace booklet::markdown
