// What a watch session keeps of the Markdown stage (booklet/markdown.hpp,
// KeptPages): internal to src/markdown.
#pragma once

#include "context.hpp"

#include "booklet/markdown.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace booklet::markdown {

// One page converted on its own: what document.cpp makes of it before the steps
// that need every chapter.
struct ConvertedChapter {
    model::Chapter chapter;
    bool lost_content = false;          // something on the page was left out
    Diagnostics diags;                  // what converting it reported, in order
    std::vector<LookedUp> looked_up;    // the picture files it looked for
};

struct KeptPages::Impl {
    struct Page {
        std::string bytes;                          // the file as read
        source::SourcePage source;                  // parse_page of them
        std::optional<ConvertedChapter> converted;  // as chapter `id`, once converted
        std::string id;
    };
    std::map<std::filesystem::path, Page> pages;    // by file: the last build's
    // What the kept conversions were made against.
    source::Manifest manifest;
    PageIndex index;
    // The headings of each chapter the last build resolved its links against: a
    // kept conversion's chapter stamp (model::ContentStamp) names the chapter
    // resolved against them.
    std::map<std::string, std::set<std::string>> anchors;
};

}  // namespace booklet::markdown
