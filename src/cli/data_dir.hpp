// Where booklet's own data lives: the styles/ and fonts/ folders.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace booklet::cli {

struct DataDir {
    std::filesystem::path path;  // holds styles/ and fonts/
    std::string found_by;        // how: "BOOKLET_DATA_DIR", "installed", "source tree"
};

// The places looked at, in order:
//  1. $BOOKLET_DATA_DIR when it is set: the user said where, so a folder without
//     styles/*.yaml and fonts/ is an error, never silently passed over;
//  2. ../share/booklet next to the running program (found through /proc/self/exe):
//     an installed booklet, wherever its prefix is;
//  3. the source tree the program was built from, only while the program itself
//     is in that build tree (a developer's run; an installed copy never falls back
//     to a checkout that happens to be there).
// Throws booklet::Error naming what was tried when none holds the data.
DataDir find_data_dir();

// The folder as the checks above want it: styles/ with at least one .yaml file and
// fonts/; otherwise what is missing, in a few words.
std::optional<std::string> data_dir_problem(const std::filesystem::path& dir);

}  // namespace booklet::cli
