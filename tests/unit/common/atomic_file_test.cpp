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
