// Shared by the markdown unit tests: convert Markdown text as a page of a small
// test booklet in tests/data/markdown (other.md and vertaling.nl.md are its other
// pages, assets/ its asset folder, base_url https://example.org).
#pragma once

#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

namespace test {

namespace fs = std::filesystem;
using namespace booklet;

inline fs::path data() { return fs::path(BOOKLET_TEST_DATA) / "markdown"; }

inline source::Manifest manifest(bool with_base = true) {
    source::Manifest m;
    m.file = data() / "booklet.yaml";
    m.root = data();
    m.language = "en";
    if (with_base) m.base_url = "https://example.org";
    m.assets = {data() / "assets"};
    return m;
}

// Converts `text` as data()/page.md (plus the other pages), returns the document.
inline model::Document convert(const std::string& text, Diagnostics& diags, bool with_base = true,
                               const std::string& name = "page.md") {
    source::Manifest m = manifest(with_base);
    std::vector<source::SourcePage> pages;
    pages.push_back(source::parse_page(text, data() / name, name));
    for (const char* other : {"other.md", "vertaling.nl.md"}) {
        pages.push_back(source::read_page(data() / other, other));
        m.pages.push_back(data() / other);
    }
    m.pages.insert(m.pages.begin(), data() / name);
    return markdown::build_document_from_pages(m, pages, diags);
}

inline model::Chapter chapter(const std::string& text) {
    Diagnostics diags;
    return convert(text, diags).chapters.at(0);
}

inline model::Blocks blocks(const std::string& text) { return chapter(text).blocks; }

template <class T>
const T& as(const model::Block& b) {
    const T* p = std::get_if<T>(&b.node);
    REQUIRE(p != nullptr);
    return *p;
}
template <class T>
const T& as(const model::Inline& i) {
    const T* p = std::get_if<T>(&i.node);
    REQUIRE(p != nullptr);
    return *p;
}

inline std::string text_of(const model::Inlines& inlines) {
    std::string out;
    for (const auto& in : inlines) {
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Text> || std::is_same_v<T, model::Code>) out += n.text;
                else if constexpr (std::is_same_v<T, model::SoftBreak> || std::is_same_v<T, model::LineBreak>) out += ' ';
                else if constexpr (requires { n.children; }) out += text_of(n.children);
            },
            in.node);
    }
    return out;
}

inline std::size_t count_kind(const Diagnostics& d, const std::string& kind) {
    const auto counts = d.count_by_kind();
    const auto it = counts.find(kind);
    return it == counts.end() ? 0 : it->second;
}

}  // namespace test
