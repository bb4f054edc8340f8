// File name patterns for the manifest's `pages` list (internal to src/source).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace booklet::source {

// True when the pattern has a wildcard (* ? [) and so is not a plain file name.
bool has_wildcard(std::string_view pattern);

// Shell-style match of one path segment: * and ? do not match '/', [abc], [a-z]
// and [!x] are character classes. A leading '.' is matched only explicitly, as in
// a shell, so "*.md" does not pick up hidden files.
bool match_segment(std::string_view pattern, std::string_view name);

// Regular files under `root` that match the '/'-separated pattern, sorted by their
// path text (byte order, so the order never depends on the locale). A "**" segment
// matches zero or more folders. The walk is bounded: at most `max_entries`
// directory entries are looked at, and a wildcard segment never enters a symbolic
// link to a folder (a segment written out in full does). Files that are links are
// returned as found: the caller checks where they really lead.
std::vector<std::filesystem::path> expand_glob(const std::filesystem::path& root, std::string_view pattern,
                                               std::size_t max_entries = 200000);

}  // namespace booklet::source
