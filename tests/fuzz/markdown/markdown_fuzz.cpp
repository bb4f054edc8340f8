// Fuzz target: page text (front matter + Markdown + raw HTML) to the document
// model, then the checks and both dumps. Besides crashes and sanitizer reports it
// traps when the model breaks its own invariants.
#include "booklet/dump.hpp"
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <variant>

namespace {

using namespace booklet;

void require(bool ok) {
    if (!ok) __builtin_trap();
}

template <class F>
void each_block(const model::Blocks& blocks, F&& f, int depth = 0) {
    require(depth < 200);
    for (const auto& b : blocks) {
        f(b);
        if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) each_block(q->blocks, f, depth + 1);
        if (const auto* l = std::get_if<model::List>(&b.node))
            for (const auto& i : l->items) each_block(i.blocks, f, depth + 1);
        if (const auto* d = std::get_if<model::Details>(&b.node)) each_block(d->blocks, f, depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    source::Manifest manifest;
    manifest.file = "/nonexistent-booklet-fuzz/booklet.yaml";
    manifest.root = "/nonexistent-booklet-fuzz";
    manifest.base_url = "https://example.org";
    manifest.language = "en";
    manifest.pages = {"/nonexistent-booklet-fuzz/page.md"};
    std::vector<source::SourcePage> pages;
    try {
        pages.push_back(source::parse_page(text, "/nonexistent-booklet-fuzz/page.md", "page.md"));
    } catch (const Error&) {
        return 0;  // not UTF-8, or bad front matter: a clean error is the right answer
    }
    Diagnostics diags;
    const model::Document doc = markdown::build_document_from_pages(manifest, pages, diags);
    // One chapter, or none when everything on the page was left out (a widget, a
    // template) so that its title would stand over nothing.
    require(doc.chapters.size() <= 1);
    // Errors come from front matter, or from an image that leads outside the
    // content (a page may name "../../etc/passwd"); nothing else is an error.
    std::size_t other_errors = 0;
    for (const auto& d : diags.all())
        if (d.severity == Severity::error && d.kind != "path-outside") ++other_errors;
    require(other_errors == 0 || !pages[0].front_matter.entries.empty());
    if (doc.chapters.empty()) {
        require(diags.count_by_kind().count("chapter-empty") == 1);
        return 0;
    }
    const auto& ch = doc.chapters[0];
    std::set<std::string> ids;
    each_block(ch.blocks, [&](const model::Block& b) {
        if (const auto* h = std::get_if<model::Heading>(&b.node)) require(ids.insert(h->id).second && !h->id.empty());
        if (const auto* t = std::get_if<model::Table>(&b.node))
            for (const auto& row : t->rows) require(row.size() == t->columns.size());
    });
    for (std::size_t i = 0; i < ch.footnotes.size(); ++i) require(ch.footnotes[i].number == static_cast<int>(i) + 1);
    markdown::check_document(manifest, doc, diags);
    const std::string json = dump::model_json(doc);
    const std::string tree = dump::model_tree(doc);
    require(source::first_invalid_utf8(json, "json").line == 0);
    require(source::first_invalid_utf8(tree, "tree").line == 0);
    return 0;
}
