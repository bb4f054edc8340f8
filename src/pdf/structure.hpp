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
    // A link annotation on `page` that belongs to `element`: its /StructParent key.
    int link(pages::ElementId element, std::size_t page, HPDF_Annotation annotation);
    // Whether `page` has marked content (it then needs /StructParents).
    bool page_marked(std::size_t page) const { return !page_marks_[page].empty(); }

    // The tree, the ParentTree and the catalog's /StructTreeRoot and /MarkInfo.
    void write(HpdfDocument& doc, const std::vector<HPDF_Page>& pages);

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
        HPDF_Annotation object = nullptr;
        int key = 0;
        std::size_t order = 0;
    };
    const std::vector<pages::StructElement>& elements_;
    std::string target_;
    std::vector<std::vector<Mark>> marks_;                        // per element
    std::vector<std::vector<Annotation>> annotations_;            // per element
    std::vector<std::vector<pages::ElementId>> page_marks_;      // per page: element of each MCID
    std::vector<pages::ElementId> annotation_elements_;          // per annotation key - page count
    std::size_t order_ = 0;
};

}  // namespace booklet::pdf
