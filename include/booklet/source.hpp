// Reading inputs: the booklet manifest and page files split into front matter and body.
//
// Input:  booklet.yaml and the files it names (or the same as text, for tests and fuzzing).
// Output: Manifest (validated settings, ordered page files) and SourcePage values.
// Invariants: every manifest key is known and of the right type, or booklet::Error
//   names the key and its line; page globs expand in sorted order; line numbers of
//   a page's body are kept so later stages report real file:line positions; a
//   SourcePage body is valid UTF-8 with "\n" line ends.
// Must not: parse Markdown, resolve links or images, or touch yaml-cpp (config.hpp
//   is the one YAML wrapper).
#pragma once

#include "booklet/config.hpp"
#include "booklet/diagnostics.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::source {

struct Manifest {
    std::filesystem::path file;           // the manifest itself
    std::filesystem::path root;           // its folder: relative paths resolve against it
    std::string title;
    std::string subtitle;
    std::vector<std::string> authors;
    std::string language = "en";
    std::string base_url;                 // absolute http(s) URL without a trailing slash, or ""
    std::string date;                     // YYYY-MM-DD or empty
    std::string identifier;
    std::string license;                  // the content's licence as written ("CC BY 4.0"), may be empty
    std::string style;                    // name or file, may be empty
    std::filesystem::path cover;          // resolved, empty when none
    std::string qr;
    std::vector<std::filesystem::path> pages;   // resolved, in booklet order, each once
    std::vector<std::filesystem::path> assets;  // resolved search folders
    // The content roots as real paths (symbolic links resolved): the manifest's
    // folder and the folders it names outside it. Every page, image and cover
    // must really lie in one of them (docs/ARCHITECTURE.md, "Containment").
    std::vector<std::filesystem::path> roots;
    std::vector<SourcePos> page_origins;  // where each page was listed (parallel to pages);
                                          // unknown for manifest_for_page
};

// The keys a manifest may have, in the order the documentation lists them.
const std::vector<std::string>& manifest_keys();

// Reads and validates a manifest (at most files::kMaxManifestBytes). Missing pages
// (a file that does not exist, a glob that matches nothing), a missing cover and
// missing asset folders are errors reported to `diags` (so `booklet check` can
// list them all) and left out of the result, as are pages, folders and a cover
// whose real path leaves the content roots (kind "path-outside", naming the link);
// malformed YAML, unknown keys and wrong types throw booklet::Error.
Manifest load_manifest(const std::filesystem::path& file, Diagnostics& diags);

// load_manifest on text already read; `file` names it and its folder is the root.
Manifest parse_manifest(std::string_view text, const std::filesystem::path& file, Diagnostics& diags);

// A manifest for a single Markdown file (booklet inspect FILE.md, tests). Its
// language comes from a "name.LANG.md" file name when there is one.
Manifest manifest_for_page(const std::filesystem::path& page);

struct SourcePage {
    std::filesystem::path file;
    std::string display_name;             // path as shown in diagnostics
    config::ConfigNode front_matter;      // map, or null when the page has none
    std::string body;                     // Markdown after the front matter
    int body_first_line = 1;              // file line of body's first line
};

// Reads a page (at most files::kMaxPageBytes). Throws booklet::Error when it cannot
// be read, is too large, is not UTF-8, or its front matter is malformed (with the
// file line of the problem).
SourcePage read_page(const std::filesystem::path& file, const std::string& display_name);

// read_page on text already read: a UTF-8 byte order mark is dropped, CRLF and CR
// line ends become "\n", and front matter is split off when the first line is "---".
SourcePage parse_page(std::string_view text, const std::filesystem::path& file, const std::string& display_name);

// Well-formed BCP 47 language tag ("nl", "en-GB", "zh-Hant-TW", "x-klingon"):
// syntax only, no registry lookup.
bool is_language_tag(std::string_view tag);

// The position (1-based line and byte column) of the first byte of `text` that is
// not part of valid UTF-8, or line 0 when all of it is valid.
SourcePos first_invalid_utf8(std::string_view text, const std::string& file);

}  // namespace booklet::source
