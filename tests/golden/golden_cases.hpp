// Golden case files (tests/golden/*.md): Markdown that reads as a spec.
//
//   ## a case's name
//   Prose about it (ignored).
//   style: small                   a name from tests/golden/styles/, else styles/
//   set: links.numbering=per_book  a --set override (any number of these lines)
//   manifest: language=nl          a manifest field: title, language, base_url, date
//   dump: citations                citations | lines | items | tree
//
//   ~~~~ markdown one.md           a page of the book (several make chapters,
//   Text with [a link](https://example.org).     in order; the name is optional)
//   ~~~~
//
//   ~~~~ expect
//   (the dump, then the warnings the build gave)
//   ~~~~
//
// Fences are four tildes so that a page may hold ``` code.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace golden {

struct Page {
    std::string name;  // "one.md"
    std::string text;
};

struct Case {
    std::string name;
    std::filesystem::path file;
    int line = 0;                         // of its "## " heading
    std::string style = "small";
    std::vector<std::string> overrides;
    std::vector<std::pair<std::string, std::string>> manifest;
    std::string dump = "lines";
    std::vector<Page> pages;
    bool has_expected = false;
    std::string expected;
    std::size_t expect_begin = 0, expect_end = 0;  // lines of the expected text: [begin, end)
};

struct File {
    std::filesystem::path path;
    std::vector<std::string> lines;
    std::vector<Case> cases;
};

// Reads a case file; a malformed one throws std::runtime_error naming file:line.
File read_file(const std::filesystem::path& path);

// Runs a case through the pipeline (source → markdown → cite → layout as its dump
// needs) and returns its dump followed by the build's warnings.
std::string run(const Case& c);

// The file with each case's expected text replaced by `actual` (same order as
// file.cases); a case without one gets its block after its last page.
std::string rewrite(const File& file, const std::vector<std::string>& actual);

// Every case file of the golden folder, in name order.
std::vector<std::filesystem::path> case_files();

}  // namespace golden
