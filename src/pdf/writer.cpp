// write_pdf: two passes over the Book.
//
// 1. Analysis, no libharu: open every font that text uses, check glyph ids,
//    collect the glyphs per font (counted page by page, PageTextCounter) and
//    choose each glyph's ToUnicode text. A `watch` session's build keys each page
//    by what it draws (DrawingKey) and takes the analysis and the content stream
//    of a page that draws what a page of its last build drew.
// 2. Writing through libharu, in a fixed order so that object numbers are the
//    same on every run: fonts (by FontId), then pages with their content streams
//    and images (an image when first drawn), then links, outline, page labels,
//    catalog and info. The file is saved to memory, its dictionaries are packed
//    into object streams, its /ID is filled in with a digest of the bytes, and it
//    is written atomically.
#include "booklet/pdf.hpp"

#include "booklet/atomic_file.hpp"
#include "booklet/deflate.hpp"
#include "booklet/digest128.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"
#include "booklet/kept_bytes_pack.hpp"
#include "booklet/parallel.hpp"
#include "booklet/payload.hpp"
#include "booklet/sha256.hpp"
#include "content_stream.hpp"
#include "document_parts.hpp"
#include "drawing_key.hpp"
#include "font_file.hpp"
#include "font_objects.hpp"
#include "glyph_text.hpp"
#include "hpdf_document.hpp"
#include "metadata.hpp"
#include "object_streams.hpp"
#include "object_text.hpp"
#include "pdf_syntax.hpp"
#include "structure.hpp"

#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

namespace booklet::pdf {

namespace {

// Objects to an object stream, and the own objects' streams' spans of numbers
// (object_streams.hpp tells why 1,000).
constexpr std::size_t kObjectsPerStream = 1000;

struct FontUse {
    std::unique_ptr<FontFile> file;
    std::vector<bool> glyphs;  // by glyph id: drawn somewhere (a set per glyph drawn was slow)
    std::map<std::uint32_t, std::u32string> to_unicode;
    ToUnicodeIndex to_unicode_index;  // of to_unicode
    ToUnicodeChoice choice;
    HPDF_Dict object = nullptr;
    TextFont text_font;

    void draws(std::uint32_t glyph) {
        if (glyph >= glyphs.size()) glyphs.resize(std::max<std::size_t>(glyph + 1, file->glyph_count()));
        glyphs[glyph] = true;
    }
};

std::string page_name(std::size_t index) { return "page " + std::to_string(index + 1); }

class Writer {
public:
    Writer(const pages::Book& book, std::string target, int threads, KeptStreams* kept, image::PictureCache* cache)
        : book_(book),
          target_(std::move(target)),
          structure_(book.structure, book.pages.size(), target_),
          threads_(std::max(threads, 1)),
          kept_(kept),
          cache_(cache) {}

    std::unique_ptr<HpdfDocument> take_document() { return std::move(document_); }

    // Once the file is written: the cache folder's pack of deflated streams for the
    // next build, and what it gave and took in this one.
    std::optional<image::KeptBytesPack::Counts> save_pack() {
        if (!pack_) return std::nullopt;
        pack_->save();
        return pack_->counts();
    }

    std::string run() {
        validate_pages();
        open_pack();
        open_fonts();
        name_images();
        if (kept_) draw_pages();
        analyse_text();
        document_ = std::make_unique<HpdfDocument>(target_);
        HpdfDocument& doc = *document_;
        write_fonts();
        if (kept_) choose_drawing_context();
        write_pages();
        write_page_labels();
        write_catalog_and_info();
        // libharu's objects are all made: the own objects are numbered after them,
        // each kind from a multiple of kObjectsPerStream, so that a bookmark or a
        // link more or fewer leaves the numbers of the kinds after it as they were.
        doc.start_own_objects(kObjectsPerStream);
        write_outline();
        doc.align_own_objects(kObjectsPerStream);
        write_links();
        doc.align_own_objects(kObjectsPerStream);
        structure_.write(doc, pages_);
        std::string bytes = pack(doc);
        stamp_id(bytes);
        return bytes;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { throw Error({target_}, message, "pdf-input"); }

    void validate_pages() const {
        if (book_.pages.empty()) fail("the book has no pages");
        for (std::size_t i = 0; i < book_.pages.size(); ++i) {
            const auto& page = book_.pages[i];
            if (page.width <= 0 || page.height <= 0) fail(page_name(i) + " has no size");
            for (const auto& link : page.links) {
                if (link.uri.empty() &&
                    (link.target_page < 0 || static_cast<std::size_t>(link.target_page) >= book_.pages.size()))
                    fail(page_name(i) + " has a link to page " + std::to_string(link.target_page + 1) +
                         ", which the book does not have");
            }
        }
        for (const auto& entry : book_.outline) {
            if (entry.page < 0 || static_cast<std::size_t>(entry.page) >= book_.pages.size())
                fail("outline entry \"" + entry.title + "\" points to page " + std::to_string(entry.page + 1) +
                     ", which the book does not have");
        }
    }

    FontUse& font_for(const GlyphRun& run, std::size_t page) {
        if (run.font >= book_.fonts.size())
            fail(page_name(page) + ": text uses font #" + std::to_string(run.font) + ", but the book has " +
                 std::to_string(book_.fonts.size()) + " fonts");
        FontUse& use = fonts_[run.font];
        if (!use.file) {
            use.file = std::make_unique<FontFile>(book_.fonts[run.font], run.font, target_);
            const FontFile* file = use.file.get();
            use.text_font.resource = "F" + std::to_string(run.font);
            use.text_font.width = [file](std::uint32_t g) { return file->width(g); };
            use.text_font.nominal = [file](char32_t c) { return file->nominal(c); };
            use.text_font.to_unicode = &use.to_unicode_index;
        }
        return use;
    }

    // Where deflated streams are looked up by their bytes and kept: the session's
    // store; in a build that is not a session's, the cache folder's pack for this
    // book (named by its title, language, first page's size and whether it is
    // tagged, so that a book and its imposed sheets keep a pack each); else nowhere.
    void open_pack() {
        if (kept_) {
            flates_ = &kept_->bytes;
            return;
        }
        if (!cache_) return;
        const pages::Page& first = book_.pages.front();
        pack_.emplace(*cache_, image::CacheKeyBuilder("pdf deflated streams", Sha256Digest{})
                                   .text("title", book_.info.title)
                                   .text("language", book_.info.language)
                                   .integer("width", first.width)
                                   .integer("height", first.height)
                                   .flag("tagged", !book_.structure.empty())
                                   .finish());
        flates_ = &pack_->bytes();
    }

    // Every font the text uses, opened in the order the pages first use them.
    void open_fonts() {
        fonts_.resize(book_.fonts.size());
        for (std::size_t p = 0; p < book_.pages.size(); ++p)
            for (const auto& item : book_.pages[p].items)
                if (const auto* text = std::get_if<pages::TextItem>(&item); text && !text->run.glyphs.empty())
                    font_for(text->run, p);
    }

    // Every picture's XObject name, in the order the pages first show them.
    void name_images() {
        for (std::size_t p = 0; p < book_.pages.size(); ++p)
            for (const auto& item : book_.pages[p].items)
                if (const auto* image = std::get_if<pages::ImageItem>(&item)) {
                    if (!image->raster) fail(page_name(p) + ": an image has no pixels");
                    const std::string name = "Im" + std::to_string(images_.size());
                    images_.try_emplace(image->raster.get(), name, nullptr);
                }
    }

    // A session's build: what each page draws (DrawingKey), on `threads_` threads,
    // if every font the text uses has an identity (else no page is keyed: a font
    // made by hand cannot be told from another).
    void draw_pages() {
        Sha256 fonts;
        for (std::size_t id = 0; id < fonts_.size(); ++id) {
            if (!fonts_[id].file) continue;
            if (!book_.fonts[id].identified()) return;
            const auto& identity = book_.fonts[id].identity;
            const std::uint64_t number = id;
            fonts.update(std::string_view(reinterpret_cast<const char*>(&number), sizeof number));
            fonts.update(std::span<const std::uint8_t>(identity));
        }
        fonts_identity_ = fonts.finish();
        drawings_.resize(book_.pages.size());
        // In runs of pages, each with one DrawingKey (its state and tables are
        // allocations the other writer's thread would wait for in the one heap).
        constexpr std::size_t kRun = 32;
        const std::size_t runs = (book_.pages.size() + kRun - 1) / kRun;
        for_each_index(runs, threads_, [&](std::size_t run) {
            DrawingKey drawing(book_.structure,
                               [this](const pages::Raster* r) -> const std::string& { return images_.at(r).first; });
            for (std::size_t p = run * kRun; p < std::min(book_.pages.size(), (run + 1) * kRun); ++p)
                drawings_[p] = drawing.page(book_.pages[p]);
        });
    }

    // The key of what `how` makes of page p's drawing in `context`.
    Sha256Digest page_key(std::string_view how, const Sha256Digest& context, std::size_t p) const {
        std::array<char, 48> input{};
        static_assert(sizeof(Sha256Digest) + sizeof(DrawingKey::Digest) == input.size());
        std::memcpy(input.data(), context.data(), context.size());
        std::memcpy(input.data() + context.size(), drawings_[p].data(), drawings_[p].size());
        return kept_key(how, std::string_view(input.data(), input.size()));
    }

    // The glyphs each page's text draws and the texts it gives them, counted per
    // page on `threads_` threads or taken as the session kept them for what the
    // page draws; then counted over the book, page by page, to choose each font's
    // ToUnicode entries.
    void analyse_text() {
        const std::size_t pages = book_.pages.size();
        std::vector<const std::vector<GlyphText>*> kept(pages, nullptr);
        std::vector<Sha256Digest> keys(drawings_.empty() ? 0 : pages);
        for (std::size_t p = 0; p < keys.size(); ++p) {
            keys[p] = page_key("page text", *fonts_identity_, p);
            kept[p] = kept_->page_texts().find(keys[p]);
        }
        std::vector<std::vector<GlyphText>> made(pages);
        for_each_index(pages, threads_, [&](std::size_t p) {
            if (!kept[p]) made[p] = page_text(p);
        });
        for (std::size_t p = 0; p < pages; ++p)
            for (const GlyphText& counted : kept[p] ? *kept[p] : made[p]) {
                FontUse& use = fonts_[counted.font];
                use.draws(counted.glyph);
                use.choice.add(counted);
            }
        for (std::size_t p = 0; p < keys.size(); ++p)
            if (!kept[p]) kept_->page_texts().keep(keys[p], std::move(made[p]));
        choose_text_carrier();
        for (auto& use : fonts_)
            if (use.file) {
                use.to_unicode = use.choice.choose();
                use.to_unicode_index = ToUnicodeIndex(use.to_unicode);
            }
    }

    // One page's glyph texts, each glyph checked against its font.
    std::vector<GlyphText> page_text(std::size_t p) const {
        thread_local ClusterGrouper grouper;
        thread_local PageTextCounter counter;
        counter.clear();  // of a page that failed before
        for (const auto& item : book_.pages[p].items) {
            const auto* text = std::get_if<pages::TextItem>(&item);
            if (!text || text->run.glyphs.empty()) continue;
            const FontId font = text->run.font;
            const FontUse& use = fonts_[font];
            for (const auto& g : text->run.glyphs) {
                // Identity-H codes are two bytes; TrueType has at most 65535 glyphs.
                if (g.id >= use.file->glyph_count() || g.id > 0xFFFF)
                    fail(page_name(p) + ": glyph " + std::to_string(g.id) + " is not in font " +
                         use.file->describe() + " (" + std::to_string(use.file->glyph_count()) + " glyphs)");
            }
            if (text->space_after) {
                // The line-end space the content stream draws (ContentStream::text).
                if (const auto space = use.file->nominal(U' '); space && *space != 0) counter.add(font, *space, U" ");
            }
            for (const auto& group : grouper.group(text->run, use.text_font.nominal))
                counter.add_group(font, text->run, group);
        }
        return counter.take();
    }

    // Images with actual text (emoji) get an invisible glyph from the first font
    // the text uses: its space if it has one.
    void choose_text_carrier() {
        bool wanted = false;
        for (const auto& page : book_.pages)
            for (const auto& item : page.items)
                if (const auto* image = std::get_if<pages::ImageItem>(&item))
                    wanted = wanted || !image->actual_text.empty();
        if (!wanted) return;
        for (auto& use : fonts_) {
            if (!use.file) continue;
            std::uint32_t glyph = 0;
            if (const auto space = use.file->nominal(U' '); space && *space != 0) {
                glyph = *space;
                use.choice.add(glyph, U" ");
            } else if (const auto it = std::find(std::next(use.glyphs.begin(), use.glyphs.empty() ? 0 : 1),
                                                 use.glyphs.end(), true);
                       it != use.glyphs.end()) {
                glyph = static_cast<std::uint32_t>(it - use.glyphs.begin());
            } else {
                continue;
            }
            use.draws(glyph);
            carrier_ = TextCarrier{use.text_font.resource, glyph, use.file->width(glyph)};
            carrier_font_ = static_cast<FontId>(&use - fonts_.data());
            return;
        }
    }

    void write_fonts() {
        for (auto& use : fonts_) {
            if (!use.file) continue;
            std::set<std::uint32_t> drawn;
            for (std::size_t g = 0; g < use.glyphs.size(); ++g)
                if (use.glyphs[g]) drawn.insert(drawn.end(), static_cast<std::uint32_t>(g));
            use.object = embed_font(*document_, *use.file, drawn, use.to_unicode, target_, {kept_ ? &kept_->bytes : nullptr, cache_});
        }
    }

    // An image XObject of 8-bit samples in `space`, its encoded samples held
    // (they stay in the book, or in encoded_here_, till the file is packed).
    HPDF_Dict image_object(HPDF_Dict image, const pages::Raster& raster, const char* space, std::string_view bytes) {
        HpdfDocument& doc = *document_;
        doc.add_name(image, "Type", "XObject");
        doc.add_name(image, "Subtype", "Image");
        doc.add_name(image, "ColorSpace", space);
        doc.add_number(image, "Width", raster.width);
        doc.add_number(image, "Height", raster.height);
        doc.add_number(image, "BitsPerComponent", 8);
        doc.hold(image, bytes, "embedding an image");
        return image;
    }

    // The samples as layout encoded them (image::prepare_for_print); a raster it
    // did not encode (the book of a caller other than layout) is encoded here.
    pages::EncodedSamples encode(const pages::Raster& raster, std::size_t page) const {
        try {
            return image::encode_samples(raster);
        } catch (const Error& e) {
            fail(page_name(page) + ": an image cannot be encoded: " + e.message());
        }
    }

    // An image XObject per distinct raster (the same shared_ptr drawn twice is
    // embedded once): the encoded samples, a JPEG (/DCTDecode) or deflated
    // (/FlateDecode) as the raster's compression says; its alpha, if any, as a
    // deflated soft mask either way.
    const std::pair<std::string, HPDF_Image>& image_for(const pages::ImageItem& item, std::size_t page) {
        const pages::Raster* raster = item.raster.get();
        auto& entry = images_.at(raster);  // named by name_images
        if (entry.second) return entry;

        const auto w = static_cast<std::size_t>(raster->width), h = static_cast<std::size_t>(raster->height);
        const auto channels = static_cast<std::size_t>(raster->channels);
        if (!image::is_well_formed(*raster) || w * h * channels > 0x7FFFFFFF) {
            const std::size_t bytes = raster->encoded ? raster->encoded->colour.size() : raster->pixels.size();
            fail(page_name(page) + ": an image raster is malformed (" + std::to_string(raster->width) + "x" +
                 std::to_string(raster->height) + ", " + std::to_string(raster->channels) + " channels, " +
                 std::to_string(bytes) + (raster->encoded ? " encoded bytes)" : " bytes)"));
        }

        const pages::EncodedSamples& samples =
            raster->encoded ? *raster->encoded
                            : *encoded_here_.emplace_back(std::make_unique<pages::EncodedSamples>(encode(*raster, page)));
        HpdfDocument& doc = *document_;
        const bool jpeg = raster->compression == pages::RasterCompression::jpeg;
        HPDF_Image image = image_object(jpeg ? doc.new_jpeg_stream("embedding a JPEG image")
                                             : doc.new_flate_stream("embedding an image"),
                                        *raster, channels == 1 ? "DeviceGray" : "DeviceRGB", samples.colour);
        if (!samples.alpha.empty())
            doc.add(image, "SMask",
                    image_object(doc.new_flate_stream("embedding an image's alpha channel"), *raster, "DeviceGray",
                                 samples.alpha),
                    "an image's alpha channel");
        entry.second = image;
        return entry;
    }

    // One page's content stream and what it draws with. The stream reads the
    // book, the fonts' metrics and ToUnicode choices and the images' names; each
    // page's is made on its own thread and writes only its own PageContent.
    struct PageContent {
        std::string bytes;     // the content stream's text, until deflated
        std::string deflated;  // as the file holds it, made here
        const std::string* kept = nullptr;  // or as the session kept it from its last build
        Sha256Digest key{};                 // of the deflated stream among the kept ones (flates_)
        Sha256Digest page_key{};            // of what the page draws, ditto
        bool page_kept = false;             // the stream's key and marks came from the session
        // The element of each run of consecutive items of one element, and the run
        // each marked-content sequence (MCID) belongs to, in order.
        std::vector<pages::ElementId> groups;
        std::vector<std::uint32_t> marks;
        std::set<FontId> fonts;
        std::vector<std::pair<std::string, HPDF_Image>> images;  // in first-use order
    };

    // An image with actual text (an emoji) is anchored in the text layer by the carrier glyph.
    bool carried(const pages::ImageItem& image) const { return carrier_ && !image.actual_text.empty(); }

    static bool draws_nothing(const pages::Item& item) {
        const auto* text = std::get_if<pages::TextItem>(&item);
        return text && text->run.glyphs.empty();
    }

    // Runs of consecutive items of one element (a text item without glyphs draws
    // nothing and belongs to none): each is one or more marked-content sequences.
    struct ElementRuns {
        std::optional<pages::ElementId> open;
        // True when `item` starts a run; its element is then `open`.
        bool starts(const pages::Item& item) {
            if (draws_nothing(item) || open == pages::element_of(item)) return false;
            open = pages::element_of(item);
            return true;
        }
    };

    // The page's stream, its runs of elements and its marks (the runs of its MCIDs).
    void make_content(std::size_t p, PageContent& made) const {
        const pages::Page& page = book_.pages[p];
        ContentStream content(page.height);
        ElementRuns runs;
        for (const auto& item : page.items) {
            if (draws_nothing(item)) continue;
            if (structure_.tagged() && runs.starts(item)) {
                const pages::ElementId element = *runs.open;
                made.groups.push_back(element);
                if (element == pages::kArtifact) {
                    content.begin_artifact();
                } else {
                    structure_.check(element, p);
                    const auto run = static_cast<std::uint32_t>(made.groups.size() - 1);
                    content.begin_element(structure_type(book_.structure.elements[static_cast<std::size_t>(element)]),
                                          [&made, run] {
                                              made.marks.push_back(run);
                                              return static_cast<int>(made.marks.size() - 1);
                                          });
                }
            }
            if (const auto* text = std::get_if<pages::TextItem>(&item)) {
                content.text(*text, fonts_[text->run.font].text_font);
            } else if (const auto* rule = std::get_if<pages::RuleItem>(&item)) {
                content.rule(*rule);
            } else if (const auto* rect = std::get_if<pages::RectItem>(&item)) {
                content.rect(*rect);
            } else if (const auto* image = std::get_if<pages::ImageItem>(&item)) {
                content.image(*image, images_.at(image->raster.get()).first, carried(*image) ? &*carrier_ : nullptr);
            }
        }
        content.end_marking();
        made.bytes = content.take_bytes();
    }

    // A kept stream's runs of elements, as make_content finds them, checked as it checks them.
    void find_runs(std::size_t p, PageContent& made) const {
        if (!structure_.tagged()) return;
        ElementRuns runs;
        for (const auto& item : book_.pages[p].items) {
            if (!runs.starts(item)) continue;
            made.groups.push_back(*runs.open);
            if (*runs.open != pages::kArtifact) structure_.check(*runs.open, p);
        }
    }

    // The fonts and images the page's stream names in its resources.
    void find_resources(std::size_t p, PageContent& made) const {
        for (const auto& item : book_.pages[p].items) {
            if (draws_nothing(item)) continue;
            if (const auto* text = std::get_if<pages::TextItem>(&item)) {
                made.fonts.insert(text->run.font);
            } else if (const auto* image = std::get_if<pages::ImageItem>(&item)) {
                const auto& entry = images_.at(image->raster.get());
                if (carried(*image)) made.fonts.insert(carrier_font_);
                bool listed = false;
                for (const auto& used : made.images) listed = listed || used.second == entry.second;
                if (!listed) made.images.push_back(entry);
            }
        }
    }

    // Every picture's XObject, in the order the pages first show them.
    void make_images() {
        for (std::size_t p = 0; p < book_.pages.size(); ++p)
            for (const auto& item : book_.pages[p].items)
                if (const auto* image = std::get_if<pages::ImageItem>(&item)) image_for(*image, p);
    }

    // The pages' content streams, on `threads_` threads (each writes its own
    // PageContent; once a string per number and per TJ array contended for the
    // one malloc arena, now they allocate little: 20 makings of the corpus's
    // streams took 0.31-0.37 s on two threads, 0.43-0.54 s on one), each deflated
    // as soon as it is made, unless a session keeps the streams; then each page
    // entered in order: its stream, its MCIDs numbered, its resources listed.
    void write_pages() {
        HpdfDocument& doc = *document_;
        make_images();
        std::vector<PageContent>& contents = contents_;
        contents.resize(book_.pages.size());
        if (kept_) {
            make_kept_contents(contents);
            keep_contents(contents);
        } else {
            make_contents(contents);
        }
        for (std::size_t p = 0; p < book_.pages.size(); ++p) {
            const PageContent& made = contents[p];
            const pages::Page& page = book_.pages[p];
            HPDF_Page pdf_page = doc.check(HPDF_AddPage(doc.doc()), "adding a page");
            doc.check(HPDF_Page_SetWidth(pdf_page, static_cast<HPDF_REAL>(pt_from_sp(page.width))),
                      "setting the page size");
            doc.check(HPDF_Page_SetHeight(pdf_page, static_cast<HPDF_REAL>(pt_from_sp(page.height))),
                      "setting the page size");
            pages_.push_back(pdf_page);
            for (const std::uint32_t run : made.marks) structure_.mark(made.groups[run], p);
            doc.hold(doc.flate_content(pdf_page), made.kept ? *made.kept : made.deflated, "writing a page's content");

            auto* resources = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(pdf_page, "Resources", HPDF_OCLASS_DICT));
            doc.check(resources, "page resources");
            if (!made.fonts.empty()) {
                HPDF_Dict font_dict = doc.add_dict(resources, "Font");
                for (FontId id : made.fonts)
                    doc.add(font_dict, fonts_[id].text_font.resource.c_str(), fonts_[id].object, "page fonts");
            }
            if (!made.images.empty()) {
                HPDF_Dict xobjects = doc.add_dict(resources, "XObject");
                for (const auto& [name, image] : made.images)
                    doc.add(xobjects, name.c_str(), image, "page images");
            }
        }
    }

    // A session's build. A page that draws what a page of the last build drew
    // (DrawingKey, with the fonts' choices: drawing_context_) takes that page's
    // stream and marks as they are; another page's stream is made, and deflated
    // unless the same bytes were kept. Looked up on one thread (a lookup marks the
    // entry used), made and deflated on `threads_`.
    void make_kept_contents(std::vector<PageContent>& contents) {
        if (drawing_context_) {
            for (std::size_t p = 0; p < contents.size(); ++p) {
                contents[p].page_key = page_key("page content", *drawing_context_, p);
                take_kept_page(contents[p]);
            }
        }
        for_each_index(contents.size(), threads_, [&](std::size_t p) {
            PageContent& made = contents[p];
            find_resources(p, made);
            if (made.page_kept) {
                find_runs(p, made);
                const bool marks_fit =
                    std::all_of(made.marks.begin(), made.marks.end(), [&](std::uint32_t run) { return run < made.groups.size(); });
                if (marks_fit) return;
                made.page_kept = false;  // not this page's after all: made again
                made.kept = nullptr;
                made.marks.clear();
                made.groups.clear();
            }
            make_content(p, made);
            made.key = kept_key("flate", made.bytes);
        });
        deflate_contents(contents);
    }

    // A build that is not a session's: every page's stream made on `threads_`
    // threads, and deflated there unless there is a pack (flates_) to look in.
    void make_contents(std::vector<PageContent>& contents) {
        for_each_index(contents.size(), threads_, [&](std::size_t p) {
            PageContent& made = contents[p];
            make_content(p, made);
            find_resources(p, made);
            if (flates_) {
                made.key = kept_key("flate", made.bytes);
            } else {
                made.deflated = flate(made.bytes);
                made.bytes = std::string();  // its memory is the next page's
            }
        });
        if (flates_) deflate_contents(contents);
    }

    // Each stream not taken with its page (page_kept) found in flates_ by its bytes
    // (looked up on one thread: a lookup marks the entry used), or deflated on
    // `threads_` threads and kept there.
    void deflate_contents(std::vector<PageContent>& contents) {
        for (PageContent& made : contents)
            if (!made.page_kept) made.kept = flates_->find(made.key);
        for_each_index(contents.size(), threads_, [&](std::size_t p) {
            PageContent& made = contents[p];
            if (made.kept) return;
            made.deflated = flate(made.bytes);
            made.bytes = std::string();
        });
        for (PageContent& made : contents)
            if (!made.kept) made.kept = &flates_->keep(made.key, std::move(made.deflated));
    }

    // The stream's key and marks kept for what the page draws, and the stream
    // under that key; nothing if either is gone or unreadable.
    void take_kept_page(PageContent& made) {
        const std::string* entry = kept_->bytes.find(made.page_key);
        if (!entry) return;
        PayloadReader in(*entry);
        const std::string_view key = in.bytes();
        const std::uint64_t marks = in.u64();
        in.require(key.size() == made.key.size() && marks <= entry->size());
        if (!in.ok()) return;
        std::copy(key.begin(), key.end(), reinterpret_cast<char*>(made.key.data()));
        made.marks.resize(static_cast<std::size_t>(marks));
        for (std::uint32_t& run : made.marks) run = static_cast<std::uint32_t>(in.i32());
        if (!in.finished() || !(made.kept = kept_->bytes.find(made.key))) {
            made.marks.clear();
            made.kept = nullptr;
            return;
        }
        made.page_kept = true;
    }

    // What this build made, for the next: each deflated stream under its bytes'
    // key, and each page's stream key and marks under what it draws.
    void keep_contents(std::vector<PageContent>& contents) {
        for (PageContent& made : contents) {
            if (made.page_kept) continue;
            if (drawing_context_) {
                PayloadWriter entry;
                entry.bytes(std::string_view(reinterpret_cast<const char*>(made.key.data()), made.key.size()));
                entry.u64(made.marks.size());
                for (const std::uint32_t run : made.marks) entry.i32(static_cast<std::int32_t>(run));
                kept_->bytes.keep(made.page_key, entry.take());
            }
        }
    }

    // What the pages' streams read of the fonts, the same for every page: the
    // fonts' identities and ToUnicode choices, the text carrier, whether the book
    // is tagged. None when the pages are not keyed (draw_pages).
    void choose_drawing_context() {
        if (drawings_.empty()) return;
        std::string context;
        const auto& identity = *fonts_identity_;
        context.append(reinterpret_cast<const char*>(identity.data()), identity.size());
        const auto put = [&context](const void* data, std::size_t size) {
            context.append(static_cast<const char*>(data), size);
        };
        const auto put_number = [&put](std::uint64_t v) { put(&v, sizeof v); };
        put_number(structure_.tagged());
        put_number(carrier_ ? 1 : 0);
        if (carrier_) {
            put_number(carrier_font_);
            put_number(carrier_->glyph);
            put_number(static_cast<std::uint64_t>(carrier_->width));
        }
        for (std::size_t id = 0; id < fonts_.size(); ++id) {
            const FontUse& use = fonts_[id];
            if (!use.file) continue;
            put_number(id);
            put_number(use.to_unicode.size());
            for (const auto& [glyph, text] : use.to_unicode) {
                put_number(glyph);
                put_number(text.size());
                put(text.data(), text.size() * sizeof(char32_t));
            }
        }
        drawing_context_ = sha256(context);
    }

    // The link annotations: booklet's own objects (as thousands of them were some
    // thirty libharu allocations each), a URI action or a destination each, in the
    // page's /Annots. PDF/UA: the page visits its annotations in structure order
    // (/Tabs /S).
    void write_links() {
        HpdfDocument& doc = *document_;
        for (std::size_t p = 0; p < book_.pages.size(); ++p) {
            const pages::Page& page = book_.pages[p];
            if (page.links.empty()) continue;
            HPDF_Array annots = doc.add_array(pages_[p], "Annots");
            if (structure_.tagged()) doc.add_name(pages_[p], "Tabs", "S");
            for (const auto& link : page.links) {
                const std::uint32_t annot = doc.new_own_object("adding a link");
                doc.add(annots, doc.own_reference(annot, "adding a link"), "adding a link");
                const Rect& r = link.rect;
                ObjectText out;
                out.open_dict().name("Rect").open_array();
                for (const Sp v : {r.x, page.height - r.y - r.height, r.x + r.width, page.height - r.y})
                    out.number(points(v));
                out.close_array().name("Type").name("Annot").name("Subtype").name("Link");
                if (!link.uri.empty()) {
                    out.name("A").open_dict().name("Type").name("Action").name("S").name("URI");
                    out.name("URI").bytes(ascii_uri(link.uri)).close_dict();
                } else {
                    const auto target = static_cast<std::size_t>(link.target_page);
                    out.name("Dest");
                    write_destination(out, target, link.target_y);
                }
                out.name("P").reference(HpdfDocument::number_of(pages_[p]));
                // Links are marked by the text itself; a border would draw boxes on screen.
                out.name("Border").open_array().integer(0).integer(0).integer(0).close_array();
                if (structure_.tagged()) tag_link(link, p, annot, out);
                doc.set_own_value(annot, out.close_dict().take());
            }
        }
    }

    // [page /XYZ null top null]: scroll to y on the target page, keep the
    // horizontal position and the zoom (PDF 1.7, table 151).
    void write_destination(ObjectText& out, std::size_t page, Sp y) const {
        out.open_array().reference(HpdfDocument::number_of(pages_[page])).name("XYZ");
        out.keyword("null").number(points(book_.pages[page].height - y)).keyword("null").close_array();
    }

    // PDF/UA: an annotation is reached from its Link element (OBJR) and back
    // (/StructParent), and says what it is (/Contents).
    void tag_link(const pages::LinkArea& link, std::size_t page, std::uint32_t annot, ObjectText& out) {
        if (link.element != pages::kArtifact) out.name("StructParent").integer(structure_.link(link.element, page, annot));
        const std::string& description = !link.description.empty() ? link.description : link.uri;
        if (!description.empty()) out.name("Contents").text(description);
    }

    // The bookmarks: booklet's own objects, an entry with its destination in each
    // (libharu made two objects of each, over a thousand in the corpus), every
    // entry open.
    void write_outline() {
        if (book_.outline.empty()) return;
        HpdfDocument& doc = *document_;
        std::vector<int> levels;
        for (const auto& entry : book_.outline) levels.push_back(entry.level);
        const OutlineTree tree = outline_tree(levels);
        const std::size_t n = levels.size();
        std::vector<std::uint32_t> numbers(n + 1);  // the root last, as in the tree
        numbers[n] = doc.new_own_object("adding bookmarks");
        for (std::size_t i = 0; i < n; ++i) numbers[i] = doc.new_own_object("adding a bookmark");
        const auto refer = [&](ObjectText& out, const char* key, std::size_t entry) {
            if (entry != OutlineTree::kNone) out.name(key).reference(numbers[entry]);
        };
        for (std::size_t i = 0; i <= n; ++i) {
            ObjectText out;
            out.open_dict();
            if (i == n) {
                out.name("Type").name("Outlines");
            } else {
                out.name("Title").text(book_.outline[i].title).name("Parent").reference(numbers[tree.parent[i]]);
                refer(out, "Prev", tree.prev[i]);
                refer(out, "Next", tree.next[i]);
            }
            refer(out, "First", tree.first[i]);
            refer(out, "Last", tree.last[i]);
            if (tree.count[i] > 0) out.name("Count").integer(static_cast<std::int64_t>(tree.count[i]));
            if (i < n) {
                out.name("Dest");
                write_destination(out, static_cast<std::size_t>(book_.outline[i].page), book_.outline[i].y);
            }
            doc.set_own_value(numbers[i], out.close_dict().take());
        }
        doc.add(doc.doc()->catalog, "Outlines", doc.own_reference(numbers[n], "adding bookmarks"), "adding bookmarks");
        doc.check(HPDF_SetPageMode(doc.doc(), HPDF_PAGE_MODE_USE_OUTLINE), "showing bookmarks");
    }

    void write_page_labels() {
        std::vector<std::string> labels;
        for (const auto& page : book_.pages) labels.push_back(page.label);
        const auto ranges = label_ranges(labels);
        if (ranges.empty()) return;
        HpdfDocument& doc = *document_;
        HPDF_Dict page_labels = doc.add_dict(doc.doc()->catalog, "PageLabels");
        HPDF_Array nums = doc.add_array(page_labels, "Nums");
        for (const auto& range : ranges) {
            doc.add_number(nums, static_cast<std::int64_t>(range.first));
            HPDF_Dict label = doc.check(HPDF_Dict_New(doc.mmgr()), "page labels");
            doc.add(nums, label, "page labels");
            if (range.style != 0) {
                const char style[2] = {range.style, '\0'};
                doc.add_name(label, "S", style);
                if (range.start != 1) doc.add_number(label, "St", range.start);
            }
            if (!range.prefix.empty()) doc.add_text(label, "P", range.prefix);
        }
    }

    void write_catalog_and_info() {
        HpdfDocument& doc = *document_;
        const pages::DocumentInfo& info = book_.info;
        HPDF_Dict catalog = doc.doc()->catalog;
        if (!info.language.empty()) {
            // A BCP 47 tag is ASCII letters, digits and hyphens.
            doc.add_ascii(catalog, "Lang", name_characters(info.language, "und"));
        }
        if (!info.title.empty() || info.bound_right) {
            HPDF_Dict preferences = doc.add_dict(catalog, "ViewerPreferences");
            if (!info.title.empty())
                doc.check(HPDF_Dict_AddBoolean(preferences, "DisplayDocTitle", HPDF_TRUE), "viewer preferences");
            // Spreads shown as the book opens: page 2 at the right of page 3.
            if (info.bound_right) doc.add_name(preferences, "Direction", "R2L");
        }

        HPDF_Dict metadata = doc.new_stream(xmp_metadata(info, structure_.tagged()), false, "XMP metadata");
        doc.add_name(metadata, "Type", "Metadata");
        doc.add_name(metadata, "Subtype", "XML");
        doc.add(catalog, "Metadata", metadata, "XMP metadata");

        // libharu made the info dictionary with its own Producer; replace it.
        HPDF_Dict dict = doc.doc()->info;
        doc.check(dict, "document info");
        const std::pair<const char*, const std::string*> fields[] = {{"Title", &info.title},
                                                                     {"Author", &info.author},
                                                                     {"Subject", &info.subject},
                                                                     {"Keywords", &info.keywords},
                                                                     {"Creator", &info.creator}};
        for (const auto& [key, value] : fields)
            if (!value->empty()) doc.add_text(dict, key, *value);
        doc.add_ascii(dict, "Producer", "booklet");
        if (const auto date = pdf_date(info.date)) {
            doc.add_ascii(dict, "CreationDate", *date);
            doc.add_ascii(dict, "ModDate", *date);
        }

        // The file identifier (PDF 1.7, 14.4) must depend on the content only,
        // never on the clock: write zeros now, fill in the hash after saving.
        HPDF_Array id = doc.add_array(doc.doc()->trailer, "ID");
        doc.add_binary(id, std::string(16, '\0'));
        doc.add_binary(id, std::string(16, '\0'));
    }

    // libharu's file, packed into object streams as it is written (object_streams.hpp).
    std::string pack(HpdfDocument& doc) const {
        auto packed = pack_object_streams([&doc] { return doc.save(); }, doc.own_values(), doc.held_streams(),
                                          kObjectsPerStream, threads_, flates_);
        if (!packed) throw Error({target_}, "cannot pack the written PDF's objects into object streams", "pdf-library");
        return std::move(*packed);
    }

    // The /ID placeholders are in the cross-reference stream's dictionary.
    void stamp_id(std::string& bytes) const {
        const std::string placeholder = "<" + std::string(32, '0') + ">";
        const std::size_t trailer = bytes.rfind("/Type /XRef");
        const std::size_t second = bytes.rfind(placeholder);
        const std::size_t first =
            second == std::string::npos || second == 0 ? std::string::npos : bytes.rfind(placeholder, second - 1);
        if (trailer == std::string::npos || first == std::string::npos || first < trailer)
            throw Error({target_}, "cannot find the file identifier in the written PDF", "pdf-library");
        // The file's XXH3-128: an identifier as long as the MD5 PDF writers use, the
        // same for the same file. It names the file, it protects nothing, so no
        // cryptographic hash is needed: libharu's MD5 took 4 ms of a rebuild of the
        // corpus, SHA-256 1.4 ms, this a tenth of that.
        const Digest128 digest = digest128(bytes.data(), bytes.size());
        const std::string value = hex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
        bytes.replace(first + 1, 32, value);
        bytes.replace(second + 1, 32, value);
    }

    const pages::Book& book_;
    std::string target_;
    std::vector<FontUse> fonts_;
    std::vector<HPDF_Page> pages_;
    StructureWriter structure_;
    std::optional<TextCarrier> carrier_;
    // A session's build: what each page draws, with the fonts' identities (none
    // when a font has none), and what every page's stream reads of the fonts.
    std::vector<DrawingKey::Digest> drawings_;
    std::optional<Sha256Digest> fonts_identity_, drawing_context_;
    FontId carrier_font_ = 0;
    std::unordered_map<const pages::Raster*, std::pair<std::string, HPDF_Image>> images_;
    // The pages' streams, and the samples of pictures layout did not encode, held
    // by the document (HpdfDocument::hold) till it is packed.
    std::vector<PageContent> contents_;
    std::vector<std::unique_ptr<pages::EncodedSamples>> encoded_here_;
    int threads_ = 1;
    KeptStreams* kept_ = nullptr;  // the session's, or none
    std::optional<image::KeptBytesPack> pack_;  // the cache folder's, in a build that is not a session's
    KeptBytes* flates_ = nullptr;               // open_pack()
    image::PictureCache* cache_ = nullptr;  // the cache folder's, or none
    // The libharu document, made by run() and freed (or handed to a ReleaseLater)
    // once the file is written: libharu freeing its objects took 7 ms of a rebuild.
    std::unique_ptr<HpdfDocument> document_;
};

}  // namespace

KeptStreams::KeptStreams() : page_texts_(std::make_unique<PageTexts>()) {}
KeptStreams::~KeptStreams() = default;

void KeptStreams::next_build() {
    bytes.next_build();
    page_texts_->next_build();
}

std::size_t KeptStreams::size() const { return bytes.size() + page_texts_->size(); }

std::optional<image::KeptBytesPack::Counts> write_pdf(const pages::Book& book, const std::filesystem::path& target,
                                                      int threads, KeptStreams* kept, ReleaseLater* later,
                                                      image::PictureCache* cache) {
    Writer writer(book, target.string(), threads, kept, cache);
    const std::string bytes = writer.run();
    write_bytes_atomically(target, bytes);
    release_later(later, writer.take_document());
    return writer.save_pack();
}

}  // namespace booklet::pdf
