// One test page per construct of real site pages (tests/data/realpages/*.md): the
// document model it becomes and the warnings it must give, compared with the
// page's .expected file. BOOKLET_UPDATE_GOLDEN=1 rewrites the .expected files;
// review the diff before committing it.
#include "booklet/dump.hpp"
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace booklet;
namespace fs = std::filesystem;

namespace {

fs::path pages_dir() { return fs::path(BOOKLET_TEST_DATA) / "realpages"; }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

// The model tree and the warnings, with the test data folder left out of paths.
std::string golden_of(const fs::path& page) {
    source::Manifest manifest = source::manifest_for_page(page);
    manifest.base_url = "https://example.org";
    Diagnostics diags;
    const model::Document doc = markdown::build_document(manifest, diags);
    std::string out = dump::model_tree(doc) + "--- diagnostics\n";
    for (const Diagnostic& d : diags.all()) out += format(d) + "\n";
    return replace_all(out, pages_dir().string() + "/", "");
}

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("each real-page construct becomes the expected model, with the expected warnings") {
    std::vector<fs::path> pages;
    for (const auto& entry : fs::directory_iterator(pages_dir()))
        if (entry.path().extension() == ".md") pages.push_back(entry.path());
    std::sort(pages.begin(), pages.end());
    REQUIRE(pages.size() >= 10);
    const bool update = std::getenv("BOOKLET_UPDATE_GOLDEN") != nullptr;
    for (const fs::path& page : pages) {
        INFO(page.filename().string());
        const fs::path expected_file = fs::path(page).replace_extension(".expected");
        const std::string actual = golden_of(page);
        if (update) {
            std::ofstream(expected_file, std::ios::binary) << actual;
            continue;
        }
        REQUIRE(fs::exists(expected_file));
        CHECK(actual == read(expected_file));
    }
}
