// Turning INPUT words into a booklet, the files a watch follows, and staged outputs.
#include "inputs.hpp"
#include "outputs.hpp"

#include <catch2/catch.hpp>

#include <fstream>

namespace fs = std::filesystem;
using namespace booklet;
using namespace booklet::cli;

namespace {

const fs::path site = fs::path(BOOKLET_TEST_DATA) / "source" / "site";

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("booklet-unit-cli-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("a folder without booklet.yaml is its pages in name order, named after it") {
    Diagnostics diags;
    const BookInputs in = read_inputs({(site / "pages").string()}, diags);
    CHECK(diags.all().empty());
    CHECK_FALSE(in.manifest_file);
    CHECK(in.name == "pages");
    REQUIRE(in.manifest.pages.size() == 2);
    CHECK(in.manifest.pages[0].filename() == "a.md");
    CHECK(in.manifest.pages[1].filename() == "b.md");
}

TEST_CASE("a folder with booklet.yaml, a manifest, pages") {
    Diagnostics diags;
    CHECK(read_inputs({site.string()}, diags).manifest_file == site / "booklet.yaml");
    CHECK(read_inputs({(site / "booklet.yaml").string()}, diags).name == "booklet");
    const BookInputs pages = read_inputs({(site / "pages/b.md").string(), (site / "pages/a.md").string()}, diags);
    CHECK(pages.pages_read);
    CHECK(pages.manifest.title == "B");
    CHECK(pages.name == "b");
    CHECK(diags.error_count() == 0);
    CHECK_THROWS_WITH(read_inputs({"a.yaml", "b.yaml"}, diags), Catch::Contains("give one manifest"));
    const fs::path empty = scratch("empty");
    CHECK_THROWS_WITH(read_inputs({empty.string()}, diags), Catch::Contains("no booklet.yaml and no *.md pages"));
}

TEST_CASE("a page that cannot be read is an error diagnostic") {
    Diagnostics diags;
    const BookInputs in = read_inputs({"no-such-page.md"}, diags);
    CHECK(diags.error_count() == 1);
    CHECK(in.pages.empty());
}

TEST_CASE("a picture file that is no picture is taken out of its chapter, which loses its stamp") {
    const fs::path dir = scratch("unreadable");
    std::ofstream(dir / "fake.png") << "<html>not a picture</html>";
    model::Document doc;
    for (const char* file : {"", "fake.png"}) {
        model::Chapter chapter;
        chapter.stamp.value = 7;
        model::Figure figure;
        figure.image.src = file;
        if (*file) figure.image.file = dir / file;
        chapter.blocks.push_back(model::Block{figure, {}, {}});
        doc.chapters.push_back(std::move(chapter));
    }
    Diagnostics diags;
    drop_unreadable_images(doc, diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == "image-unreadable");
    CHECK(doc.chapters[0].stamp.value == 7);  // nothing taken out of it
    CHECK(doc.chapters[1].stamp.value == 0);  // no longer the chapter its stamp named
    CHECK(std::get<model::Figure>(doc.chapters[1].blocks[0].node).image.file.empty());
}

TEST_CASE("watch list: what the booklet read, and new files of its kinds in its folders") {
    Diagnostics diags;
    const BookInputs in = read_inputs({(site / "booklet.yaml").string()}, diags);
    const model::Document doc = build_model(in, diags);
    const WatchList w = watch_list(in, doc, {site / "styles" / "mine.yaml"});
    const fs::path root = fs::absolute(site).lexically_normal();
    CHECK(w.files.count(root / "booklet.yaml"));
    CHECK(w.files.count(root / "pages" / "sub" / "c.md"));
    CHECK(w.files.count(root / "images" / "cover.png"));
    CHECK(w.counts(root / "booklet.yaml"));
    CHECK(w.counts(root / "pages" / "new.md"));           // a new page a pattern may pick up
    CHECK_FALSE(w.counts(root / "pages" / "notes.txt"));  // no page
    CHECK_FALSE(w.counts(root / "pages" / ".a.md.swp"));  // an editor's
    CHECK_FALSE(w.counts(root / "pages" / "a.md~"));
    CHECK(w.counts(root / "images" / "new.png"));          // an asset folder
    CHECK(w.counts(root / "styles" / "base.yaml"));        // a style the style may extend
    CHECK_FALSE(w.counts(root / "styles" / "page.md"));
    CHECK(w.folders().count(root / "pages" / "sub"));
}

TEST_CASE("outputs are staged and put in place together; dropped when not committed") {
    const fs::path dir = scratch("outputs");
    std::ofstream(dir / "book.pdf") << "the good old file";
    {
        OutputSet set({OutputSpec::Kind::file, dir / "book.pdf"}, "x");
        std::ofstream(set.stage(".pdf")) << "half";
        std::ofstream(set.stage("-print.pdf")) << "half";
    }  // not committed: a failed build
    CHECK(read(dir / "book.pdf") == "the good old file");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);

    OutputSet set({OutputSpec::Kind::file, dir / "book.pdf"}, "x");
    std::ofstream(set.stage(".pdf")) << "new";
    std::ofstream(set.stage("-print.pdf")) << "sheets";
    CHECK(read(dir / "book.pdf") == "the good old file");  // nothing changes before commit
    const auto where = set.commit();
    CHECK(where == std::vector<std::string>{(dir / "book.pdf").string(), (dir / "book-print.pdf").string()});
    CHECK(read(dir / "book.pdf") == "new");
    CHECK(read(dir / "book-print.pdf") == "sheets");

    OutputSet folder({OutputSpec::Kind::folder, dir / "new" / "folder"}, "name");
    std::ofstream(folder.stage(".epub")) << "epub";
    CHECK(folder.commit() == std::vector<std::string>{(dir / "new" / "folder" / "name.epub").string()});

    OutputSet check = OutputSet::throwaway();
    const fs::path temp = check.stage(".pdf");
    std::ofstream(temp) << "x";
    CHECK(check.commit().empty());
    CHECK(temp.parent_path() != dir);
}
