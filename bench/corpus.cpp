#include "corpus.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/markdown.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

#include <algorithm>

namespace booklet::bench {

namespace fs = std::filesystem;

BodyFonts::BodyFonts(const fs::path& dir) {
    auto chain = [&](const char* primary) {
        shape::FontChain c;
        c.fonts.push_back(registry.load(dir / "noto" / primary));
        for (const char* f : {"noto/NotoSansSymbols-Regular.ttf", "noto/NotoSansSymbols2-Regular.ttf",
                              "noto/NotoSansMath-Regular.ttf", "dejavu/DejaVuSans.ttf"})
            c.fonts.push_back(registry.load(dir / f));
        return c;
    };
    regular = chain("NotoSerif-Regular.ttf");
    italic = chain("NotoSerif-Italic.ttf");
    bold = chain("NotoSerif-Bold.ttf");
    bold_italic = chain("NotoSerif-BoldItalic.ttf");
    mono = chain("NotoSansMono-Regular.ttf");
}

std::vector<fs::path> corpus_pages(const fs::path& corpus, const std::string& which) {
    std::vector<fs::path> pages;
    auto add_dir = [&](const fs::path& dir) {
        std::vector<fs::path> found;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".md") found.push_back(e.path());
        std::sort(found.begin(), found.end());
        pages.insert(pages.end(), found.begin(), found.end());
    };
    if (which == "seed" || which == "all") add_dir(corpus / "seed");
    if (which == "en" || which == "all") add_dir(corpus / "pauseai-en" / "posts");
    return pages;
}

namespace {

struct Collector {
    BodyFonts& fonts;
    Sp size;
    shape::StyledText text;
    std::size_t words = 0;

    struct State {
        bool italic = false, bold = false, code = false, url = false, super = false;
        std::string lang;
    };

    void append(const std::string& s, const State& st) {
        if (s.empty()) return;
        shape::TextStyle style;
        style.fonts = st.code ? fonts.mono
                              : (st.bold ? (st.italic ? fonts.bold_italic : fonts.bold)
                                         : (st.italic ? fonts.italic : fonts.regular));
        style.size = st.code ? size * 9 / 10 : (st.super ? size * 7 / 10 : size);
        style.rise = st.super ? size * 35 / 100 : 0;
        style.hyphenate = !st.code && !st.url;
        style.url = st.url;
        style.lang = st.lang;
        const std::size_t begin = text.text.size();
        text.text += s;
        auto& ranges = text.ranges;
        const auto same = [&](const shape::TextStyle& a) {
            return a.fonts.fonts == style.fonts.fonts && a.size == style.size && a.rise == style.rise &&
                   a.hyphenate == style.hyphenate && a.url == style.url && a.lang == style.lang;
        };
        if (!ranges.empty() && ranges.back().end == begin && same(ranges.back().style))
            ranges.back().end = text.text.size();
        else
            ranges.push_back({begin, text.text.size(), style});
    }

    void inlines(const model::Inlines& list, const State& st) {
        for (const auto& in : list) inline_node(in, st);
    }

    void inline_node(const model::Inline& in, const State& st) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                State s = st;
                if constexpr (std::is_same_v<T, model::Text>) {
                    append(n.text, st);
                } else if constexpr (std::is_same_v<T, model::Emphasis>) {
                    s.italic = !s.italic;
                    inlines(n.children, s);
                } else if constexpr (std::is_same_v<T, model::Strong>) {
                    s.bold = true;
                    inlines(n.children, s);
                } else if constexpr (std::is_same_v<T, model::Strikethrough> ||
                                     std::is_same_v<T, model::Subscript>) {
                    inlines(n.children, s);
                } else if constexpr (std::is_same_v<T, model::Superscript>) {
                    s.super = true;
                    inlines(n.children, s);
                } else if constexpr (std::is_same_v<T, model::Code>) {
                    s.code = true;
                    append(n.text, s);
                } else if constexpr (std::is_same_v<T, model::Link>) {
                    // A bare URL shown as its own text is set as a URL.
                    if (n.children.size() == 1)
                        if (const auto* t = std::get_if<model::Text>(&n.children[0].node))
                            s.url = t->text == n.target.url || "http://" + t->text == n.target.url ||
                                    "https://" + t->text == n.target.url || "mailto:" + t->text == n.target.url;
                    inlines(n.children, s);
                } else if constexpr (std::is_same_v<T, model::Image>) {
                    append(n.image.alt, st);
                } else if constexpr (std::is_same_v<T, model::LineBreak>) {
                    append("\n", st);
                } else if constexpr (std::is_same_v<T, model::SoftBreak>) {
                    append(" ", st);
                } else if constexpr (std::is_same_v<T, model::FootnoteRef>) {
                    s.super = true;
                    append(std::to_string(n.number), s);
                } else if constexpr (std::is_same_v<T, model::Span>) {
                    s.lang = n.lang;
                    inlines(n.children, s);
                }
            },
            in.node);
    }
};

void count_words(CorpusParagraph& p) {
    bool in_word = false;
    for (unsigned char c : p.text.text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++p.words;
        in_word = !space;
    }
}

void collect_blocks(const model::Blocks& blocks, const std::string& lang, const std::string& page, BodyFonts& fonts,
                    Sp size, std::vector<CorpusParagraph>& out) {
    for (const auto& block : blocks) {
        const std::string& block_lang = block.lang.empty() ? lang : block.lang;
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Paragraph>) {
                    Collector c{fonts, size, {}, 0};
                    c.text.lang = block_lang;
                    c.inlines(n.content, {});
                    if (c.text.text.find_first_not_of(" \n") == std::string::npos) return;
                    CorpusParagraph p;
                    p.page = page;
                    p.text = std::move(c.text);
                    count_words(p);
                    out.push_back(std::move(p));
                } else if constexpr (std::is_same_v<T, model::List>) {
                    for (const auto& item : n.items) collect_blocks(item.blocks, block_lang, page, fonts, size, out);
                } else if constexpr (std::is_same_v<T, model::BlockQuote> || std::is_same_v<T, model::Details>) {
                    collect_blocks(n.blocks, block_lang, page, fonts, size, out);
                }
            },
            block.node);
    }
}

}  // namespace

std::vector<CorpusParagraph> load_paragraphs(const std::vector<fs::path>& pages, BodyFonts& fonts, Sp size,
                                             std::size_t* warnings) {
    std::vector<CorpusParagraph> out;
    for (const auto& page : pages) {
        source::Manifest manifest = source::manifest_for_page(page);
        manifest.base_url = "https://pauseai.info";
        Diagnostics diags;
        const model::Document doc = markdown::build_document(manifest, diags);
        if (warnings) *warnings += diags.warning_count();
        if (diags.error_count() > 0)
            for (const auto& d : diags.all())
                if (d.severity == Severity::error)
                    throw Error(d.pos, d.message, kind_named(d.kind).value_or(DiagnosticKind::error));
        for (const auto& chapter : doc.chapters) {
            const std::string lang = chapter.lang.empty() ? doc.meta.language : chapter.lang;
            const std::string name = page.filename().string();
            collect_blocks(chapter.blocks, lang, name, fonts, size, out);
            for (const auto& note : chapter.footnotes) collect_blocks(note.blocks, lang, name, fonts, size, out);
        }
    }
    return out;
}

}  // namespace booklet::bench
