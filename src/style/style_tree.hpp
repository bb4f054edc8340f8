// Style files as one merged YAML tree: the `extends` chain read and deep-merged
// (child over parent), then --set overrides applied. Every node keeps the
// file:line:col it came from, so the schema check after merging still names the
// file that holds a bad key.
#pragma once

#include "booklet/config.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace booklet::style {

struct StyleTree {
    config::ConfigNode root;                   // merged; no `extends` keys left
    std::filesystem::path file;                // the style asked for
    std::string name;                          // its file name without .yaml
    std::vector<std::filesystem::path> chain;  // that file first, then what it extends
};

// The file a style name or path refers to; Error (at `where`, or naming the
// styles folder when `where` is unknown) when there is none.
std::filesystem::path find_style_file(const std::string& name_or_file, const std::filesystem::path& styles_dir,
                                      const std::filesystem::path& relative_to, const SourcePos& where);

// Reads one style file: a YAML mapping (an empty file is an empty mapping).
config::ConfigNode read_style_file(const std::filesystem::path& file);

StyleTree load_style_tree(const std::string& name_or_file, const std::filesystem::path& styles_dir);

// Maps merge key by key; anything else in `overlay` replaces what `base` had.
void merge_into(config::ConfigNode& base, const config::ConfigNode& overlay);

// "page.size=Letter": the value is read as YAML; errors name the whole assignment.
void apply_override(config::ConfigNode& root, const std::string& assignment);

// The style names (*.yaml without the extension) in a folder, sorted.
std::vector<std::string> style_names(const std::filesystem::path& styles_dir);

}  // namespace booklet::style
