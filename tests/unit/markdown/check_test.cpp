// booklet check, the content/ corpus, and hostile input.
#include "booklet/source_dir.hpp"
#include "helpers.hpp"

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>

using namespace test;

TEST_CASE("check_document gives build's severities and does not repeat build's findings") {
    Diagnostics diags;
    const auto m = [] {
        auto m = manifest();
        m.pages = {data() / "other.md", data() / "gone.md"};
        m.page_origins = {{"booklet.yaml", 3, 5}, {"booklet.yaml", 4, 5}};
        return m;
    }();
    const auto doc = convert("## A {#x}\n\n## B {#x}\n\n![gone](nope.png)\n\n[broken](#nowhere) [ok](#x)\n\n"
                             "![remote](https://img.example/a.png)\n",
                             diags);
    const std::size_t warnings_before = diags.warning_count();
    CHECK(diags.error_count() == 0);
    markdown::check_document(m, doc, diags);
    CHECK(count_kind(diags, "heading-id-duplicate") == 1);
    CHECK(count_kind(diags, "image-missing") == 1);
    CHECK(count_kind(diags, "link-unresolved") == 1);
    CHECK(count_kind(diags, "page-missing") == 1);
    // A page that is gone stops a build: an error. The rest build warned about
    // already, as warnings, and check adds nothing for them.
    CHECK(diags.error_count() == 1);
    CHECK(diags.warning_count() == warnings_before);
    for (const auto& d : diags.all()) {
        CHECK(d.pos.known());
        if (d.kind == "page-missing") CHECK(d.severity == Severity::error);
        else CHECK(d.severity == Severity::warning);
    }
    // Running it again adds nothing new.
    const std::size_t total = diags.all().size();
    markdown::check_document(m, doc, diags);
    CHECK(diags.all().size() == total);
}

TEST_CASE("check_document finds problems in a document it did not build") {
    model::Document doc;
    model::Chapter ch;
    ch.id = "a";
    ch.source = "a.md";
    model::Link link{model::LinkTarget{model::LinkKind::internal, "/b", "b", "", ""}, {}, ""};
    ch.blocks.push_back(model::Block{model::Paragraph{{model::Inline{link, {"a.md", 2, 1}}}}, {"a.md", 2, 1}, {}});
    doc.chapters.push_back(ch);
    doc.chapters.push_back(ch);  // the same id twice
    Diagnostics diags;
    markdown::check_document(source::Manifest{}, doc, diags);
    CHECK(count_kind(diags, "chapter-id-duplicate") == 1);
    CHECK(count_kind(diags, "link-unresolved") == 1);  // same position: reported once
}

TEST_CASE("every page in content/ converts with zero errors") {
    const fs::path manifest_file = fs::path(BOOKLET_SOURCE_DIR) / "content" / "booklet.yaml";
    Diagnostics diags;
    const auto m = source::load_manifest(manifest_file, diags);
    const auto doc = markdown::build_document(m, diags);
    markdown::check_document(m, doc, diags);
    for (const auto& d : diags.all()) INFO(format(d));
    CHECK(diags.error_count() == 0);
    REQUIRE(doc.chapters.size() >= 2);
    CHECK(doc.meta.language == "nl");
    CHECK(doc.meta.base_url == "https://pauseai.info");
    const auto* seed = doc.find_chapter("digitale-hersenen");
    REQUIRE(seed != nullptr);
    CHECK(seed->lang == "nl");
    CHECK(seed->title == "AI-modellen zijn onvoorspelbare digitale hersenen");
    // The seed's quotes all name who said them.
    int quotes = 0, attributed = 0;
    for (const auto& b : seed->blocks)
        if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) {
            ++quotes;
            if (!q->attribution.empty()) ++attributed;
        }
    CHECK(quotes == 7);
    CHECK(attributed == 7);
}

TEST_CASE("pathological input stays bounded", "[slow]") {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<std::string> inputs = {
        std::string(10000, '['),
        std::string(5000, '>') + " deep quote\n",
        [] { std::string s; for (int i = 0; i < 2000; ++i) s += std::string(static_cast<std::size_t>(i % 80) * 2, ' ') + "- item\n"; return s; }(),
        [] { std::string s; for (int i = 0; i < 3000; ++i) s += "<div>"; return s + "text"; }(),
        [] { std::string s; for (int i = 0; i < 3000; ++i) s += "<b><i>"; return "para " + s + "x\n"; }(),
        std::string(3000, '*') + "x" + std::string(3000, '*'),
        [] { std::string s = "|" ; for (int c = 0; c < 100; ++c) s += " h |"; s += "\n|"; for (int c = 0; c < 100; ++c) s += "---|"; s += "\n";
             for (int r = 0; r < 200; ++r) { s += "|"; for (int c = 0; c < 100; ++c) s += " x |"; s += "\n"; } return s; }(),
        [] { std::string s; for (int i = 0; i < 2000; ++i) s += "<a href=\"x"; return s; }(),
        [] { std::string s; for (int i = 0; i < 2000; ++i) s += "<p {"; return s; }(),
        [] { std::string s; for (int i = 0; i < 500; ++i) s += "[^" + std::to_string(i) + "] "; s += "\n\n"; for (int i = 0; i < 500; ++i) s += "[^" + std::to_string(i) + "]: n[^" + std::to_string(i + 1) + "]\n"; return s; }(),
    };
    for (const auto& text : inputs) {
        Diagnostics diags;
        model::Document doc;
        REQUIRE_NOTHROW(doc = convert(text, diags));
        // No block deeper than the limits allow (plus the document's own levels).
        std::function<int(const model::Blocks&)> depth = [&](const model::Blocks& bs) {
            int d = 0;
            for (const auto& b : bs) {
                int inner = 0;
                if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) inner = depth(q->blocks);
                if (const auto* l = std::get_if<model::List>(&b.node))
                    for (const auto& it : l->items) inner = std::max(inner, depth(it.blocks));
                if (const auto* dt = std::get_if<model::Details>(&b.node)) inner = depth(dt->blocks);
                d = std::max(d, 1 + inner);
            }
            return d;
        };
        CHECK(depth(doc.chapters[0].blocks) <= 2 * 32 + 2);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 30.0);  // generous for sanitizer builds; a plain build takes well under a second
}

// Not part of the suite's default run: converts every page under $BOOKLET_CORPUS
// (e.g. ../shared/corpus) as one booklet and prints the counts.
//   BOOKLET_CORPUS=/work/shared/corpus unit_markdown "[.corpus]"
TEST_CASE("external corpus", "[.corpus]") {
    const char* root = std::getenv("BOOKLET_CORPUS");
    if (!root) FAIL("set BOOKLET_CORPUS to the corpus folder");
    source::Manifest m;
    m.root = root;
    m.file = fs::path(root) / "booklet.yaml";
    m.language = "en";
    m.base_url = "https://pauseai.info";
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        // Pages live in subfolders; the corpus's own notes (ATTRIBUTION.md) sit at its root.
        if (e.is_regular_file() && e.path().extension() == ".md" && e.path().parent_path() != fs::path(root))
            files.push_back(e.path());
        else if (e.is_directory() && e.path().filename() == "images") m.assets.push_back(e.path());
    std::sort(files.begin(), files.end());
    m.pages = files;
    Diagnostics diags;
    const auto doc = markdown::build_document(m, diags);
    std::cout << "pages " << files.size() << ", chapters " << doc.chapters.size() << ", errors "
              << diags.error_count() << ", warnings " << diags.warning_count() << "\n";
    for (const auto& [kind, n] : diags.count_by_kind()) std::cout << "  " << kind << ": " << n << "\n";
    CHECK(diags.error_count() == 0);
    CHECK(doc.chapters.size() == files.size());
}
