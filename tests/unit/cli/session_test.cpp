// A session's runs and the hyphenation dictionaries read ahead: a reading handed to
// the dictionaries may outlive the run that started it.
#include "session.hpp"

#include "scratch.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace booklet;
using namespace booklet::cli;

namespace {

void write(const fs::path& file, const std::string& text) {
    std::ofstream(file) << text;
}

}  // namespace

TEST_CASE("a run that stops before layout leaves its dictionary reading to the session, which waits for it") {
    // German's dictionary takes 50-90 ms to build on the second core; a page that
    // is missing stops the run as soon as the styles are read, long before that.
    const fs::path folder = test::scratch_folder("unit-cli-session") / "german";
    fs::create_directories(folder);
    write(folder / "booklet.yaml", "title: Test\nlanguage: de\npages: [seite.md, fehlt.md]\n");
    write(folder / "seite.md", "---\ntitle: Seite\n---\n\nDonaudampfschifffahrtsgesellschaft.\n");
    BuildOptions options;
    options.inputs = {(folder / "booklet.yaml").string()};
    options.output.path = folder / "out";
    options.cache.kind = CacheOption::Kind::none;
    options.jobs = 2;
    options.report.quiet = true;
    std::ostringstream shown;
    const Reporter reporter(options.report, shown);
    {
        BuildSession session(options, KeepText::yes);
        for (int run = 0; run < 2; ++run) {  // the second run waits for the first one's reading
            const BuildOutcome outcome = session.run(Purpose::build, reporter);
            CHECK(outcome.diags.error_count() == 1);
            CHECK(outcome.written.empty());
        }
        write(folder / "fehlt.md", "---\ntitle: Fehlt\n---\n\nNicht mehr.\n");
        const BuildOutcome built = session.run(Purpose::build, reporter);
        CHECK(built.diags.error_count() == 0);
        CHECK(built.written.size() == 2);
        fs::remove(folder / "fehlt.md");
        CHECK(session.run(Purpose::build, reporter).diags.error_count() == 1);
    }  // the session ends with a reading under way: its dictionaries wait for it
    CHECK(fs::exists(folder / "out" / "booklet.pdf"));
}
