// Pre-order walks over model trees, for the stages that read or complete the
// model (markdown, cite). Templates so that the same walk serves const and
// mutable trees.
#pragma once

#include "booklet/model.hpp"

#include <limits>
#include <type_traits>

namespace booklet::model {

// Calls on_inlines(Inlines&) for every inline sequence held by a block (paragraph,
// heading, cells, captions, attribution, summary), in document order, and
// on_block(Block&) for every block before its content.
template <class Blocks, class OnBlock, class OnInlines>
void walk_blocks(Blocks& blocks, OnBlock&& on_block, OnInlines&& on_inlines) {
    for (auto& b : blocks) {
        on_block(b);
        std::visit(
            [&](auto& n) {
                using T = std::remove_cv_t<std::remove_reference_t<decltype(n)>>;
                if constexpr (std::is_same_v<T, Heading> || std::is_same_v<T, Paragraph>) {
                    on_inlines(n.content);
                } else if constexpr (std::is_same_v<T, List>) {
                    for (auto& item : n.items) walk_blocks(item.blocks, on_block, on_inlines);
                } else if constexpr (std::is_same_v<T, BlockQuote>) {
                    walk_blocks(n.blocks, on_block, on_inlines);
                    on_inlines(n.attribution);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (auto& c : n.header) on_inlines(c.content);
                    for (auto& row : n.rows)
                        for (auto& c : row) on_inlines(c.content);
                } else if constexpr (std::is_same_v<T, Figure>) {
                    on_inlines(n.caption);
                } else if constexpr (std::is_same_v<T, Details>) {
                    on_inlines(n.summary);
                    walk_blocks(n.blocks, on_block, on_inlines);
                }
            },
            b.node);
    }
}

// Calls on_inline(Inline&) for every inline node, parents before children, down
// to `max_depth` levels below these (a reader of hand-made documents stops there).
template <class Inlines, class OnInline>
void walk_inlines(Inlines& inlines, OnInline&& on_inline, int max_depth = std::numeric_limits<int>::max()) {
    if (max_depth < 0) return;
    for (auto& in : inlines) {
        on_inline(in);
        std::visit(
            [&](auto& n) {
                if constexpr (requires { n.children; }) walk_inlines(n.children, on_inline, max_depth - 1);
            },
            in.node);
    }
}

// Every inline node of a chapter's blocks and footnotes, in document order.
template <class Chapter, class OnInline>
void walk_chapter_inlines(Chapter& chapter, OnInline&& on_inline) {
    const auto each = [&](auto& inlines) { walk_inlines(inlines, on_inline); };
    walk_blocks(chapter.blocks, [](auto&) {}, each);
    for (auto& fn : chapter.footnotes) walk_blocks(fn.blocks, [](auto&) {}, each);
}

}  // namespace booklet::model
