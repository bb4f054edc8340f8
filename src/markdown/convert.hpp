// One page's Markdown body to model blocks and footnotes (internal to src/markdown;
// convert.cpp is the only file that includes the cmark-gfm headers).
#pragma once

#include "context.hpp"

#include <string_view>
#include <vector>

namespace booklet::markdown {

struct ConvertedPage {
    model::Blocks blocks;
    std::vector<model::Footnote> footnotes;  // every definition that was referenced, numbers still to assign
};

// Parses with cmark-gfm (tables, strikethrough, autolinks, task lists, footnotes,
// raw HTML kept) and converts. Never throws on any input.
ConvertedPage convert_markdown(PageContext& ctx, std::string_view body);

}  // namespace booklet::markdown
