// Fuzz target: YAML as a manifest and as a page's front matter. Bad input must
// end in booklet::Error (with a position) or diagnostics, never anything else.
// And config::parse_yaml against the oracle of yaml_oracle.hpp (yaml-cpp's own
// tree, converted): the same tree for every text it reads; refused, a text without
// aliases (which the oracle would expand without a budget) is refused by the
// oracle too.
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"
#include "yaml_oracle.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace {

void compare_with_oracle(const std::string& text) {
    using namespace booklet;
    std::optional<config::ConfigNode> ours;
    bool over_budget = false;
    try {
        ours = config::parse_yaml(text, "t.yaml");
    } catch (const Error& e) {
        over_budget = e.diagnostic().kind == "yaml-budget";
    }
    if (over_budget || (!ours && text.find('*') != std::string::npos)) return;
    std::optional<config::ConfigNode> theirs;
    try {
        theirs = fuzz::oracle_convert(YAML::Load(text), "t.yaml", 0);
    } catch (const Error&) {
    } catch (const YAML::Exception&) {
    }
    if (ours.has_value() != theirs.has_value()) __builtin_trap();
    if (ours && !fuzz::same_tree(*ours, *theirs)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace booklet;
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (source::first_invalid_utf8(text, "x").line != 0) return 0;  // load_manifest refuses these first
    compare_with_oracle(text);
    try {
        Diagnostics diags;
        const source::Manifest m = source::parse_manifest(text, "/nonexistent-booklet-fuzz/booklet.yaml", diags);
        if (m.pages.size() != m.page_origins.size()) __builtin_trap();
    } catch (const Error& e) {
        if (e.pos().file.empty()) __builtin_trap();
    }
    try {
        const auto page = source::parse_page("---\n" + text + "\n---\n# Body\n", "/nonexistent-booklet-fuzz/p.md", "p.md");
        source::Manifest m;
        m.root = "/nonexistent-booklet-fuzz";
        m.pages = {page.file};
        Diagnostics diags;
        const auto doc = markdown::build_document_from_pages(m, {page}, diags);
        // One chapter, or none when the text after a stray "---" left nothing to
        // print under its title (then it says so).
        if (doc.chapters.size() > 1) __builtin_trap();
        if (doc.chapters.empty() && diags.count_by_kind().count("chapter-empty") != 1) __builtin_trap();
    } catch (const Error& e) {
        if (e.pos().file != "p.md") __builtin_trap();
    }
    return 0;
}
