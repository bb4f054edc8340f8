#include "booklet/atomic_file.hpp"
#include "booklet/diagnostics.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

static std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

static std::size_t entries_in(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST_CASE("atomic write replaces the target only on success") {
    const fs::path dir = fs::temp_directory_path() / "booklet-atomic-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path target = dir / "out.pdf";

    booklet::write_bytes_atomically(target, "good");
    CHECK(slurp(target) == "good");

    CHECK_THROWS_AS(booklet::write_file_atomically(target,
                                                   [](const fs::path& temp) {
                                                       std::ofstream(temp) << "half";
                                                       throw booklet::Error({"x"}, "writer failed");
                                                   }),
                    booklet::Error);
    CHECK(slurp(target) == "good");   // the previous good file survives
    CHECK(entries_in(dir) == 1);      // and no temporary file is left behind
    fs::remove_all(dir);
}

TEST_CASE("an output batch renames its files only on commit; leftovers are recognised and removed") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "booklet-batch-test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    booklet::write_bytes_atomically(dir / "a.pdf", "old a");
    {
        booklet::OutputBatch batch;
        booklet::write_bytes_atomically(batch.stage(dir / "a.pdf"), "new a");
        booklet::write_bytes_atomically(batch.stage(dir / "a.epub"), "new b");
        // Not committed: the destructor removes the staged files; the old output stays.
    }
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
    CHECK(files == 1);
    {
        booklet::OutputBatch batch;
        const fs::path a = batch.stage(dir / "a.pdf"), b = batch.stage(dir / "a.epub");
        CHECK(booklet::is_temporary_name(a.filename().string()));
        booklet::write_bytes_atomically(a, "new a");
        booklet::write_bytes_atomically(b, "new b");
        CHECK_FALSE(fs::exists(dir / "a.epub"));
        booklet::ReplacedFiles replaced = batch.commit();
        // The old a.pdf keeps a hidden name till the replaced files go; a.epub was new.
        CHECK(slurp(dir / "a.pdf") == "new a");
        CHECK(replaced.size() == 1);
        std::size_t old_copies = 0;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (!booklet::is_temporary_name(e.path().filename().string())) continue;
            CHECK(slurp(e.path()) == "old a");
            ++old_copies;
        }
        CHECK(old_copies == 1);
    }
    CHECK(entries_in(dir) == 2);
    CHECK(fs::file_size(dir / "a.epub") == 5);
    // What a killed build leaves: removed by name, nothing else touched.
    std::ofstream(dir / ".a.pdf.booklet-tmp-0123456789abcdef") << "x";
    std::ofstream(dir / ".notes.booklet-tmp-xyz") << "x";  // not our pattern
    CHECK(booklet::remove_temporary_files(dir) == 1);
    CHECK(fs::exists(dir / ".notes.booklet-tmp-xyz"));
    CHECK(fs::exists(dir / "a.pdf"));
    fs::remove_all(dir);
}
