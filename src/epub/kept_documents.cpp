// Chapter documents kept from one build to the next (KeptDocuments). A chapter's
// document is a function of its model, its plan (itself made from the model, its
// place in the book, the book's language and words), the page marks the page map
// puts in it, the cite stage's decisions for its links, and what the book answers
// when it asks for a picture or resolves a link to another chapter. The first
// four are compared as values; the answers are asked again, in the order the
// rendering asked them, and compared with what it got.
#include "book.hpp"

#include <optional>

namespace booklet::epub::detail {

// What a chapter's rendering reads that a value comparison can check.
struct ChapterInputs {
    std::size_t index = 0;
    std::map<BlockPath, std::vector<PageMark>> marks;
    std::vector<std::string> labels;  // the folios of the pages marked, in the marks' order
    // Its cited links (their ids are numbered from the first's index), as the
    // chapter reads them: a link's place in the Sources list only as listed or not
    // (an earlier source added renumbers the list). Not contiguous: always rendered.
    cite::ChapterLinks links;
    friend bool operator==(const ChapterInputs&, const ChapterInputs&) = default;
};

struct KeptChapter {
    model::Chapter chapter;
    ChapterInputs inputs;
    ChapterRender render;  // with the plan's ids once rendered
};

struct KeptChapterDocuments {
    std::string lang;
    words::Words words;
    std::vector<std::optional<KeptChapter>> chapters;  // by index
    std::vector<ChapterInputs> inputs;                 // this build's, by index
};

namespace {

std::vector<ChapterInputs> chapter_inputs(const Book& book) {
    std::vector<ChapterInputs> out(book.chapters.size());
    std::vector<cite::ChapterLinks> links = cite::links_by_chapter(book.cites, out.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].index = i;
        out[i].links = std::move(links[i]);
        for (cite::Link& link : out[i].links.links) link.source = link.source >= 0 ? 0 : -1;
        if (i >= book.pages.chapters.size()) continue;
        out[i].marks = book.pages.chapters[i];
        for (const auto& [path, marks] : out[i].marks)
            for (const PageMark& m : marks) out[i].labels.push_back(book.settings.page_map.pages[m.page].label);
    }
    return out;
}

// Whether the book answers the kept rendering's questions as it did. Asking for
// a picture adds it on first use; when an answer differs, what the asking added
// is undone, so that the chapter's rendering finds the book as it was.
bool answers_again(Book& book, std::size_t index, const ChapterRender& kept) {
    for (const auto& use : kept.internal)
        if (book.internal_href(index, use.target, use.pos) != use.result) return false;
    const std::size_t asked = book.pictures_asked();
    for (const auto& use : kept.pictures) {
        Diagnostics given;
        const std::optional<std::string> href = book.image_href(use.ref, use.pos, given);
        const Resource* picture = href ? &book.image_at(*href) : nullptr;
        if (href != use.href || given.all() != use.warnings ||
            (picture && (picture->width != use.width || picture->height != use.height))) {
            book.forget_pictures_after(asked);
            return false;
        }
    }
    return true;
}

}  // namespace

void apply_render(Book& book, const ChapterRender& render) {
    for (const auto& [link, place] : render.placed) book.placed[link] = place;
    for (const auto& [page, href] : render.page_hrefs) book.pages.hrefs[page] = href;
    book.images_shown += render.images_shown;
    book.images_without_alt += render.images_without_alt;
    book.diags.merge(render.warnings);
}

std::string chapter_document(Book& book, std::size_t index, KeptChapterDocuments* kept) {
    ChapterPlan& plan = book.chapters[index];
    if (kept && index < kept->chapters.size() && kept->chapters[index]) {
        const KeptChapter& was = *kept->chapters[index];
        // The chapter as the last build's: by its stamp in a session (comparing 111
        // chapters took 2.8 ms of a rebuild), else compared.
        if (was.inputs.links.contiguous && was.inputs == kept->inputs[index] &&
            model::same_content(was.chapter, *plan.chapter) && answers_again(book, index, was.render)) {
            plan.ids = was.render.ids;
            if (index < book.pages.chapters.size()) book.pages.chapters[index].clear();  // placed, as rendering does
            apply_render(book, was.render);
            return was.render.document;
        }
    }
    ChapterRender render = render_chapter(book, index);
    apply_render(book, render);
    if (!kept) return std::move(render.document);
    render.ids = plan.ids;
    if (kept->chapters.size() <= index) kept->chapters.resize(index + 1);
    kept->chapters[index] = KeptChapter{*plan.chapter, kept->inputs[index], std::move(render)};
    return kept->chapters[index]->render.document;
}

void begin_chapters(const Book& book, KeptChapterDocuments& kept) {
    if (kept.lang != book.lang || !(kept.words == book.words)) {
        kept.chapters.clear();
        kept.lang = book.lang;
        kept.words = book.words;
    }
    kept.chapters.resize(std::min(kept.chapters.size(), book.chapters.size()));
    kept.inputs = chapter_inputs(book);
}

}  // namespace booklet::epub::detail

namespace booklet::epub {

KeptDocuments::KeptDocuments() : impl_(std::make_unique<detail::KeptChapterDocuments>()) {}
KeptDocuments::~KeptDocuments() = default;

}  // namespace booklet::epub
