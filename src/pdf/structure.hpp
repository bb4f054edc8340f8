// Tagged PDF: the marked content of the page streams and the structure tree that
// owns it (PDF 1.7, 14.6-14.8; PDF/UA-1). Layout decided what every item is
// (pages::Structure and each item's element); this renders it.
//
// While pages are written, mark() numbers each marked-content sequence of a page
// (its MCID) and remembers which element it belongs to; link annotations are
// remembered with their Link elements by link(). write() then makes one StructElem
// per element, its kids in reading order: the element's own marked content in the
// order it was drawn, each child element placed before the first of that content
// drawn after the child's own first content (children with no content of their own
// keep the book order layout gave them, which is where a floated figure belongs),
// and notes after everything their element shows. The ParentTree maps each page's
// MCIDs, and each annotation, back to its element.
#pragma once

#include "booklet/pages.hpp"
#include "hpdf_document.hpp"
#include "object_text.hpp"

#include <string>
#include <vector>

namespace booklet::pdf {

// The structure type of an element as the PDF names it ("P", "H2", "TOCI").
std::string structure_type(const pages::StructElement& element);

class StructureWriter {
public:
    // Throws booklet::Error naming `target` when the structure is not a tree in
    // book order (a parent after its child, a second root) or an item or link
    // names an element the book does not have.
    StructureWriter(const pages::Structure& structure, std::size_t page_count, const std::string& target);

    bool tagged() const { return !elements_.empty(); }
    // Throws unless `element` is one of the book's (content on `page` names it).
    void check(pages::ElementId element, std::size_t page) const {
        check_element(element, "content on page " + std::to_string(page + 1));
    }
    // The next MCID on `page`, recorded for `element`.
    int mark(pages::ElementId element, std::size_t page);
    // A link annotation (object `annotation`) on `page` that belongs to
    // `element`: its /StructParent key.
    int link(pages::ElementId element, std::size_t page, std::uint32_t annotation);
    // Whether `page` has marked content (it then needs /StructParents).
    bool page_marked(std::size_t page) const { return !page_marks_[page].empty(); }

    // The tree, the ParentTree and the catalog's /StructTreeRoot and /MarkInfo:
    // the tree's objects are booklet's own (HpdfDocument::new_own_object), the
    // leaves of its number and name trees each from a multiple of `span` (the own
    // objects' streams' span of numbers). The elements' objects are written on up
    // to `threads` threads.
    void write(HpdfDocument& doc, const std::vector<HPDF_Page>& pages, std::size_t span, int threads = 1);

private:
    [[noreturn]] void fail(const std::string& message) const;
    void check_element(pages::ElementId element, const std::string& what) const;

    struct Mark {
        std::size_t page = 0;
        int mcid = 0;
        std::size_t order = 0;  // drawing order over the whole book
    };
    struct Annotation {
        std::size_t page = 0;
        std::uint32_t number = 0;  // the annotation's object
        int key = 0;
        std::size_t order = 0;
    };
    static constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);
    struct Order {
        std::vector<std::size_t> first;                  // per element: drawing order of its subtree's first content, or kNowhere
        std::vector<std::vector<std::size_t>> children;  // per element, in reading order
    };
    struct Numbers {  // object numbers
        std::uint32_t root = 0;
        std::vector<std::uint32_t> elements, pages;
    };
    std::vector<std::uint32_t> number_elements(HpdfDocument& doc) const;
    Order reading_order() const;
    std::string element_value(std::size_t i, const Order& order, const Numbers& numbers, const std::string& note_id) const;
    std::vector<std::string> write_note_ids(HpdfDocument& doc, ObjectText& root, const Numbers& numbers,
                                            std::size_t span) const;
    void write_parent_tree(HpdfDocument& doc, ObjectText& root, const std::vector<HPDF_Page>& pages,
                           const Numbers& numbers, std::size_t span) const;

    const std::vector<pages::StructElement>& elements_;
    std::string target_;
    std::vector<std::vector<Mark>> marks_;                        // per element
    std::vector<std::vector<Annotation>> annotations_;            // per element
    std::vector<std::vector<pages::ElementId>> page_marks_;      // per page: element of each MCID
    std::vector<pages::ElementId> annotation_elements_;          // per annotation key - page count
    std::size_t order_ = 0;
};

}  // namespace booklet::pdf
