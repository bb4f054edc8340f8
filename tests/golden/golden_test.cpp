// Runs every golden case (tests/golden/*.md) and compares its dump with the
// expected one. BOOKLET_UPDATE_GOLDEN=1 (scripts/update-goldens) writes the
// actual dumps into the files instead; review them with git diff.
#include "golden_cases.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace {

// The first line where two texts differ, for the failure message.
std::string first_difference(const std::string& got, const std::string& want) {
    std::istringstream a(got), b(want);
    std::string la, lb;
    int line = 1;
    for (;; ++line) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) return "no difference";
        if (!more_a) la = "(end)";
        if (!more_b) lb = "(end)";
        if (!more_a || !more_b || la != lb) break;
    }
    return "line " + std::to_string(line) + " of the dump\n  got:  " + la + "\n  want: " + lb;
}

}  // namespace

TEST_CASE("golden cases: Markdown in, the expected dump out") {
    const char* update = std::getenv("BOOKLET_UPDATE_GOLDEN");
    const bool updating = update && std::string(update) == "1";
    std::set<std::string> names;
    std::size_t cases = 0;
    for (const auto& path : golden::case_files()) {
        const golden::File file = golden::read_file(path);
        std::vector<std::string> actual;
        for (const golden::Case& c : file.cases) {
            INFO(c.file.filename().string() << ":" << c.line << ": " << c.name);
            CHECK(names.insert(c.name).second);  // names are how a failure is found
            actual.push_back(golden::run(c));
            ++cases;
            if (updating) continue;
            CHECK(c.has_expected);
            if (actual.back() != c.expected) {
                FAIL_CHECK(first_difference(actual.back(), c.expected)
                           << "\n(scripts/update-goldens rewrites the expected dumps; review the diff)");
            }
        }
        if (updating) std::ofstream(path, std::ios::trunc) << golden::rewrite(file, actual);
    }
    // The suite covers links and citations in every numbering mode, keeps,
    // widows and orphans, notes, floats, tables, lists, quotes and page references.
    CHECK(cases >= 40);
}
