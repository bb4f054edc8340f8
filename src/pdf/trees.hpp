// Number trees and name trees (PDF 1.7, 7.9.6 and 7.9.7) as booklet's own
// objects: the structure tree's ParentTree and IDTree, the named destinations.
#pragma once

#include "hpdf_document.hpp"
#include "object_text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace booklet::pdf {

// One (key, value) pair of a number or name tree; `value` indexes what the
// tree's writer knows how to write.
template <class Key>
struct TreeEntry {
    Key key;
    std::size_t value;
};

inline void write_key(ObjectText& out, std::int64_t key) { out.integer(key); }
inline void write_key(ObjectText& out, const std::string& key) { out.bytes(key); }

// A number tree (`pairs` = "Nums") or name tree ("Names") over entries in key
// order (PDF 1.7, 7.9.6 and 7.9.7), written into `root` (the tree's dictionary,
// open); write_value(out, entry.value) writes an entry's value. A tree of more
// than kFanOut entries is split into leaves of at most kFanOut entries, each with
// its /Limits, under nodes of at most kFanOut /Kids (libharu, which wrote the
// trees once, refused arrays of more than 8,191 elements; a reader is spared one
// array of thousands of entries). Each leaf is numbered from the next multiple of
// `span`, so that it has an object stream of its own (pack_object_streams): an
// edit changes the leaf of the page it reaches, and the leaves of the other pages
// stay the bytes a session keeps deflated (one stream of all the ParentTree's
// leaves, 126 KB of the English corpus, was deflated again at every edit).
template <class Key, class WriteValue>
void write_tree(HpdfDocument& doc, ObjectText& root, const char* pairs, const std::vector<TreeEntry<Key>>& entries,
                std::size_t span, const WriteValue& write_value) {
    constexpr std::size_t kFanOut = 128;
    struct Node {
        std::uint32_t object;  // an own object's number
        Key first, last;
    };
    const auto write_pairs = [&](ObjectText& out, std::size_t begin, std::size_t end) {
        out.name(pairs).open_array();
        for (std::size_t k = begin; k < end; ++k) {
            write_key(out, entries[k].key);
            write_value(out, entries[k].value);
        }
        out.close_array();
    };
    const auto write_limits = [](ObjectText& out, const Key& first, const Key& last) {
        out.name("Limits").open_array();
        write_key(out, first);
        write_key(out, last);
        out.close_array();
    };
    if (entries.size() <= kFanOut) {
        write_pairs(root, 0, entries.size());
        return;
    }
    std::vector<Node> level;
    for (std::size_t i = 0; i < entries.size(); i += kFanOut) {
        const std::size_t end = std::min(entries.size(), i + kFanOut);
        doc.align_own_objects(span);
        Node leaf{doc.new_own_object("tree leaf"), entries[i].key, entries[end - 1].key};
        ObjectText out;
        out.open_dict();
        write_pairs(out, i, end);
        write_limits(out, leaf.first, leaf.last);
        doc.set_own_value(leaf.object, out.close_dict().take());
        level.push_back(std::move(leaf));
    }
    // The nodes, few and changed only when a leaf's limits change, share streams.
    doc.align_own_objects(span);
    const auto write_kids = [](ObjectText& out, const std::vector<Node>& nodes, std::size_t begin, std::size_t end) {
        out.name("Kids").open_array();
        for (std::size_t k = begin; k < end; ++k) out.reference(nodes[k].object);
        out.close_array();
    };
    while (level.size() > kFanOut) {
        std::vector<Node> up;
        for (std::size_t i = 0; i < level.size(); i += kFanOut) {
            const std::size_t end = std::min(level.size(), i + kFanOut);
            Node node{doc.new_own_object("tree node"), level[i].first, level[end - 1].last};
            ObjectText out;
            out.open_dict();
            write_kids(out, level, i, end);
            write_limits(out, node.first, node.last);
            doc.set_own_value(node.object, out.close_dict().take());
            up.push_back(std::move(node));
        }
        level = std::move(up);
    }
    write_kids(root, level, 0, level.size());
}

}  // namespace booklet::pdf
