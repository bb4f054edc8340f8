// Where the style tests find the shipped styles and their broken examples.
#pragma once

#include "booklet/source_dir.hpp"
#include <filesystem>
#include <string>

namespace style_test {

inline std::filesystem::path styles_dir() { return std::filesystem::path(BOOKLET_SOURCE_DIR) / "styles"; }
inline std::string data(const std::string& name) { return std::string(BOOKLET_TEST_DATA) + "/style/" + name; }

}  // namespace style_test
