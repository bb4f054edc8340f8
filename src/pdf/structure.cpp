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

// Each Note element gets an /ID, with the /IDTree that finds it (PDF/UA-1, 7.9;
// Matterhorn 19-003). The IDs have one width, so their byte order — the name
// tree's — is the elements' order, and the tree is one sorted leaf.
void write_note_ids(HpdfDocument& doc, HPDF_Dict root, const std::vector<pages::StructElement>& elements,
                    const std::vector<HPDF_Dict>& dicts) {
    const std::size_t width = std::to_string(elements.size()).size();
    HPDF_Array names = nullptr;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        if (elements[i].role != pages::StructRole::note) continue;
        const std::string number = std::to_string(i);
        const std::string id = "note-" + std::string(width - number.size(), '0') + number;
        doc.add_ascii(dicts[i], "ID", id);
        if (!names) names = doc.add_array(doc.add_dict(root, "IDTree"), "Names");
        doc.add_ascii(names, id);
        doc.add(names, dicts[i], "structure element ID");
    }
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
        if (!e.alt.empty()) doc.add_text(dict, "Alt", e.alt);
        if (!e.lang.empty()) doc.add_ascii(dict, "Lang", name_characters(e.lang, "und"));
        if (e.scope != pages::HeaderScope::none) {
            HPDF_Dict attributes = doc.add_dict(dict, "A");
            doc.add_name(attributes, "O", "Table");
            doc.add_name(attributes, "Scope", e.scope == pages::HeaderScope::column ? "Column" : "Row");
        }

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
    HPDF_Dict parent_tree = doc.add_dict(root, "ParentTree");
    HPDF_Array nums = doc.add_array(parent_tree, "Nums");
    for (std::size_t p = 0; p < page_marks_.size(); ++p) {
        if (page_marks_[p].empty()) continue;
        doc.add_number(pages[p], "StructParents", static_cast<std::int64_t>(p));
        doc.add_number(nums, static_cast<std::int64_t>(p));
        HPDF_Array owners = doc.check(HPDF_Array_New(doc.mmgr()), "parent tree");
        doc.add(nums, owners, "parent tree");
        for (pages::ElementId element : page_marks_[p])
            doc.add(owners, dicts[static_cast<std::size_t>(element)], "parent tree");
    }
    for (std::size_t k = 0; k < annotation_elements_.size(); ++k) {
        doc.add_number(nums, static_cast<std::int64_t>(page_marks_.size() + k));
        doc.add(nums, dicts[static_cast<std::size_t>(annotation_elements_[k])], "parent tree");
    }
    doc.add_number(root, "ParentTreeNextKey",
                   static_cast<std::int64_t>(page_marks_.size() + annotation_elements_.size()));

    HPDF_Dict catalog = doc.doc()->catalog;
    doc.add(catalog, "StructTreeRoot", root, "structure tree");
    HPDF_Dict mark_info = doc.add_dict(catalog, "MarkInfo");
    doc.check(HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE), "marking the document as tagged");
}

}  // namespace booklet::pdf
