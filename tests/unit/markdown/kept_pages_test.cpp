// markdown::KeptPages: a watch session's pages converted once. Every build with
// them must give the document and the diagnostics a build without them gives;
// what was reused is seen through a mark left in a kept chapter (a reused chapter
// carries it into the document, a converted one does not).
#include "../../../src/markdown/kept_pages.hpp"

#include "booklet/dump.hpp"
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace booklet;

const std::string kMark = "(kept)";

struct Folder {
    fs::path dir = fs::temp_directory_path() / ("booklet-kept-pages-" + std::to_string(getpid()));
    Folder() {
        fs::remove_all(dir);
        fs::create_directories(dir / "assets");
        write("a.md", "---\ntitle: A\n---\nSee [b](/b) and ![a photo](/photo.png).\n\n<Widget />\n");
        write("b.md", "# B\n\nText of b with a [link](https://example.org/x) and a [missing anchor](/a#nowhere).\n");
        write("c.md", "---\ntitle: C\ndate: 2024-01-02\n---\n## Empty heading\n\nSome text.[^1]\n\n[^1]: A note.\n");
    }
    ~Folder() { fs::remove_all(dir); }
    void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
    source::Manifest manifest() const {
        source::Manifest m;
        m.file = dir / "booklet.yaml";
        m.root = dir;
        m.language = "en";
        m.base_url = "https://example.org";
        m.assets = {dir / "assets"};
        for (const char* page : {"a.md", "b.md", "c.md"}) m.pages.push_back(dir / page);
        return m;
    }
};

std::string diagnostics_text(const Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.all()) out += to_string(d.pos) + " " + d.kind + " " + d.message + "\n";
    return out;
}

struct Built {
    std::string model, diags;
};

Built build(const source::Manifest& m, markdown::KeptPages* kept, int threads = 1) {
    Diagnostics diags;
    const model::Document doc = markdown::build_document(m, diags, kept, threads);
    return {dump::model_json(doc), diagnostics_text(diags)};
}

// The chapters (by file name) a build with `kept` took from it: each kept
// chapter's title is marked first, and the mark is taken off again after.
std::set<std::string> reused(const source::Manifest& m, markdown::KeptPages& kept) {
    const auto has_mark = [](const std::string& title) {
        return title.size() >= kMark.size() && title.compare(title.size() - kMark.size(), kMark.size(), kMark) == 0;
    };
    for (auto& [file, page] : kept.impl().pages)
        if (page.converted) page.converted->chapter.title += kMark;
    Diagnostics diags;
    const model::Document doc = markdown::build_document(m, diags, &kept);
    std::set<std::string> out;
    for (const auto& ch : doc.chapters)
        if (has_mark(ch.title)) out.insert(ch.source.filename().string());
    for (auto& [file, page] : kept.impl().pages)
        if (page.converted && has_mark(page.converted->chapter.title))
            page.converted->chapter.title.resize(page.converted->chapter.title.size() - kMark.size());
    return out;
}

// Builds with `kept` and checks the result against a build without it.
void same_as_without(const source::Manifest& m, markdown::KeptPages& kept) {
    const Built without = build(m, nullptr);
    const Built with = build(m, &kept);
    CHECK(with.model == without.model);
    CHECK(with.diags == without.diags);
    CHECK_FALSE(without.diags.empty());
}

}  // namespace

TEST_CASE("kept pages: a rebuild reuses every unchanged page and gives what a build without them gives") {
    Folder f;
    markdown::KeptPages kept;
    same_as_without(f.manifest(), kept);  // the first build, nothing kept yet
    same_as_without(f.manifest(), kept);  // everything kept
    CHECK(reused(f.manifest(), kept) == std::set<std::string>{"a.md", "b.md", "c.md"});
}

TEST_CASE("kept pages: a changed page is converted again, the others are not") {
    Folder f;
    markdown::KeptPages kept;
    build(f.manifest(), &kept);
    f.write("c.md", "---\ntitle: C\n---\nOther text, a [bad link](javascript:alert(1)).\n");
    same_as_without(f.manifest(), kept);
    f.write("b.md", "# B\n\nChanged.\n");
    CHECK(reused(f.manifest(), kept) == std::set<std::string>{"a.md", "c.md"});
    same_as_without(f.manifest(), kept);
}

TEST_CASE("kept pages: a picture that appears, goes or changes where it leads converts its page again") {
    Folder f;
    markdown::KeptPages kept;
    build(f.manifest(), &kept);
    f.write("assets/photo.png", "not looked at here");
    CHECK(reused(f.manifest(), kept) == std::set<std::string>{"b.md", "c.md"});
    same_as_without(f.manifest(), kept);
    // Now found in the asset folder; a copy in the manifest's folder (the next
    // place looked) changes nothing, one replaced by a link elsewhere does.
    CHECK(reused(f.manifest(), kept) == std::set<std::string>{"a.md", "b.md", "c.md"});
    fs::remove(f.dir / "assets/photo.png");
    f.write("other.png", "x");
    fs::create_symlink(f.dir / "other.png", f.dir / "assets/photo.png");
    CHECK(reused(f.manifest(), kept) == std::set<std::string>{"b.md", "c.md"});
    same_as_without(f.manifest(), kept);
    fs::remove(f.dir / "assets/photo.png");
    same_as_without(f.manifest(), kept);
}

namespace {

// Each chapter's stamp by file name, and the document.
struct Stamped {
    std::map<std::string, std::uint64_t> stamps;
    model::Document doc;
};
Stamped stamped(const source::Manifest& m, markdown::KeptPages* kept) {
    Diagnostics diags;
    Stamped out{{}, markdown::build_document(m, diags, kept)};
    for (const auto& ch : out.doc.chapters) out.stamps[ch.source.filename().string()] = ch.stamp.value;
    return out;
}

}  // namespace

TEST_CASE("kept pages: a chapter keeps its stamp while it is the last build's chapter, and only then") {
    Folder f;
    markdown::KeptPages kept;
    const Stamped first = stamped(f.manifest(), &kept);
    REQUIRE(first.stamps.size() == 3);
    std::set<std::uint64_t> distinct;
    for (const auto& [file, stamp] : first.stamps) {
        CHECK(stamp != 0);
        distinct.insert(stamp);
    }
    CHECK(distinct.size() == 3);

    const Stamped again = stamped(f.manifest(), &kept);
    CHECK(again.stamps == first.stamps);
    CHECK(again.doc == first.doc);

    // b.md's text changes, no heading does: b gets a new stamp, a and c keep theirs.
    f.write("b.md", "# B\n\nOther text of b with a [missing anchor](/a#nowhere).\n");
    const Stamped edited = stamped(f.manifest(), &kept);
    CHECK(edited.stamps.at("a.md") == first.stamps.at("a.md"));
    CHECK(edited.stamps.at("c.md") == first.stamps.at("c.md"));
    CHECK(edited.stamps.at("b.md") != first.stamps.at("b.md"));
    CHECK(edited.doc.chapters[0] == first.doc.chapters[0]);
    CHECK_FALSE(edited.doc.chapters[1] == first.doc.chapters[1]);

    // A heading added to c.md: b's link to /a#nowhere is resolved against other
    // headings, so no chapter is known to be the last build's.
    f.write("c.md", "---\ntitle: C\ndate: 2024-01-02\n---\n## Empty heading\n\nSome text.[^1]\n\n## More\n\nMore text.\n\n[^1]: A note.\n");
    const Stamped headed = stamped(f.manifest(), &kept);
    for (const auto& [file, stamp] : headed.stamps) CHECK(stamp != edited.stamps.at(file));
    // The same headings once more: the stamps of that build are kept.
    CHECK(stamped(f.manifest(), &kept).stamps == headed.stamps);

    // A build without kept pages stamps nothing; stamps are no content.
    const Stamped single = stamped(f.manifest(), nullptr);
    for (const auto& [file, stamp] : single.stamps) CHECK(stamp == 0);
    CHECK(single.doc == headed.doc);
}

TEST_CASE("kept pages: a changed manifest or set of pages converts every page again") {
    Folder f;
    markdown::KeptPages kept;
    build(f.manifest(), &kept);
    source::Manifest m = f.manifest();
    m.base_url = "https://example.com";
    CHECK(reused(m, kept).empty());
    same_as_without(m, kept);
    // b.md gone: a.md's link to /b and the index change.
    m.pages.erase(m.pages.begin() + 1);
    CHECK(reused(m, kept).empty());
    same_as_without(m, kept);
    CHECK(kept.impl().pages.size() == 2);  // b.md's page dropped
}

TEST_CASE("kept pages: a page that cannot be read is reported each time and kept nowhere") {
    Folder f;
    markdown::KeptPages kept;
    build(f.manifest(), &kept);
    f.write("b.md", "---\ntitle: [unclosed\n---\ntext\n");
    same_as_without(f.manifest(), kept);
    CHECK(kept.impl().pages.count(f.dir / "b.md") == 0);
    same_as_without(f.manifest(), kept);
}

TEST_CASE("pages read and converted on two threads give what one thread gives") {
    // Many pages, each with the extensions' syntax (strikethrough, a table, an
    // autolink), which cmark-gfm parses through tables of the whole process; one
    // page that cannot be read, others that warn.
    Folder f;
    source::Manifest m = f.manifest();
    for (int i = 0; i < 40; ++i) {
        const std::string name = "p" + std::to_string(i) + ".md";
        f.write(name, "---\ntitle: Page " + std::to_string(i) + "\n---\n~~Struck~~ text, www.example.org/" +
                          std::to_string(i) + " and [the next](/p" + std::to_string(i + 1) + "#gone).\n\n| a | b |\n|---|---|\n| " +
                          std::to_string(i) + " | ~~x~~ |\n\n<Widget />\n");
        m.pages.push_back(f.dir / name);
    }
    f.write("p7.md", "---\ntitle: [unclosed\n---\ntext\n");
    const Built one = build(m, nullptr, 1);
    CHECK(one.model.find("strikethrough") != std::string::npos);
    CHECK(one.diags.find("p7.md") != std::string::npos);
    for (int round = 0; round < 3; ++round) {
        const Built two = build(m, nullptr, 2);
        CHECK(two.model == one.model);
        CHECK(two.diags == one.diags);
    }
}
