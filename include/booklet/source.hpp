// Reading inputs: the booklet manifest and page files split into front matter and body.
//
// Input:  booklet.yaml and the files it names (or the same as text, for tests and fuzzing).
// Output: Manifest (validated settings, ordered page files) and SourcePage values.
// Invariants: every manifest key is known and of the right type, or an error in the
//   Diagnostics sink names the key and its line (all of them in one run); page globs
//   expand in sorted order; line numbers of
//   a page's body are kept so later stages report real file:line positions; a
//   SourcePage body is valid UTF-8 with "\n" line ends.
// Must not: parse Markdown, resolve links or images, or touch yaml-cpp (config.hpp
//   is the one YAML wrapper).
#pragma once

#include "booklet/config.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::source {

// The manifest is the book's metadata — the model's own type, so the Markdown
// stage hands it on whole rather than field by field — plus where the pages and
// pictures are. `cover` is resolved against `root`.
struct Manifest : model::Metadata {
    std::filesystem::path file;           // the manifest itself
    std::filesystem::path root;           // its folder: relative paths resolve against it
    std::vector<std::filesystem::path> pages;   // resolved, in booklet order, each once
    std::vector<std::filesystem::path> assets;  // resolved search folders
    // The content roots as real paths (symbolic links resolved): the manifest's
    // folder and the folders it names outside it. Every page, image and cover
    // must really lie in one of them (docs/ARCHITECTURE.md, "Containment").
    std::vector<std::filesystem::path> roots;
    std::vector<SourcePos> page_origins;  // where each page was listed (parallel to pages);
                                          // unknown for manifest_for_page

    friend bool operator==(const Manifest&, const Manifest&) = default;
};

// The keys a manifest may have, in the order the documentation lists them.
const std::vector<std::string>& manifest_keys();

// Reads and validates a manifest (at most files::kMaxManifestBytes). Every problem
// with a key — unknown (with a "did you mean"), wrong type, bad value, a missing
// page, cover or asset folder, a page, folder or cover whose real path leaves the
// content roots (kind "path-outside", naming the link) — is an error reported to
// `diags` and that key keeps its default, so one run lists them all; the caller
// must not build from a manifest that produced errors. Text that is no manifest at
// all (unreadable, too large, not UTF-8, malformed YAML, empty, not a mapping)
// throws booklet::Error.
Manifest load_manifest(const std::filesystem::path& file, Diagnostics& diags);

// load_manifest on text already read; `file` names it and its folder is the root.
Manifest parse_manifest(std::string_view text, const std::filesystem::path& file, Diagnostics& diags);

// The site that site-relative links (/about) resolve against, as the manifest's
// `base_url` or the command line's --base-url gives it: an absolute http(s) URL,
// kept without its trailing slashes; nullopt when `url` is not one.
std::optional<std::string> site_base_url(std::string_view url);

// A manifest for a single Markdown file (booklet inspect FILE.md, tests). Its
// language comes from a "name.LANG.md" file name when there is one.
Manifest manifest_for_page(const std::filesystem::path& page);

// YYYY-MM-DD naming a day that exists (no 2023-02-29, no 2024-13-45).
bool is_iso_date(std::string_view text);

// The Markdown pages of a folder in name order (byte order of the names): regular
// files ending in .md, hidden files left out; not recursive.
std::vector<std::filesystem::path> pages_in_folder(const std::filesystem::path& folder);

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

// The bytes read_page parses (the same limits and errors).
std::string read_page_text(const std::filesystem::path& file, const std::string& display_name);

// read_page on text already read: a UTF-8 byte order mark is dropped, CRLF and CR
// line ends become "\n", and front matter is split off when the first line is "---".
SourcePage parse_page(std::string_view text, const std::filesystem::path& file, const std::string& display_name);

// The default manifest for pages named without one (booklet build a.md b.md, a
// folder without booklet.yaml, a page on standard input): the pages in the order
// given, the title from the first page's front matter 'title' (else empty: the
// model then takes the first chapter's title), the language from its 'lang' (else
// from a "name.LANG.md" file name, else "en"), the default style, the first page's
// folder as the root. `file` names the booklet (for output names and messages).
Manifest manifest_for_pages(const std::vector<SourcePage>& pages, const std::filesystem::path& file);

// The front matter keys booklet reads: title, description, date, lang, slug.
const std::vector<std::string>& front_matter_keys();

// Checks the front matter keys booklet reads, at their lines: each must be text
// (error, kind front-matter); 'lang' must be a BCP 47 tag (error, front-matter);
// 'date' must start with a real YYYY-MM-DD date, a time may follow (warning,
// front-matter-date: the date is then ignored); a key that is not read but looks
// like a typo of one that is ('titel', 'Date') is a warning (front-matter-key)
// with a "did you mean". Other keys belong to the site and are not questioned.
void check_front_matter(const SourcePage& page, Diagnostics& diags);

// The date of a front matter 'date' value as YYYY-MM-DD: a real day written
// YYYY-MM-DD (or with one-digit month and day, 2024-8-20), a time may follow after
// 'T' or a space; "" for anything else.
std::string front_matter_date(std::string_view value);

// A commented booklet.yaml for `booklet init`: the pages (names relative to the
// manifest's folder, in order), the title and language from the first page as
// manifest_for_pages takes them, every other key explained and commented out.
// Values are quoted so that any title or file name stays valid YAML.
std::string manifest_template(const std::vector<std::string>& page_names, const std::vector<SourcePage>& pages);

// Well-formed BCP 47 language tag ("nl", "en-GB", "zh-Hant-TW", "x-klingon"):
// syntax only, no registry lookup, except that the language itself must have 2 or 3
// letters: longer ones are allowed by the grammar but none is registered, and
// "english" or "dutch" is a mistake, not a tag.
bool is_language_tag(std::string_view tag);

// The position (1-based line and byte column) of the first byte of `text` that is
// not part of valid UTF-8, or line 0 when all of it is valid.
SourcePos first_invalid_utf8(std::string_view text, const std::string& file);

}  // namespace booklet::source
