#include "structure.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/parallel.hpp"
#include "object_text.hpp"
#include "pdf_syntax.hpp"
#include "trees.hpp"

#include <algorithm>

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

int StructureWriter::link(pages::ElementId element, std::size_t page, std::uint32_t annotation) {
    check_element(element, "a link on page " + std::to_string(page + 1));
    const int key = static_cast<int>(page_marks_.size() + annotation_elements_.size());
    annotation_elements_.push_back(element);
    annotations_[static_cast<std::size_t>(element)].push_back({page, annotation, key, order_++});
    return key;
}

namespace {

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
void write_properties(ObjectText& out, const pages::StructElement& e) {
    if (!e.alt.empty()) out.name("Alt").text(e.alt);
    if (!e.lang.empty()) out.name("Lang").bytes(name_characters(e.lang, "und"));
    if (e.scope != pages::HeaderScope::none)
        out.name("A").open_dict().name("O").name("Table").name("Scope")
            .name(e.scope == pages::HeaderScope::column ? "Column" : "Row").close_dict();
    else if (const char* numbering = list_numbering(e.numbering))
        out.name("A").open_dict().name("O").name("List").name("ListNumbering").name(numbering).close_dict();
}

}  // namespace

// Where each element's content first appears, over its whole subtree (children
// come after their parents, so one backward sweep suffices), and each element's
// children; inline children (links, note calls) of an element that shows text of
// its own are read where their text stands.
StructureWriter::Order StructureWriter::reading_order() const {
    const std::size_t n = elements_.size();
    Order order{std::vector<std::size_t>(n, kNowhere), std::vector<std::vector<std::size_t>>(n)};
    for (std::size_t i = 0; i < n; ++i) {
        if (!marks_[i].empty()) order.first[i] = marks_[i].front().order;
        if (i > 0) order.children[static_cast<std::size_t>(elements_[i].parent)].push_back(i);
    }
    for (std::size_t i = n; i-- > 1;) {
        auto& up = order.first[static_cast<std::size_t>(elements_[i].parent)];
        up = std::min(up, order.first[i]);
    }
    for (std::size_t i = 0; i < n; ++i)
        if (!marks_[i].empty())
            std::stable_sort(order.children[i].begin(), order.children[i].end(),
                             [&](std::size_t a, std::size_t b) { return order.first[a] < order.first[b]; });
    return order;
}

// Element i's dictionary: its kids are its marked content in drawing order (an
// MCID, or a marked-content reference on another page), its link annotations
// (OBJR), and its children each before the first content drawn after the
// child's own; notes last.
std::string StructureWriter::element_value(std::size_t i, const Order& order, const Numbers& numbers,
                                           const std::string& note_id) const {
    const pages::StructElement& e = elements_[i];
    ObjectText out;
    // /Type /StructElem is optional (PDF 1.7, table 323): left out, as it
    // would be 17 bytes in each of thousands of objects.
    out.open_dict().name("S").name(structure_type(e));
    out.name("P").reference(i == 0 ? numbers.root : numbers.elements[static_cast<std::size_t>(e.parent)]);
    const bool has_page = !marks_[i].empty();
    const std::size_t page = has_page ? marks_[i].front().page : 0;
    if (has_page) out.name("Pg").reference(numbers.pages[page]);
    write_properties(out, e);

    bool kids = false;
    const auto kid = [&]() -> ObjectText& {
        if (!kids) out.name("K").open_array();
        kids = true;
        return out;
    };
    const std::vector<std::size_t>& children = order.children[i];
    std::vector<std::size_t> notes;
    const auto add_child = [&](std::size_t child) {
        if (elements_[child].after_content) notes.push_back(child);
        else kid().reference(numbers.elements[child]);
    };
    std::size_t c = 0;
    for (const Mark& mark : marks_[i]) {
        while (c < children.size() && (elements_[children[c]].after_content || order.first[children[c]] < mark.order))
            add_child(children[c++]);
        if (mark.page == page)
            kid().integer(mark.mcid);
        else
            kid().open_dict().name("Type").name("MCR").name("Pg").reference(numbers.pages[mark.page])
                .name("MCID").integer(mark.mcid).close_dict();
    }
    for (const Annotation& annotation : annotations_[i]) {
        kid().open_dict().name("Type").name("OBJR").name("Obj").reference(annotation.number);
        // An OBJR's page defaults to its element's (PDF 1.7, table 325).
        if (!has_page || annotation.page != page) out.name("Pg").reference(numbers.pages[annotation.page]);
        out.close_dict();
    }
    while (c < children.size()) add_child(children[c++]);
    for (std::size_t note : notes) kid().reference(numbers.elements[note]);
    if (kids) out.close_array();
    if (!note_id.empty()) out.name("ID").bytes(note_id);
    return out.close_dict().take();
}

// Each Note element gets an /ID, with the /IDTree that finds it (PDF/UA-1, 7.9;
// Matterhorn 19-003), made of its object number, not its place among the
// elements: an edit before it leaves it as it was (number_elements). The IDs have
// one width, so their byte order — the name tree's — is the elements' order.
// Returns each element's ID ("" for none).
std::vector<std::string> StructureWriter::write_note_ids(HpdfDocument& doc, ObjectText& root,
                                                         const Numbers& numbers, std::size_t span) const {
    const std::size_t width = std::to_string(numbers.elements.empty() ? 0 : numbers.elements.back()).size();
    std::vector<std::string> ids(elements_.size());
    std::vector<TreeEntry<std::string>> entries;
    for (std::size_t i = 0; i < elements_.size(); ++i) {
        if (elements_[i].role != pages::StructRole::note) continue;
        const std::string number = std::to_string(numbers.elements[i]);
        ids[i] = "note-" + std::string(width - number.size(), '0') + number;
        entries.push_back({ids[i], i});
    }
    if (entries.empty()) return ids;
    root.name("IDTree").open_dict();
    write_tree(doc, root, "Names", entries, span,
               [&](ObjectText& out, std::size_t element) { out.reference(numbers.elements[element]); });
    root.close_dict();
    return ids;
}

// The ParentTree: each page's key (its /StructParents) maps to the elements of
// its MCIDs, each link annotation's key to its Link element.
void StructureWriter::write_parent_tree(HpdfDocument& doc, ObjectText& root, const std::vector<HPDF_Page>& pages,
                                        const Numbers& numbers, std::size_t span) const {
    constexpr std::size_t kPage = std::size_t{1} << 63;  // an entry's value: a page, else an annotation
    std::vector<TreeEntry<std::int64_t>> entries;
    for (std::size_t p = 0; p < page_marks_.size(); ++p) {
        if (page_marks_[p].empty()) continue;
        doc.add_number(pages[p], "StructParents", static_cast<std::int64_t>(p));
        entries.push_back({static_cast<std::int64_t>(p), kPage | p});
    }
    for (std::size_t k = 0; k < annotation_elements_.size(); ++k)
        entries.push_back({static_cast<std::int64_t>(page_marks_.size() + k), k});
    const auto write_value = [&](ObjectText& out, std::size_t value) {
        if (!(value & kPage)) {
            out.reference(numbers.elements[static_cast<std::size_t>(annotation_elements_[value])]);
            return;
        }
        out.open_array();
        for (pages::ElementId element : page_marks_[value & ~kPage])
            out.reference(numbers.elements[static_cast<std::size_t>(element)]);
        out.close_array();
    };
    root.name("ParentTree").open_dict();
    write_tree(doc, root, "Nums", entries, span, write_value);
    root.close_dict();
    root.name("ParentTreeNextKey").integer(static_cast<std::int64_t>(page_marks_.size() + annotation_elements_.size()));
}

// The elements' objects, each part of the book (the Document's children, the
// chapters, each with the elements after it up to the next) followed by numbers
// left free: a few more than it needs, so that an edit that adds or drops some
// elements in one chapter leaves every later element its number, and its object
// the same bytes unless the edit reaches it (a watch session then keeps the object
// streams that hold them deflated: pack_object_streams). The free numbers are a
// function of the part's own element count only, as a clean build must number the
// elements as a session's does: room for a sixteenth more and four, rounded up
// to a multiple of 16 numbers.
std::vector<std::uint32_t> StructureWriter::number_elements(HpdfDocument& doc) const {
    const auto left_free = [](std::size_t count) { return (count + count / 16 + 4 + 15) / 16 * 16 - count; };
    std::vector<std::uint32_t> numbers(elements_.size());
    std::size_t part = 0;  // the first element of the part being numbered
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (i > 0 && elements_[i].parent == 0) {
            doc.leave_numbers_free(left_free(i - part));
            part = i;
        }
        numbers[i] = doc.new_own_object("structure element");
    }
    doc.leave_numbers_free(left_free(numbers.size() - part));
    return numbers;
}

void StructureWriter::write(HpdfDocument& doc, const std::vector<HPDF_Page>& pages, std::size_t span, int threads) {
    if (!tagged()) return;
    const std::uint32_t root = doc.new_own_object("structure tree");
    Numbers numbers{root, number_elements(doc), {}};
    for (const HPDF_Page page : pages) numbers.pages.push_back(HpdfDocument::number_of(page));

    ObjectText root_value;
    root_value.open_dict().name("Type").name("StructTreeRoot").name("K").reference(numbers.elements[0]);
    const std::vector<std::string> note_ids = write_note_ids(doc, root_value, numbers, span);
    write_parent_tree(doc, root_value, pages, numbers, span);
    doc.set_own_value(root, root_value.close_dict().take());

    // Each element's text depends on no other's (making them was two thirds of
    // writing the structure of 111 pages): made side by side, handed over in order.
    const Order order = reading_order();
    std::vector<std::string> values(numbers.elements.size());
    for_each_index(values.size(), threads,
                   [&](std::size_t i) { values[i] = element_value(i, order, numbers, note_ids[i]); });
    for (std::size_t i = 0; i < values.size(); ++i) doc.set_own_value(numbers.elements[i], std::move(values[i]));

    HPDF_Dict catalog = doc.doc()->catalog;
    doc.add(catalog, "StructTreeRoot", doc.own_reference(root, "structure tree"), "structure tree");
    HPDF_Dict mark_info = doc.add_dict(catalog, "MarkInfo");
    doc.check(HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE), "marking the document as tagged");
}

}  // namespace booklet::pdf
