// The one list of diagnostic kinds and docs/DIAGNOSTICS.md say the same: the
// table there is the list, row by row. BOOKLET_UPDATE_DOCS=1 rewrites the table
// from the list (then review the diff).
#include "booklet/source_dir.hpp"
#include "booklet/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace booklet;

namespace {

const char* const kDoc = BOOKLET_SOURCE_DIR "/docs/DIAGNOSTICS.md";
const std::string kBegin = "<!-- kinds: generated from include/booklet/diagnostic_kinds.hpp -->";
const std::string kEnd = "<!-- end of kinds -->";

std::string table() {
    std::string out = "| kind | what it means |\n|---|---|\n";
    for (const auto& k : kDiagnosticKinds) out += "| `" + std::string(k.name) + "` | " + std::string(k.doc) + " |\n";
    return out;
}

std::string slurp(const char* path) {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("diagnostic kinds: stable names, in order, each with a line of doc") {
    std::set<std::string_view> names;
    std::string_view previous;
    for (std::size_t i = 0; i < std::size(kDiagnosticKinds); ++i) {
        const auto& k = kDiagnosticKinds[i];
        INFO(k.name);
        CHECK(static_cast<std::size_t>(k.kind) == i);
        CHECK(names.insert(k.name).second);
        CHECK(k.name > previous);  // sorted, so a new kind has one place to go
        previous = k.name;
        CHECK(k.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
        CHECK(!k.doc.empty());
        CHECK(k.doc.back() != '.');
    }
    // Named by literal or enumerator, a report carries the stable name.
    Diagnostics d;
    d.warning({}, "link-unsafe", "x");
    d.error({}, DiagnosticKind::layout_fit, "y");
    CHECK(d.all()[0].kind == "link-unsafe");
    CHECK(d.all()[1].kind == "layout-fit");
    CHECK(Error({}, "z").kind() == "error");
}

TEST_CASE("docs/DIAGNOSTICS.md lists exactly the kinds in the code") {
    std::string doc = slurp(kDoc);
    const auto begin = doc.find(kBegin);
    const auto end = doc.find(kEnd);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const auto from = begin + kBegin.size() + 1;
    const std::string written = doc.substr(from, end - from);
    if (const char* update = std::getenv("BOOKLET_UPDATE_DOCS"); update && std::string(update) == "1") {
        doc.replace(from, end - from, table());
        std::ofstream(kDoc, std::ios::trunc) << doc;
        WARN("rewrote " << kDoc);
        return;
    }
    INFO("BOOKLET_UPDATE_DOCS=1 build/tests/unit/common/unit_common rewrites the table");
    CHECK(written == table());
}
