// The words/*.yaml files as compiled in (internal to src/words); the definitions
// are generated at build time by cmake/EmbedWords.cmake.
#pragma once

#include <cstddef>
#include <string_view>

namespace booklet::words::detail {

struct EmbeddedTable {
    std::string_view language;  // the file name without .yaml: "de", "pt", "nb"
    std::string_view yaml;      // the file's text
};

extern const EmbeddedTable kTables[];
extern const std::size_t kTableCount;

}  // namespace booklet::words::detail
