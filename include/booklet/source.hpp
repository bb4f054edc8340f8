// Reading inputs: the booklet manifest and page files split into front matter and body.
//
// Input:  booklet.yaml and the files it names.
// Output: Manifest (validated settings, ordered page files) and SourcePage values.
// Invariants: every manifest key is known and of the right type, or booklet::Error
//   names the key and its line; page globs expand in sorted order; line numbers of
//   a page's body are kept so later stages report real file:line positions.
#pragma once

#include "booklet/config.hpp"
#include "booklet/diagnostics.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace booklet::source {

struct Manifest {
    std::filesystem::path file;           // the manifest itself
    std::filesystem::path root;           // its folder: relative paths resolve against it
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string language = "en";
    std::string base_url;
    std::string date;                     // YYYY-MM-DD or empty
    std::string identifier;
    std::string style;                    // name or file, may be empty
    std::filesystem::path cover;          // resolved, empty when none
    std::string qr;
    std::vector<std::filesystem::path> pages;   // resolved, in booklet order
    std::vector<std::filesystem::path> assets;  // resolved search folders
};

// Reads and validates a manifest. Missing pages are errors reported to `diags`
// (so `booklet check` can list them all); malformed YAML, unknown keys and wrong
// types throw booklet::Error.
Manifest load_manifest(const std::filesystem::path& file, Diagnostics& diags);

// A manifest for a single Markdown file (booklet inspect FILE.md, tests).
Manifest manifest_for_page(const std::filesystem::path& page);

struct SourcePage {
    std::filesystem::path file;
    std::string display_name;             // path as shown in diagnostics
    config::ConfigNode front_matter;      // map, or null when the page has none
    std::string body;                     // Markdown after the front matter
    int body_first_line = 1;              // file line of body's first line
};

// Reads a page. Throws booklet::Error when it cannot be read, is not UTF-8, or its
// front matter is malformed (with the file line of the problem).
SourcePage read_page(const std::filesystem::path& file, const std::string& display_name);

}  // namespace booklet::source
