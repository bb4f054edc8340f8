#include "typography.hpp"

#include <unicode/uchar.h>

#include <optional>
#include <type_traits>
#include <vector>

namespace booklet::markdown {
namespace {

constexpr char32_t kNoChar = 0;         // before the start / after the end of a run
constexpr char32_t kStandIn = U'x';     // code, pictures: something that is not a space
constexpr const char* kNoBreakSpace = "\u00A0";
constexpr const char* kNarrowNoBreakSpace = "\u202F";

// One code point of a run, with the bytes it came from.
struct Unit {
    char32_t cp = 0;
    int piece = -1;          // index into the run's pieces, -1 for a stand-in
    std::size_t offset = 0;  // bytes in that piece
    std::size_t length = 0;
};

// Decodes one code point at `i`; broken UTF-8 reads as U+FFFD over one byte and
// keeps its bytes.
char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
    const auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) {
        length = 1;
        return 0xFFFD;
    }
    char32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (int k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((c & 0xC0) != 0x80) {
            length = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    length = static_cast<std::size_t>(n);
    return cp;
}

bool is_space(char32_t c) { return c == kNoChar || u_isUWhiteSpace(static_cast<UChar32>(c)); }
bool is_word(char32_t c) { return c != kNoChar && u_isalnum(static_cast<UChar32>(c)); }

// Where a quotation mark opens: at the start, after a space, an opening bracket or
// dash, or another opening mark.
bool opens_after(char32_t c) {
    if (is_space(c)) return true;
    switch (c) {
        case U'(': case U'[': case U'{': case U'<': case U'/': case U'-':
        case U'\u2013': case U'\u2014': case U'\u201C': case U'\u2018': case U'\u201E': case U'\u201A':
        case U'\u00AB': case U'\u2039': case U'\u300C': case U'\u300E': case U'\u00BF': case U'\u00A1':
            return true;
        default: return false;
    }
}

// A run of text being typeset: its pieces (the Text strings it is made of) and the
// code points of all of them in reading order.
class Run {
public:
    explicit Run(const words::Words& words) : words_(words) {}

    void piece(std::string& text) {
        order_.push_back({static_cast<int>(pieces_.size()), 0});
        pieces_.push_back(&text);
        work_ = work_ || needs_work(text);
    }
    void stand_in(char32_t c) { order_.push_back({-1, c}); }

    void typeset() {
        if (!work_) return;  // most runs: nothing to set, nothing to decode
        decode_units();
        replacement_.assign(units_.size(), std::nullopt);
        int open_double = 0, open_single = 0;
        for (std::size_t i = 0; i < units_.size(); ++i) {
            if (units_[i].piece < 0) continue;
            const char32_t c = units_[i].cp;
            if (c == U'"') double_quote(i, open_double);
            else if (c == U'\'') single_quote(i, open_single);
            else if (c == U'-') i = dashes(i);
            else if (c == U'.') i = ellipsis(i);
            else if (c == U'\u00AB' || c == U'\u00BB') guillemet_space(i, c == U'\u00AB');
            if (words_.space_before_punctuation && (c == U';' || c == U':' || c == U'!' || c == U'?'))
                space_before(i, c == U':' ? kNoBreakSpace : kNarrowNoBreakSpace);
        }
        write_back();
    }

private:
    void decode_units() {
        for (const auto& [index, stand_in] : order_) {
            if (index < 0) {
                units_.push_back({stand_in, -1, 0, 0});
                continue;
            }
            const std::string& text = *pieces_[static_cast<std::size_t>(index)];
            for (std::size_t i = 0; i < text.size();) {
                std::size_t length = 1;
                const char32_t cp = decode(text, i, length);
                units_.push_back({cp, index, i, length});
                i += length;
            }
        }
    }

    // Whether a text holds anything this pass changes.
    bool needs_work(std::string_view text) const {
        if (text.find_first_of("\"'") != std::string_view::npos || text.find("--") != std::string_view::npos ||
            text.find("...") != std::string_view::npos)
            return true;
        if (!words_.quotes.inside.empty() && (text.find("\u00AB") != std::string_view::npos || text.find("\u00BB") != std::string_view::npos))
            return true;
        return words_.space_before_punctuation && text.find_first_of(";:!?") != std::string_view::npos;
    }

    char32_t at(std::size_t i) const { return i < units_.size() ? units_[i].cp : kNoChar; }
    char32_t before(std::size_t i) const { return i == 0 ? kNoChar : units_[i - 1].cp; }
    bool same_piece(std::size_t a, std::size_t b) const {
        return a < units_.size() && b < units_.size() && units_[a].piece == units_[b].piece && units_[a].piece >= 0;
    }

    void mark(std::size_t i, std::string text) {
        if (units_[i].piece >= 0) replacement_[i] = std::move(text);
    }

    void double_quote(std::size_t i, int& open) {
        const char32_t prev = before(i), next = at(i + 1);
        const words::Quotes& q = words_.quotes;
        // With nothing open, a mark before a word opens even right after a letter,
        // as in languages written without spaces (彼は"いいえ"と); before
        // punctuation it closes (a quotation whose opening mark was forgotten).
        const bool opening = (opens_after(prev) && !is_space(next)) || (open == 0 && is_word(next));
        if (opening) {
            ++open;
            mark(i, q.open);
            inside_space(i, true);
        } else if (!is_space(prev) || open > 0) {
            if (open > 0) --open;
            mark(i, q.close);
            inside_space(i, false);
        }
    }

    void single_quote(std::size_t i, int& open) {
        const char32_t prev = before(i), next = at(i + 1);
        const words::Quotes& q = words_.quotes;
        if (is_word(prev) && is_word(next)) {
            mark(i, words_.apostrophe);  // don't, l'homme
        } else if (opens_after(prev) && !is_space(next)) {
            // '90s: an apostrophe standing for the century, not a quotation.
            const bool elision = u_isdigit(static_cast<UChar32>(next)) && u_isdigit(static_cast<UChar32>(at(i + 2))) &&
                                 !u_isdigit(static_cast<UChar32>(at(i + 3)));
            if (elision) {
                mark(i, words_.apostrophe);
            } else {
                ++open;
                mark(i, q.inner_open);
            }
        } else if (open > 0 && !is_space(prev)) {
            --open;
            mark(i, q.inner_close);
        } else {
            mark(i, words_.apostrophe);  // the students' books
        }
    }

    // "--" and "---" inside one piece; other runs of hyphens stay (rules, ASCII art).
    std::size_t dashes(std::size_t i) {
        std::size_t end = i;
        while (same_piece(i, end) && at(end) == U'-') ++end;
        const std::size_t n = end - i;
        if (n == 2 || n == 3) {
            mark(i, n == 2 ? "\u2013" : "\u2014");
            for (std::size_t k = i + 1; k < end; ++k) mark(k, "");
        }
        return end - 1;
    }

    std::size_t ellipsis(std::size_t i) {
        std::size_t end = i;
        while (same_piece(i, end) && at(end) == U'.') ++end;
        if (end - i == 3) {
            mark(i, "\u2026");
            mark(i + 1, "");
            mark(i + 2, "");
        }
        return end - 1;
    }

    // The space inside guillemets where the language sets one: the one typed is
    // made no-break, a missing one is added.
    void inside_space(std::size_t i, bool opening) {
        const std::string& inside = words_.quotes.inside;
        if (inside.empty()) return;
        const std::size_t neighbour = opening ? i + 1 : i - 1;
        if (!opening && i == 0) return;
        if (at(neighbour) == U' ' && units_[neighbour].piece >= 0) {
            mark(neighbour, inside);
        } else if (!is_space(at(neighbour)) && replacement_[i]) {
            *replacement_[i] = opening ? *replacement_[i] + inside : inside + *replacement_[i];
        }
    }

    void guillemet_space(std::size_t i, bool opening) {
        if (words_.quotes.inside.empty()) return;
        const char32_t neighbour = opening ? at(i + 1) : before(i);
        if (neighbour == kNoChar) return;
        replacement_[i] = std::string(opening ? "\u00AB" : "\u00BB");
        inside_space(i, opening);
    }

    void space_before(std::size_t i, const char* space) {
        if (i > 0 && at(i - 1) == U' ') mark(i - 1, space);
    }

    void write_back() {
        std::vector<std::string> out(pieces_.size());
        for (std::size_t i = 0; i < units_.size(); ++i) {
            const Unit& u = units_[i];
            if (u.piece < 0) continue;
            std::string& into = out[static_cast<std::size_t>(u.piece)];
            if (replacement_[i]) into += *replacement_[i];
            else into.append(*pieces_[static_cast<std::size_t>(u.piece)], u.offset, u.length);
        }
        for (std::size_t p = 0; p < pieces_.size(); ++p) *pieces_[p] = std::move(out[p]);
    }

    const words::Words& words_;
    std::vector<std::string*> pieces_;
    std::vector<std::pair<int, char32_t>> order_;  // pieces (index) and stand-ins (-1, the character)
    std::vector<Unit> units_;
    std::vector<std::optional<std::string>> replacement_;
    bool work_ = false;
};

// A link whose text is its own address (an autolink, a pasted URL or e-mail
// address) is left as written: "--" in a URL is not a dash.
bool is_address_text(const model::Link& link) {
    const std::string text = model::plain_text(link.children);
    if (text.empty()) return false;
    if (text == link.target.url || "mailto:" + text == link.target.url) return true;
    for (const char* prefix : {"http://", "https://", "www.", "ftp://"})
        if (text.rfind(prefix, 0) == 0) return true;
    return text.find('@') != std::string::npos && text.find(' ') == std::string::npos;
}

void collect(model::Inlines& inlines, Run& run, const words::Words& words, int depth) {
    if (depth > 256) return;  // the builder bounds nesting far below this
    for (model::Inline& in : inlines) {
        std::visit(
            [&](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Text>) {
                    run.piece(n.text);
                } else if constexpr (std::is_same_v<T, model::Code> || std::is_same_v<T, model::FootnoteRef>) {
                    run.stand_in(kStandIn);
                } else if constexpr (std::is_same_v<T, model::LineBreak> || std::is_same_v<T, model::SoftBreak>) {
                    run.stand_in(U' ');
                } else if constexpr (std::is_same_v<T, model::Image>) {
                    n.image.alt = typeset_text(n.image.alt, words);
                    n.image.title = typeset_text(n.image.title, words);
                    run.stand_in(kStandIn);
                } else if constexpr (std::is_same_v<T, model::Link>) {
                    n.title = typeset_text(n.title, words);
                    if (is_address_text(n)) run.stand_in(kStandIn);
                    else collect(n.children, run, words, depth + 1);
                } else {
                    collect(n.children, run, words, depth + 1);
                }
            },
            in.node);
    }
}

void typeset_blocks(model::Blocks& blocks, const std::string& lang, const WordsFor& words_for, int depth) {
    if (depth > 256) return;
    for (model::Block& b : blocks) {
        const std::string& block_lang = b.lang.empty() ? lang : b.lang;
        const words::Words& w = words_for(block_lang);
        std::visit(
            [&](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Heading> || std::is_same_v<T, model::Paragraph>) {
                    typeset_inlines(n.content, w);
                } else if constexpr (std::is_same_v<T, model::List>) {
                    for (auto& item : n.items) typeset_blocks(item.blocks, block_lang, words_for, depth + 1);
                } else if constexpr (std::is_same_v<T, model::BlockQuote>) {
                    typeset_blocks(n.blocks, block_lang, words_for, depth + 1);
                    typeset_inlines(n.attribution, w);
                } else if constexpr (std::is_same_v<T, model::Table>) {
                    for (auto& c : n.header) typeset_inlines(c.content, w);
                    for (auto& row : n.rows)
                        for (auto& c : row) typeset_inlines(c.content, w);
                } else if constexpr (std::is_same_v<T, model::Figure>) {
                    n.image.alt = typeset_text(n.image.alt, w);
                    n.image.title = typeset_text(n.image.title, w);
                    typeset_inlines(n.caption, w);
                } else if constexpr (std::is_same_v<T, model::Details>) {
                    typeset_inlines(n.summary, w);
                    typeset_blocks(n.blocks, block_lang, words_for, depth + 1);
                }
            },
            b.node);
    }
}

}  // namespace

std::string typeset_text(std::string_view text, const words::Words& words) {
    if (text.empty()) return {};
    std::string s(text);
    Run run(words);
    run.piece(s);
    run.typeset();
    return s;
}

void typeset_inlines(model::Inlines& inlines, const words::Words& words) {
    Run run(words);
    collect(inlines, run, words, 0);
    run.typeset();
}

void typeset_chapter(model::Chapter& chapter, const WordsFor& words_for) {
    const words::Words& w = words_for(chapter.lang);
    chapter.title = typeset_text(chapter.title, w);
    chapter.description = typeset_text(chapter.description, w);
    typeset_blocks(chapter.blocks, chapter.lang, words_for, 0);
    for (model::Footnote& fn : chapter.footnotes) typeset_blocks(fn.blocks, chapter.lang, words_for, 0);
}

}  // namespace booklet::markdown
