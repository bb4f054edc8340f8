#include "structure.hpp"

#include "booklet/diagnostics.hpp"
#include "pdf_syntax.hpp"

#include <algorithm>
#include <limits>

namespace booklet::pdf {

std::string structure_type(const pages::StructElement& element) {
    using pages::StructRole;
    switch (element.role) {
        case StructRole::document: return "Document";
        case StructRole::part: return "Part";
        case StructRole::sect: return "Sect";
        case StructRole::heading: return "H" + std::to_string(std::clamp(element.level, 1, 6));
        case StructRole::paragraph: return "P";
        case StructRole::list: return "L";
        case StructRole::list_item: return "LI";
        case StructRole::label: return "Lbl";
        case StructRole::list_body: return "LBody";
        case StructRole::block_quote: return "BlockQuote";
        case StructRole::code: return "Code";
        case StructRole::table: return "Table";
        case StructRole::table_head: return "THead";
        case StructRole::table_body: return "TBody";
        case StructRole::table_row: return "TR";
        case StructRole::table_header: return "TH";
        case StructRole::table_data: return "TD";
        case StructRole::figure: return "Figure";
        case StructRole::caption: return "Caption";
        case StructRole::note: return "Note";
        case StructRole::reference: return "Reference";
        case StructRole::link: return "Link";
        case StructRole::toc: return "TOC";
        case StructRole::toc_item: return "TOCI";
        case StructRole::div: return "Div";
    }
    return "Span";
}

StructureWriter::StructureWriter(const pages::Structure& structure, std::size_t page_count, const std::string& target)
    : elements_(structure.elements), target_(target), marks_(structure.elements.size()),
      annotations_(structure.elements.size()), page_marks_(page_count) {
    for (std::size_t i = 0; i < elements_.size(); ++i) {
        const pages::ElementId parent = elements_[i].parent;
        if (i == 0 && parent != pages::kArtifact) fail("the first structure element has a parent");
        if (i > 0 && (parent < 0 || static_cast<std::size_t>(parent) >= i))
            fail("structure element " + std::to_string(i) + " has parent " + std::to_string(parent) +
                 ", which does not come before it");
    }
}

void StructureWriter::fail(const std::string& message) const { throw Error({target_}, message, "pdf-input"); }

void StructureWriter::check_element(pages::ElementId element, const std::string& what) const {
    if (element < 0 || static_cast<std::size_t>(element) >= elements_.size())
        fail(what + " belongs to structure element " + std::to_string(element) + ", but the book has " +
             std::to_string(elements_.size()));
}

int StructureWriter::mark(pages::ElementId element, std::size_t page) {
    check_element(element, "content on page " + std::to_string(page + 1));
    auto& marks = page_marks_[page];
    const int mcid = static_cast<int>(marks.size());
    marks.push_back(element);
    marks_[static_cast<std::size_t>(element)].push_back({page, mcid, order_++});
    return mcid;
}

int StructureWriter::link(pages::ElementId element, std::size_t page, HPDF_Annotation annotation) {
    check_element(element, "a link on page " + std::to_string(page + 1));
    const int key = static_cast<int>(page_marks_.size() + annotation_elements_.size());
    annotation_elements_.push_back(element);
    annotations_[static_cast<std::size_t>(element)].push_back({page, annotation, key, order_++});
    return key;
}

namespace {

// One (key, value) pair of a number or name tree; the value an indirect object.
template <class Key>
struct TreeEntry {
    Key key;
    void* value;
};

void add_key(HpdfDocument& doc, HPDF_Array array, std::int64_t key) { doc.add_number(array, key); }
void add_key(HpdfDocument& doc, HPDF_Array array, const std::string& key) { doc.add_ascii(array, key); }

// A number tree (`pairs` = "Nums") or name tree ("Names") in `root` over entries
// in key order (PDF 1.7, 7.9.6 and 7.9.7). libharu refuses arrays of more than
// 8,191 elements, so a big book's tree is split: leaves of at most kFanOut
// entries, each with its /Limits, under nodes of at most kFanOut /Kids.
template <class Key>
void write_tree(HpdfDocument& doc, HPDF_Dict root, const char* pairs, const std::vector<TreeEntry<Key>>& entries) {
    constexpr std::size_t kFanOut = 1024;
    struct Node {
        HPDF_Dict dict;
        Key first, last;
    };
    const auto add_limits = [&](HPDF_Dict dict, const Key& first, const Key& last) {
        HPDF_Array limits = doc.add_array(dict, "Limits");
        add_key(doc, limits, first);
        add_key(doc, limits, last);
    };
    if (entries.size() <= kFanOut) {
        HPDF_Array array = doc.add_array(root, pairs);
        for (const auto& e : entries) {
            add_key(doc, array, e.key);
            doc.add(array, e.value, "tree entry");
        }
        return;
    }
    std::vector<Node> level;
    for (std::size_t i = 0; i < entries.size(); i += kFanOut) {
        const std::size_t end = std::min(entries.size(), i + kFanOut);
        Node leaf{doc.new_indirect_dict("tree leaf"), entries[i].key, entries[end - 1].key};
        HPDF_Array array = doc.add_array(leaf.dict, pairs);
        for (std::size_t k = i; k < end; ++k) {
            add_key(doc, array, entries[k].key);
            doc.add(array, entries[k].value, "tree entry");
        }
        add_limits(leaf.dict, leaf.first, leaf.last);
        level.push_back(std::move(leaf));
    }
    while (level.size() > kFanOut) {
        std::vector<Node> up;
        for (std::size_t i = 0; i < level.size(); i += kFanOut) {
            const std::size_t end = std::min(level.size(), i + kFanOut);
            Node node{doc.new_indirect_dict("tree node"), level[i].first, level[end - 1].last};
            HPDF_Array kids = doc.add_array(node.dict, "Kids");
            for (std::size_t k = i; k < end; ++k) doc.add(kids, level[k].dict, "tree node");
            add_limits(node.dict, node.first, node.last);
            up.push_back(std::move(node));
        }
        level = std::move(up);
    }
    HPDF_Array kids = doc.add_array(root, "Kids");
    for (const Node& node : level) doc.add(kids, node.dict, "tree node");
}

// The /ListNumbering name (PDF 1.7, table 347); nullptr for None, the default.
const char* list_numbering(pages::ListNumbering numbering) {
    switch (numbering) {
        case pages::ListNumbering::none: return nullptr;
        case pages::ListNumbering::disc: return "Disc";
        case pages::ListNumbering::circle: return "Circle";
        case pages::ListNumbering::decimal: return "Decimal";
    }
    return nullptr;
}

// An element's alternate text, language and attributes (a TH's scope, a list's numbering).
void write_properties(HpdfDocument& doc, HPDF_Dict dict, const pages::StructElement& e) {
    if (!e.alt.empty()) doc.add_text(dict, "Alt", e.alt);
    if (!e.lang.empty()) doc.add_ascii(dict, "Lang", name_characters(e.lang, "und"));
    if (e.scope != pages::HeaderScope::none) {
        HPDF_Dict attributes = doc.add_dict(dict, "A");
        doc.add_name(attributes, "O", "Table");
        doc.add_name(attributes, "Scope", e.scope == pages::HeaderScope::column ? "Column" : "Row");
    }
    if (const char* numbering = list_numbering(e.numbering)) {
        HPDF_Dict attributes = doc.add_dict(dict, "A");
        doc.add_name(attributes, "O", "List");
        doc.add_name(attributes, "ListNumbering", numbering);
    }
}

// Each Note element gets an /ID, with the /IDTree that finds it (PDF/UA-1, 7.9;
// Matterhorn 19-003). The IDs have one width, so their byte order — the name
// tree's — is the elements' order.
void write_note_ids(HpdfDocument& doc, HPDF_Dict root, const std::vector<pages::StructElement>& elements,
                    const std::vector<HPDF_Dict>& dicts) {
    const std::size_t width = std::to_string(elements.size()).size();
    std::vector<TreeEntry<std::string>> ids;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (elements[i].role != pages::StructRole::note) continue;
        const std::string number = std::to_string(i);
        std::string id = "note-" + std::string(width - number.size(), '0') + number;
        doc.add_ascii(dicts[i], "ID", id);
        ids.push_back({std::move(id), dicts[i]});
    }
    if (!ids.empty()) write_tree(doc, doc.add_dict(root, "IDTree"), "Names", ids);
}

}  // namespace

void StructureWriter::write(HpdfDocument& doc, const std::vector<HPDF_Page>& pages) {
    if (!tagged()) return;
    const std::size_t n = elements_.size();
    HPDF_Dict root = doc.new_indirect_dict("structure tree");
    doc.add_name(root, "Type", "StructTreeRoot");
    std::vector<HPDF_Dict> dicts(n);
    for (auto& dict : dicts) dict = doc.new_indirect_dict("structure element");

    // Where each element's content first appears, over its whole subtree
    // (children come after their parents, so one backward sweep suffices).
    constexpr std::size_t kNowhere = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> first(n, kNowhere);
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!marks_[i].empty()) first[i] = marks_[i].front().order;
        if (i > 0) children[static_cast<std::size_t>(elements_[i].parent)].push_back(i);
    }
    for (std::size_t i = n; i-- > 1;) {
        auto& up = first[static_cast<std::size_t>(elements_[i].parent)];
        up = std::min(up, first[i]);
    }
    // Inline children (links, note calls) of an element that shows text of its
    // own are read where their text stands.
    for (std::size_t i = 0; i < n; ++i)
        if (!marks_[i].empty())
            std::stable_sort(children[i].begin(), children[i].end(),
                             [&](std::size_t a, std::size_t b) { return first[a] < first[b]; });

    for (std::size_t i = 0; i < n; ++i) {
        const pages::StructElement& e = elements_[i];
        HPDF_Dict dict = dicts[i];
        // /Type /StructElem is optional (PDF 1.7, table 323): left out, as it
        // would be 17 bytes in each of thousands of objects.
        doc.add_name(dict, "S", structure_type(e).c_str());
        doc.add(dict, "P", i == 0 ? root : dicts[static_cast<std::size_t>(e.parent)], "structure element");
        const bool has_page = !marks_[i].empty();
        const std::size_t page = has_page ? marks_[i].front().page : 0;
        if (has_page) doc.add(dict, "Pg", pages[page], "structure element");
        write_properties(doc, dict, e);

        HPDF_Array kids = nullptr;
        const auto kid_array = [&] {
            if (!kids) kids = doc.add_array(dict, "K");
            return kids;
        };
        std::vector<std::size_t> notes;
        const auto add_child = [&](std::size_t child) {
            if (elements_[child].after_content) notes.push_back(child);
            else doc.add(kid_array(), dicts[child], "structure element");
        };
        std::size_t c = 0;
        for (const Mark& mark : marks_[i]) {
            while (c < children[i].size() &&
                   (elements_[children[i][c]].after_content || first[children[i][c]] < mark.order))
                add_child(children[i][c++]);
            if (mark.page == page) {
                doc.add_number(kid_array(), mark.mcid);
            } else {
                HPDF_Dict reference = doc.check(HPDF_Dict_New(doc.mmgr()), "marked-content reference");
                doc.add(kid_array(), reference, "marked-content reference");
                doc.add_name(reference, "Type", "MCR");
                doc.add(reference, "Pg", pages[mark.page], "marked-content reference");
                doc.add_number(reference, "MCID", mark.mcid);
            }
        }
        for (const Annotation& annotation : annotations_[i]) {
            HPDF_Dict reference = doc.check(HPDF_Dict_New(doc.mmgr()), "object reference");
            doc.add(kid_array(), reference, "object reference");
            doc.add_name(reference, "Type", "OBJR");
            doc.add(reference, "Obj", annotation.object, "object reference");
            // An OBJR's page defaults to its element's (PDF 1.7, table 325).
            if (!has_page || annotation.page != page)
                doc.add(reference, "Pg", pages[annotation.page], "object reference");
        }
        while (c < children[i].size()) add_child(children[i][c++]);
        for (std::size_t note : notes) doc.add(kid_array(), dicts[note], "structure element");
    }

    doc.add(root, "K", dicts[0], "structure tree");
    write_note_ids(doc, root, elements_, dicts);
    std::vector<TreeEntry<std::int64_t>> parents;  // key -> the MCIDs' owners of a page, or a link's element
    for (std::size_t p = 0; p < page_marks_.size(); ++p) {
        if (page_marks_[p].empty()) continue;
        doc.add_number(pages[p], "StructParents", static_cast<std::int64_t>(p));
        HPDF_Array owners = doc.check(HPDF_Array_New(doc.mmgr()), "parent tree");
        for (pages::ElementId element : page_marks_[p])
            doc.add(owners, dicts[static_cast<std::size_t>(element)], "parent tree");
        parents.push_back({static_cast<std::int64_t>(p), owners});
    }
    for (std::size_t k = 0; k < annotation_elements_.size(); ++k)
        parents.push_back({static_cast<std::int64_t>(page_marks_.size() + k),
                           dicts[static_cast<std::size_t>(annotation_elements_[k])]});
    write_tree(doc, doc.add_dict(root, "ParentTree"), "Nums", parents);
    doc.add_number(root, "ParentTreeNextKey",
                   static_cast<std::int64_t>(page_marks_.size() + annotation_elements_.size()));

    HPDF_Dict catalog = doc.doc()->catalog;
    doc.add(catalog, "StructTreeRoot", root, "structure tree");
    HPDF_Dict mark_info = doc.add_dict(catalog, "MarkInfo");
    doc.check(HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE), "marking the document as tagged");
}

}  // namespace booklet::pdf
