// Every image of a document, in reading order: for the steps that look at each
// picture before anything is laid out or written (the check that a file is a
// picture; the EPUB's picture preparation ahead of writing).
#pragma once

#include "booklet/model.hpp"

#include <type_traits>
#include <variant>

namespace booklet::model {

namespace detail {

template <class Inlines, class F>
void each_image_in(Inlines& inlines, const F& found, int depth);

template <class Blocks, class F>
void each_image_of(Blocks& blocks, const F& found, int depth) {
    if (depth > 64) return;  // the model's own nesting is bounded far below this
    for (auto& b : blocks) {
        std::visit(
            [&](auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, Figure>) {
                    found(node.image, b.pos);
                    each_image_in(node.caption, found, depth + 1);
                } else if constexpr (std::is_same_v<T, Paragraph> || std::is_same_v<T, Heading>) {
                    each_image_in(node.content, found, depth + 1);
                } else if constexpr (std::is_same_v<T, List>) {
                    for (auto& item : node.items) each_image_of(item.blocks, found, depth + 1);
                } else if constexpr (std::is_same_v<T, BlockQuote>) {
                    each_image_of(node.blocks, found, depth + 1);
                    each_image_in(node.attribution, found, depth + 1);
                } else if constexpr (std::is_same_v<T, Details>) {
                    each_image_in(node.summary, found, depth + 1);
                    each_image_of(node.blocks, found, depth + 1);
                } else if constexpr (std::is_same_v<T, Table>) {
                    for (auto& cell : node.header) each_image_in(cell.content, found, depth + 1);
                    for (auto& row : node.rows)
                        for (auto& cell : row) each_image_in(cell.content, found, depth + 1);
                }
            },
            b.node);
    }
}

template <class Inlines, class F>
void each_image_in(Inlines& inlines, const F& found, int depth) {
    if (depth > 64) return;
    for (auto& in : inlines) {
        std::visit(
            [&](auto& node) {
                using T = std::decay_t<decltype(node)>;
                if constexpr (std::is_same_v<T, Image>) found(node.image, in.pos);
                else if constexpr (requires { node.children; }) each_image_in(node.children, found, depth + 1);
            },
            in.node);
    }
}

}  // namespace detail

// found(ImageRef&, const SourcePos&) for each image of a chapter and its notes
// (const or not, as the chapter is).
template <class Chapter, class F>
void each_chapter_image(Chapter& chapter, const F& found) {
    detail::each_image_of(chapter.blocks, found, 0);
    for (auto& note : chapter.footnotes) detail::each_image_of(note.blocks, found, 0);
}

// The same for each chapter of a document. The document's cover is not one.
template <class Document, class F>
void each_image(Document& document, const F& found) {
    for (auto& chapter : document.chapters) each_chapter_image(chapter, found);
}

}  // namespace booklet::model
