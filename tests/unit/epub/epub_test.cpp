#include "booklet/source_dir.hpp"
#include "epub_reader.hpp"
#include "sample_document.hpp"
#include "scratch.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/epub.hpp"
#include "booklet/image.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <set>

namespace fs = std::filesystem;
using namespace booklet;
using booklet::test::EpubFile;
using booklet::test::Xml;

namespace {

constexpr std::int64_t kModified = 1727577000;  // 2024-09-29T02:30:00Z: inside Auckland's DST gap

fs::path temp_dir() { return test::scratch_folder("epub-test"); }

struct Built {
    EpubFile epub;
    Diagnostics diags;
};

Built build(const model::Document& doc, const style::Style& style = {}, const std::string& name = "sample.epub") {
    Built b;
    const fs::path target = temp_dir() / name;
    const cite::Citations cites = cite::cite_document(doc, style.links, kModified);
    epub::write_epub(doc, cites, style, epub::Settings{kModified}, target, b.diags);
    b.epub = test::read_epub(target);
    return b;
}

const Built& sample() {
    static const Built built = build(test::sample_document());
    return built;
}

std::size_t count_kind(const Diagnostics& d, const std::string& kind) { return d.count_by_kind().count(kind) ? d.count_by_kind().at(kind) : 0; }

std::string dir_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// "EPUB/text/" + "../images/x.png" -> "EPUB/images/x.png"
std::string join(const std::string& dir, const std::string& href) {
    std::vector<std::string> parts;
    std::string all = dir + href, part;
    std::istringstream in(all);
    while (std::getline(in, part, '/')) {
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::vector<std::string> xhtml_names(const EpubFile& e) {
    std::vector<std::string> out;
    for (const auto& n : e.names)
        if (n.size() > 6 && n.substr(n.size() - 6) == ".xhtml") out.push_back(n);
    return out;
}

}  // namespace

TEST_CASE("container: mimetype first, stored, without extra field; fixed entry order") {
    const EpubFile& e = sample().epub;
    const std::string& b = e.bytes;
    REQUIRE(b.size() > 60);
    CHECK(b.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(b[8] == 0);
    CHECK(b[9] == 0);                     // compression method: stored
    CHECK((b[28] == 0 && b[29] == 0));    // extra field length
    CHECK(b.substr(30, 8) == "mimetype");
    CHECK(b.substr(38, 20) == "application/epub+zip");
    REQUIRE(e.names.size() >= 6);
    CHECK(e.names[0] == "mimetype");
    CHECK(e.names[1] == "META-INF/container.xml");
    CHECK(e.names[2] == "EPUB/package.opf");
    const Xml container(e.at("META-INF/container.xml"));
    CHECK(container.one("/c:container/c:rootfiles/c:rootfile/@full-path") == "EPUB/package.opf");
}

TEST_CASE("package document: metadata, accessibility, manifest and spine") {
    const EpubFile& e = sample().epub;
    const Xml opf(e.at("EPUB/package.opf"), "package.opf");
    // uuid.uuid5(uuid.NAMESPACE_URL, "test-booklet") in Python
    CHECK(opf.one("//dc:identifier[@id='book-id']") == "urn:uuid:3286f411-bc92-5b5c-a33a-2311de77fe01");
    CHECK(opf.one("/opf:package/@unique-identifier") == "book-id");
    CHECK(opf.one("//dc:title[@id='title']") == "Booklet <Test> & ]]>");
    CHECK(opf.one("//opf:meta[@refines='#subtitle'][@property='title-type']") == "subtitle");
    CHECK(opf.one("//dc:title[@id='subtitle']") == "Every construct & bad input");
    CHECK(opf.all("//dc:language") == std::vector<std::string>{"en", "nl"});
    CHECK(opf.all("//dc:creator") == std::vector<std::string>{"Ann & Bob", "Zoë Ünal"});
    CHECK(opf.count("//opf:meta[@property='role'][@scheme='marc:relators'][.='aut']") == 2);
    CHECK(opf.one("//opf:meta[@property='dcterms:modified']") == "2024-09-29T02:30:00Z");
    CHECK(opf.one("//dc:date") == "2024-09-29");
    CHECK(opf.one("//dc:rights") == "CC BY 4.0 <text>");
    for (const char* p : {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                          "schema:accessibilityHazard", "schema:accessibilitySummary"})
        CHECK(opf.count(std::string("//opf:meta[@property='") + p + "']") >= 1);
    CHECK(opf.count("//opf:meta[@property='schema:accessibilityFeature'][.='alternativeText']") == 1);
    CHECK(opf.count("//opf:meta[@property='dcterms:conformsTo']") == 1);

    // Every manifest item is in the container, and every file is in the manifest.
    std::set<std::string> manifest;
    for (const std::string& href : opf.all("//opf:manifest/opf:item/@href")) {
        INFO(href);
        CHECK(e.has("EPUB/" + href));
        manifest.insert("EPUB/" + href);
    }
    for (const std::string& name : e.names)
        if (name != "mimetype" && name.rfind("META-INF/", 0) != 0 && name != "EPUB/package.opf") CHECK(manifest.count(name) == 1);
    CHECK(opf.one("//opf:item[@properties='nav']/@href") == "nav.xhtml");
    CHECK(opf.one("//opf:item[@properties='cover-image']/@media-type") == "image/jpeg");
    CHECK(opf.one("//opf:meta[@name='cover']/@content") == opf.one("//opf:item[@properties='cover-image']/@id"));
    CHECK(opf.all("//opf:spine/opf:itemref/@idref") ==
          std::vector<std::string>{"cover", "titlepage", "nav", "chapter-001", "chapter-002", "chapter-003", "chapter-004", "sources"});
    CHECK(opf.one("//opf:spine/@toc") == "ncx");
}

TEST_CASE("navigation: toc of chapters and sections, landmarks, NCX") {
    const EpubFile& e = sample().epub;
    const Xml nav(e.at("EPUB/nav.xhtml"), "nav.xhtml");
    const std::string toc = "//x:nav[@epub:type='toc']";
    CHECK(nav.all(toc + "/x:ol/x:li/x:a") ==
          std::vector<std::string>{"Introduction: <all> & everything", "Tweede hoofdstuk", "empty", "../we<ird> id/", "Sources"});
    CHECK(nav.all(toc + "/x:ol/x:li/x:a/@href")[0] == "text/001-intro.xhtml");
    // Sections: the two top heading levels, nested; the empty heading is left out.
    CHECK(nav.one(toc + "/x:ol/x:li[1]/x:ol/x:li[1]/x:a/@href") == "text/001-intro.xhtml#overview");
    CHECK(nav.all(toc + "/x:ol/x:li[1]/x:ol/x:li[2]/x:ol/x:li/x:a") == std::vector<std::string>{"Duplicate two", "Odd id"});
    CHECK(nav.one(toc + "/x:ol/x:li[1]/x:ol/x:li[2]/x:ol/x:li[1]/x:a/@href") == "text/001-intro.xhtml#dup-2");
    CHECK(nav.one("//x:nav[@epub:type='landmarks']//x:a[@epub:type='cover']/@href") == "text/cover.xhtml");
    CHECK(nav.one("//x:nav[@epub:type='landmarks']//x:a[@epub:type='toc']/@href") == "nav.xhtml#toc");
    CHECK(nav.one("//x:nav[@epub:type='landmarks']//x:a[@epub:type='bodymatter']/@href") == "text/001-intro.xhtml");

    const Xml ncx(e.at("EPUB/toc.ncx"), "toc.ncx");
    const Xml opf(e.at("EPUB/package.opf"));
    CHECK(ncx.one("//ncx:meta[@name='dtb:uid']/@content") == opf.one("//dc:identifier"));
    CHECK(ncx.count("//ncx:navPoint") == nav.count(toc + "//x:li"));
    std::vector<std::string> orders = ncx.all("//ncx:navPoint/@playOrder");
    for (std::size_t i = 0; i < orders.size(); ++i) CHECK(orders[i] == std::to_string(i + 1));
}

TEST_CASE("content documents: well-formed, no script, unique ids, every link resolves") {
    const EpubFile& e = sample().epub;
    std::map<std::string, std::set<std::string>> ids;
    for (const std::string& name : xhtml_names(e)) {
        INFO(name);
        const Xml doc(e.at(name), name);
        CHECK(doc.count("//x:script") == 0);
        CHECK(doc.count("//@*[starts-with(name(), 'on')]") == 0);
        CHECK(!doc.one("/x:html/@lang").empty());
        CHECK(doc.one("/x:html/@lang") == doc.one("/x:html/@xml:lang"));
        const std::vector<std::string> list = doc.all("//@id");
        ids[name] = std::set<std::string>(list.begin(), list.end());
        CHECK(ids[name].size() == list.size());  // unique
    }
    for (const std::string& name : xhtml_names(e)) {
        const Xml doc(e.at(name), name);
        for (const std::string& href : doc.all("//x:a/@href | //x:img/@src | //x:link/@href")) {
            INFO(name << " -> " << href);
            CHECK(href.find("javascript") == std::string::npos);
            if (href.find(':') != std::string::npos) {
                CHECK((href.rfind("https://", 0) == 0 || href.rfind("mailto:", 0) == 0 || href.rfind("tel:", 0) == 0));
                continue;
            }
            const auto hash = href.find('#');
            const std::string file = hash == 0 ? name : join(dir_of(name), href.substr(0, hash));
            CHECK(e.has(file));
            if (hash != std::string::npos) CHECK(ids[file].count(href.substr(hash + 1)) == 1);
        }
    }
}

TEST_CASE("hostile text is escaped and cleaned, never interpreted") {
    const EpubFile& e = sample().epub;
    const std::string& raw = e.at("EPUB/text/001-intro.xhtml");
    const Xml doc(raw);
    const std::string p = doc.one("//x:section/x:p[1]");
    CHECK(p.find("a < b && c > d ]]> \"q\"") == 0);
    CHECK(p.find("<script>alert(1)</script>") != std::string::npos);
    CHECK(p.find("\xEF\xBF\xBD bad") != std::string::npos);  // the stray byte became U+FFFD
    for (const char* bad : {"\x01", "\x0B", "\x1F", "\xC2\x85", "\xEF\xBF\xBE", "\xEF\xB7\x90", "\x02"}) {
        for (const std::string& name : xhtml_names(e)) CHECK(e.at(name).find(bad) == std::string::npos);
        CHECK(e.at("EPUB/package.opf").find(bad) == std::string::npos);
    }
    CHECK(doc.one("//x:pre/x:code[@class='language-c++']").find("]]> <script>x</script>") != std::string::npos);
}

TEST_CASE("headings keep their ids, deduplicated; lists, quotes, tables, figures, details") {
    const Xml doc(sample().epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(doc.one("//x:h2[.='Overview']/@id") == "overview");
    CHECK(doc.one("//x:h2[.='Duplicate one']/@id") == "dup");
    CHECK(doc.one("//x:h3[.='Duplicate two']/@id") == "dup-2");
    CHECK(doc.one("//x:h3[.='Odd id']/@id") == "a-b-c-d");
    CHECK(doc.one("//x:h2[.='Heading whose id the writer uses']/@id") == "chapter-title-2");
    CHECK(doc.count("//x:h4") == 0);  // the empty heading
    CHECK(doc.one("//x:ol[x:li='three']/@start") == "3");
    CHECK(doc.count("//x:li[.='nested']/ancestor::x:li/x:p") == 2);  // loose item keeps paragraphs
    CHECK(doc.one("//x:ul[@class='tasks']/x:li[1]/x:span[@role='img']/@aria-label") == "done");
    CHECK(doc.one("//x:ul[@class='tasks']/x:li[1]/x:span") == "\xE2\x98\x91");
    CHECK(doc.one("//x:ul[@class='tasks']/x:li[2]/x:span") == "\xE2\x98\x90");
    CHECK(doc.one("//x:figure[@class='quote']/x:figcaption") == "\xE2\x80\x94 Shakespeare, Hamlet");
    CHECK(doc.all("//x:figure[@class='quote']/x:figcaption")[1] == "\xE2\x80\x94 Someone");
    CHECK(doc.count("//x:blockquote/x:blockquote") == 1);
    CHECK(doc.count("//x:table[1]/x:thead/x:tr/x:th[@scope='col']") == 5);
    CHECK(doc.one("//x:table[1]//x:th[2]/@class") == "align-center");
    CHECK(doc.count("(//x:table)[1]/x:tbody/x:tr[1]/x:td") == 5);  // the short row is padded
    CHECK(doc.one("//x:figure[x:img]/x:figcaption") == "A caption with style");
    CHECK(doc.one("//x:div[@class='details']/x:p[@class='summary']") == "More details");
    CHECK(doc.one("//x:div[@class='details']/x:h3/@id") == "in-details");
    CHECK(doc.count("//x:hr") == 1);
    CHECK(doc.count("//x:p[.='']") == 0);
}

TEST_CASE("footnotes: noterefs without <sup> inside, asides at the end with back-links") {
    const Xml doc(sample().epub.at("EPUB/text/001-intro.xhtml"));
    const std::string ref = "//x:a[@epub:type='noteref']";
    REQUIRE(doc.count(ref) == 3);
    CHECK(doc.count(ref + "[@role='doc-noteref']") == 3);
    CHECK(doc.count(ref + "[parent::x:sup]") == 3);
    CHECK(doc.count(ref + "//x:sup") == 0);
    CHECK(doc.all(ref + "/@id") == std::vector<std::string>{"fnref-1", "fnref-2", "fnref-1-2"});
    // The heading took "fn-1", so the note is fn-1-2; both references to it point there.
    CHECK(doc.all(ref + "/@href") == std::vector<std::string>{"#fn-1-2", "#fn-2", "#fn-1-2"});
    const std::string aside = "/x:html/x:body/x:aside[@epub:type='footnote'][@role='doc-footnote']";
    REQUIRE(doc.count(aside) == 3);
    CHECK(doc.all(aside + "/@id") == std::vector<std::string>{"fn-1-2", "fn-2", "fn-3"});
    CHECK(doc.one(aside + "[1]/x:p[1]/x:a[1][@role='doc-backlink']/@href") == "#fnref-1");
    CHECK(doc.one(aside + "[2]/x:p[1]/x:a[1][@role='doc-backlink']/@href") == "#fnref-2");
    CHECK(doc.count(aside + "[2]/x:pre") == 1);
    CHECK(doc.count(aside + "[3]//x:a") == 0);  // never referenced: nothing to go back to
    CHECK(doc.count("//x:section//x:aside") == 0);  // after the chapter's text
    CHECK(count_kind(sample().diags, "footnote-missing") == 1);
}

TEST_CASE("links: external live, internal to file#anchor, unresolved and unsafe as plain text") {
    const Built& b = sample();
    const Xml one(b.epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(one.one("//x:a[.='search & find']/@href") == "https://example.com/search?q=a&b=c%20d%22%3C%3E");
    CHECK(one.one("//x:a[.='search & find']/@id") == "cite-1");
    CHECK(one.one("//x:a[.=\"second chapter's target\"]/@href") == "002-second.xhtml#target");
    CHECK(one.one("//x:a[.='the second chapter']/@href") == "002-second.xhtml");
    CHECK(one.one("//x:a[.='a missing anchor']/@href") == "002-second.xhtml");
    CHECK(one.one("//x:a[.='mail us']/@href") == "mailto:info@example.org");
    CHECK(one.one("//x:a[.='https://example.org/empty']/@href") == "https://example.org/empty");
    CHECK(one.count("//x:a//x:a") == 0);
    const std::string text = one.one("//x:p[starts-with(., 'Links:')]");
    for (const char* plain : {"a script link", "a missing chapter", "a page outside the booklet"}) {
        CHECK(text.find(plain) != std::string::npos);
        CHECK(one.count(std::string("//x:a[contains(., '") + plain + "')]") == 0);
    }
    const Xml two(b.epub.at("EPUB/text/002-second.xhtml"));
    CHECK(two.one("//x:a[.='het overzicht']/@href") == "001-intro.xhtml#overview");
    CHECK(two.one("//x:a[.='dit doel']/@href") == "#target");
    CHECK(count_kind(b.diags, "link-unresolved") == 1);  // the unknown chapter; unresolved ones were reported upstream
    CHECK(count_kind(b.diags, "link-unsafe") == 0);  // the markdown stage refused it, and said so
    CHECK(count_kind(b.diags, "link-anchor-missing") == 1);
}

TEST_CASE("sources: every external URL by chapter with the link text, linking back") {
    const EpubFile& e = sample().epub;
    const Xml src(e.at("EPUB/text/sources.xhtml"));
    CHECK(src.one("//x:h1") == "Sources");
    CHECK(src.all("//x:section[@class='sources-chapter']/x:h2") ==
          std::vector<std::string>{"Introduction: <all> & everything", "Tweede hoofdstuk"});
    CHECK(src.all("//x:li/x:a[@class='url']/@href") ==
          std::vector<std::string>{"https://example.com/search?q=a&b=c%20d%22%3C%3E", "https://pauseai.info/xrisk",
                                   "https://example.org/empty", "https://example.org/outer", "https://example.net/note",
                                   "https://pauseai.info/missing.png", "https://pauseai.info/xrisk"});
    CHECK(src.all("//x:ol/@start") == std::vector<std::string>{"1", "7"});
    // One entry per address and chapter, with each text it was cited for.
    // Each cited text opens the address again; a back-link after it leads to the citation.
    CHECK(src.all("//x:li[@id='source-2']/x:a[not(@class)]") == std::vector<std::string>{"risks", "the same risks"});
    CHECK(src.all("//x:li[@id='source-2']/x:a[not(@class)]/@href") ==
          std::vector<std::string>{"https://pauseai.info/xrisk", "https://pauseai.info/xrisk"});
    CHECK(src.all("//x:li[@id='source-2']/x:a[@role='doc-backlink']/@href") ==
          std::vector<std::string>{"001-intro.xhtml#cite-2", "001-intro.xhtml#cite-3"});
    CHECK(src.all("//x:li[@id='source-2']/x:a[@role='doc-backlink']/@aria-label") ==
          std::vector<std::string>{"back to the text", "back to the text"});
    CHECK(src.one("//x:section[@class='sources-chapter'][2]/@lang") == "nl");
    const Xml one(e.at("EPUB/text/001-intro.xhtml"));
    CHECK(one.one("//x:a[@id='cite-3']") == "the same risks");
}

TEST_CASE("images: small ones embedded as they are, WebP as PNG or JPEG, failures keep their alt text") {
    const Built& b = sample();
    const Xml opf(b.epub.at("EPUB/package.opf"));
    CHECK(opf.all("//opf:item[starts-with(@href, 'images/')]/@media-type") ==
          std::vector<std::string>{"image/jpeg", "image/png", "image/png", "image/gif", "image/svg+xml", "image/jpeg", "image/png"});
    // The JPEG with EXIF orientation 6 is stored turned (not every reader turns it),
    // still as JPEG, 6 x 4 like the others.
    const std::string& turned = b.epub.at("EPUB/images/006-exif-orientation-6.jpg");
    const pages::Raster t = image::decode_bytes(std::vector<std::uint8_t>(turned.begin(), turned.end()), "turned");
    CHECK(t.width == 6);
    CHECK(t.height == 4);
    CHECK(t.pixels[0] > 200);  // top-left red
    CHECK(t.pixels[1] < 60);
    const std::string& webp_as_png = b.epub.at("EPUB/images/003-lossy-alpha.png");
    const std::vector<std::uint8_t> bytes(webp_as_png.begin(), webp_as_png.end());
    CHECK(image::sniff_bytes(bytes) == image::Format::png);
    const pages::Raster r = image::decode_bytes(bytes, "converted");
    CHECK(r.width == 6);
    CHECK(!r.alpha.empty());
    {  // the same pixels, and never more bytes than the file (its metadata chunks go)
        const std::string& stored = b.epub.at("EPUB/images/002-rgb.png");
        const std::string original = test::slurp(test::image_data("rgb.png"));
        CHECK(stored.size() <= original.size());
        CHECK(image::decode_bytes(std::vector<std::uint8_t>(stored.begin(), stored.end()), "stored").pixels ==
              image::decode_bytes(std::vector<std::uint8_t>(original.begin(), original.end()), "original").pixels);
    }
    const Xml doc(b.epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(doc.count("//x:img[@src='../images/002-rgb.png']") == 2);  // the same file once in the container
    CHECK(doc.one("//x:img[@src='../images/003-lossy-alpha.png']/@alt") == "a WebP");
    CHECK(doc.all("//x:img[@src='../images/002-rgb.png']/@width") == std::vector<std::string>{"6", "6"});
    CHECK(doc.all("//x:img[@src='../images/002-rgb.png']/@height") == std::vector<std::string>{"4", "4"});
    CHECK(doc.all("//x:span[@class='image-missing']") == std::vector<std::string>{"[a damaged PNG]", "[a missing image]", "[image]"});
    CHECK(doc.one("//x:figure/x:p[@class='image-missing']/x:a/@href") == "https://pauseai.info/missing.png");
    CHECK(count_kind(b.diags, "epub-image-unusable") == 2);
    CHECK(count_kind(b.diags, "epub-image-missing") == 0);  // the markdown stage reports those
    const Xml cover(b.epub.at("EPUB/text/cover.xhtml"));
    CHECK(cover.one("//x:img/@src") == "../images/001-baseline.jpg");
    CHECK(cover.one("//x:img/@alt") == "Booklet <Test> & ]]>");
}

TEST_CASE("a missing figure's caption is written unless it repeats the description, as on paper") {
    // The sample's missing figure has a caption of its own: it stays.
    const Xml doc(sample().epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(doc.one("//x:figure[x:p[@class='image-missing']]/x:figcaption") == "Caption of a missing figure");
    model::Document repeated = test::sample_document();
    for (auto& block : repeated.chapters.front().blocks)
        if (auto* figure = std::get_if<model::Figure>(&block.node); figure && figure->image.file.empty())
            figure->caption = {test::text("lost figure")};  // its alt text
    const Built b = build(repeated, {}, "repeated-caption.epub");
    const Xml one(b.epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(one.one("//x:figure/x:p[@class='image-missing']") == "[lost figure]");
    CHECK(one.count("//x:figure[x:p[@class='image-missing']]/x:figcaption") == 0);
    CHECK(one.count("//x:figure[x:img]/x:figcaption") == 1);  // a shown picture keeps its caption
}

namespace {

// A picture file in the test's temporary folder.
fs::path picture_file(const std::string& name, const std::vector<std::uint8_t>& bytes) {
    const fs::path file = temp_dir() / name;
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return file;
}

pages::Raster noisy_raster(int width, int height) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    std::uint32_t state = 7;
    for (int i = 0; i < width * height * 3; ++i) {
        state = state * 1664525u + 1013904223u;
        r.pixels.push_back(static_cast<std::uint8_t>(40 + (i / 3 % width) % 150 + (state >> 24) % 30));
    }
    return r;
}

pages::Raster drawing_raster(int width, int height) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::uint8_t v = (x / 50 + y / 50) % 2 ? 30 : 220;
            r.pixels.insert(r.pixels.end(), {v, v, 200});
        }
    return r;
}

}  // namespace

TEST_CASE("pictures: the PDF's preparation at the screen size; JPEG for photographs, never bigger than the file") {
    const std::vector<std::uint8_t> photo_png = image::encode_png(noisy_raster(2400, 1200));
    const std::vector<std::uint8_t> drawing_png = image::encode_png(drawing_raster(3000, 600));
    const std::vector<std::uint8_t> small_drawing = image::encode_png(drawing_raster(700, 300));
    model::Document doc;
    doc.meta.title = "Pictures";
    doc.meta.language = "en";
    model::Chapter c;
    c.id = "pictures";
    c.title = "Pictures";
    c.lang = "en";
    auto add = [&](const fs::path& file, const std::string& alt) {
        model::ImageRef r;
        r.src = file.filename().string();
        r.file = file;
        r.alt = alt;
        c.blocks.push_back(test::para({model::Inline{model::Image{r}, {"p.md", 1, 1}}}));
    };
    add(picture_file("photo.png", photo_png), "photo");
    add(picture_file("drawing.png", drawing_png), "drawing");
    add(picture_file("small.png", small_drawing), "small");
    doc.chapters.push_back(std::move(c));
    const Built b = build(doc, {}, "pictures.epub");
    const Xml opf(b.epub.at("EPUB/package.opf"));
    CHECK(opf.all("//opf:item[starts-with(@href, 'images/')]/@href") ==
          std::vector<std::string>{"images/001-photo.jpg", "images/002-drawing.png", "images/003-small.png"});
    // The photograph: a PNG of 2400 x 1200 becomes a JPEG of 1600 x 800, much smaller.
    const std::string& photo = b.epub.at("EPUB/images/001-photo.jpg");
    const image::Size ps = image::probe_bytes(std::vector<std::uint8_t>(photo.begin(), photo.end()), "photo");
    CHECK(ps.width == 1600);
    CHECK(ps.height == 800);
    CHECK(photo.size() * 3 < photo_png.size());
    // The drawing stays lossless; reduced to the screen size, and never bigger than its file.
    const std::string& drawing = b.epub.at("EPUB/images/002-drawing.png");
    CHECK(drawing.size() <= drawing_png.size());
    // A drawing within the screen size goes in as it was.
    CHECK(b.epub.at("EPUB/images/003-small.png") == std::string(small_drawing.begin(), small_drawing.end()));
    const Xml doc_xml(b.epub.at("EPUB/text/001-pictures.xhtml"));
    CHECK(doc_xml.one("//x:img[@alt='photo']/@width") == "1600");
    CHECK(doc_xml.one("//x:img[@alt='photo']/@height") == "800");
    CHECK(doc_xml.one("//x:img[@alt='small']/@width") == "700");
}

TEST_CASE("sources: split between entries into files under 200 KB") {
    model::Document doc;
    doc.meta.title = "Many sources";
    doc.meta.language = "en";
    model::Chapter c;
    c.id = "links";
    c.title = "Links";
    c.lang = "en";
    const std::string words(300, 'w');
    for (int i = 0; i < 1500; ++i) {
        const std::string url = "https://example.org/page-" + std::to_string(i);
        c.blocks.push_back(test::para({test::external(url, i == 0 ? url : "text " + std::to_string(i) + " " + words)}));
    }
    doc.chapters.push_back(std::move(c));
    const Built b = build(doc, {}, "many-sources.epub");
    std::vector<std::string> parts;
    for (const auto& name : b.epub.names)
        if (name.rfind("EPUB/text/sources", 0) == 0) parts.push_back(name);
    REQUIRE(parts.size() >= 3);
    CHECK(parts.front() == "EPUB/text/sources.xhtml");
    int entries = 0;
    for (const auto& name : parts) {
        CHECK(b.epub.at(name).size() < 210 * 1000);
        entries += static_cast<int>(Xml(b.epub.at(name)).count("//x:ol[@class='sources']/x:li"));
    }
    CHECK(entries == 1500);
    const Xml opf(b.epub.at("EPUB/package.opf"));
    CHECK(opf.count("//opf:spine/opf:itemref[starts-with(@idref, 'sources')]") == parts.size());
    const Xml nav(b.epub.at("EPUB/nav.xhtml"));  // every part reachable from the contents
    for (const auto& name : parts) CHECK(nav.count("//x:nav[@epub:type='toc']//x:a[@href='" + name.substr(5) + "']") == 1);
    // The second part continues the numbering where the first ended.
    const Xml first(b.epub.at(parts[0])), second(b.epub.at(parts[1]));
    CHECK(std::stoi(second.one("//x:ol/@start")) == static_cast<int>(first.count("//x:ol/x:li")) + 1);
}

TEST_CASE("headings never jump a level under the chapter title (screen readers' outline)") {
    model::Document doc;
    doc.meta.title = "Levels";
    doc.meta.language = "en";
    model::Chapter c;
    c.id = "levels";
    c.title = "Levels";
    c.lang = "en";
    for (const auto& [level, label] : std::vector<std::pair<int, std::string>>{{1, "A"}, {3, "B"}, {2, "C"}, {4, "D"}, {1, "E"}, {6, "F"}})
        c.blocks.push_back(test::heading(level, "", label));
    doc.chapters.push_back(std::move(c));
    const Built b = build(doc, {}, "levels.epub");
    const Xml x(b.epub.at("EPUB/text/001-levels.xhtml"));
    CHECK(x.all("//x:h1") == std::vector<std::string>{"Levels"});
    CHECK(x.all("//x:h2") == std::vector<std::string>{"A", "E"});
    CHECK(x.all("//x:h3") == std::vector<std::string>{"B", "C", "F"});
    CHECK(x.all("//x:h4") == std::vector<std::string>{"D"});
}

TEST_CASE("languages: per chapter, per passage; bad tags fall back with a warning") {
    const Built& b = sample();
    const Xml one(b.epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(one.one("/x:html/@lang") == "en");
    CHECK(one.one("//x:span[.='Dit is Nederlands.']/@lang") == "nl");
    CHECK(one.one("//x:span[.='Dit is Nederlands.']/@xml:lang") == "nl");
    CHECK(one.count("//x:span[.='Unknown language.']/@lang") == 0);
    const std::string german = "//x:p[starts-with(., 'Ein deutscher Absatz')]";
    CHECK(one.one(german + "/@lang") == "de");
    CHECK(one.one(german + "/x:span[.='with English']/@lang") == "en");  // differs from the paragraph, not the chapter
    CHECK(one.count(german + "/x:span[.='Deutsch']/@lang") == 0);          // same as the paragraph
    const Xml two(b.epub.at("EPUB/text/002-second.xhtml"));
    CHECK(two.one("/x:html/@lang") == "nl");
    CHECK(two.one("//x:p[.='An English sentence.']/@lang") == "en");
    const Xml four(b.epub.at("EPUB/text/004-we-ird-id.xhtml"));
    CHECK(four.one("/x:html/@lang") == "en");
    CHECK(count_kind(b.diags, "epub-language") == 1);
}

TEST_CASE("CSS comes from the style in relative units") {
    style::Style s;
    s.name = "test */ style";
    s.body.size = sp_from_pt(10);
    s.body.leading = sp_from_pt(14);
    s.body.first_indent = sp_from_pt(15);
    s.headings[1].size = sp_from_pt(14);
    s.headings[1].bold = true;
    s.headings[1].color = {0x12, 0x34, 0x56};
    s.fonts.body.name = "Noto Serif";
    const Built b = build(test::sample_document(), s, "css.epub");
    const std::string& css = b.epub.at("EPUB/css/book.css");
    CHECK(css.find("line-height: 1.4;") != std::string::npos);
    CHECK(css.find("p + p {\n  text-indent: 1.5em;") != std::string::npos);
    CHECK(css.find("h2 {\n  font-family: \"Noto Serif\", serif;\n  font-size: 1.4em;") != std::string::npos);
    CHECK(css.find("color: #123456;") != std::string::npos);
    CHECK(css.find("*/ style") == std::string::npos);
    for (std::size_t at = css.find("px"); at != std::string::npos; at = css.find("px", at + 1))
        CHECK((css.substr(at - 1, 8) == "1px soli" || css.substr(at - 1, 8) == "2px soli"));  // only hairline rules
    for (std::size_t at = css.find("width:"); at != std::string::npos; at = css.find("width:", at + 1))
        CHECK((css.substr(at - 4, 16) == "max-width: 100%;" || css.substr(at, 12) == "width: auto;"));  // no fixed widths
    CHECK(css.find("max-height: 95vh;") != std::string::npos);  // a tall picture fits one screen
    CHECK(css.find("@font-face") == std::string::npos);
}

TEST_CASE("a label in bold keeps with the block after it; a sentence in bold does not") {
    namespace m = booklet::model;
    auto strong = [](std::string s) { return m::Inline{m::Strong{{test::text(std::move(s))}}, {}}; };
    model::Document doc = test::sample_document();
    m::Blocks& blocks = doc.chapters.front().blocks;
    blocks.push_back(test::para({strong("Upcoming")}));
    blocks.push_back(test::para({strong("If you like to socialize:"), test::note(1, "a")}));
    blocks.push_back(test::para({strong("A whole sentence in bold is a statement, not a label over what follows it.")}));
    blocks.push_back(test::para({strong("Half"), test::text(" in bold")}));
    const Built b = build(doc, {}, "lead-in.epub");
    const Xml page(b.epub.at("EPUB/text/001-intro.xhtml"));
    CHECK(page.all("//x:p[@class='lead-in']") == std::vector<std::string>{"Upcoming", "If you like to socialize:1"});
    CHECK(b.epub.at("EPUB/css/book.css").find("p.lead-in {\n  page-break-after: avoid;\n  break-after: avoid;") !=
          std::string::npos);
}

TEST_CASE("a Thai book's justified blocks are set ragged: reading systems justify Thai only at its spaces") {
    style::Style s;
    s.body.align = style::Align::justify;
    model::Document thai = test::sample_document();
    thai.meta.language = "th";
    const std::string thai_css = build(thai, s, "thai.epub").epub.at("EPUB/css/book.css");
    CHECK(thai_css.find("text-align: justify") == std::string::npos);
    CHECK(thai_css.find("body {") != std::string::npos);
    // The same style in English keeps its justified body.
    const std::string english_css = build(test::sample_document(), s, "english.epub").epub.at("EPUB/css/book.css");
    CHECK(english_css.find("text-align: justify") != std::string::npos);
}

TEST_CASE("fonts are embedded when the style says so") {
    style::Style s;
    const fs::path noto = fs::path(BOOKLET_SOURCE_DIR) / "fonts" / "noto";
    s.fonts.body = {"Noto Serif", {noto / "NotoSerif-Regular.ttf"}, {noto / "NotoSerif-Italic.ttf"}, {}, {}};
    s.fonts.heading = {"Noto Serif", {noto / "NotoSerif-Regular.ttf"}, {}, {}, {}};
    s.fonts.fallbacks = {{noto / "NotoSansSymbols2-Regular.ttf"}, {"/no/such/font.ttf"}};
    s.epub.embed_fonts = true;
    const Built b = build(test::sample_document(), s, "fonts.epub");
    const Xml opf(b.epub.at("EPUB/package.opf"));
    CHECK(opf.count("//opf:item[@media-type='font/ttf']") == 3);  // the shared regular file once
    const std::string& css = b.epub.at("EPUB/css/book.css");
    CHECK(css.find("src: url(\"../fonts/001-notoserif-regular.ttf\")") != std::string::npos);
    CHECK(css.find("\"booklet fallback 1\", serif") != std::string::npos);
    CHECK(b.epub.at("EPUB/fonts/001-notoserif-regular.ttf") == test::slurp(noto / "NotoSerif-Regular.ttf"));
    CHECK(count_kind(b.diags, "epub-font") == 1);
}

TEST_CASE("byte-identical output in any time zone, with ZIP times in UTC") {
    const char* old = std::getenv("TZ");
    const std::string saved = old ? old : "";
    std::vector<std::string> outputs;
    for (const char* tz : {"UTC", "Pacific/Auckland", "America/Los_Angeles"}) {
        ::setenv("TZ", tz, 1);
        ::tzset();
        Diagnostics d;
        const fs::path target = temp_dir() / (std::string("tz-") + std::to_string(outputs.size()) + ".epub");
        const model::Document doc = test::sample_document();
        const cite::Citations cites = cite::cite_document(doc, {}, kModified);
        epub::write_epub(doc, cites, {}, epub::Settings{kModified}, target, d);
        outputs.push_back(test::slurp(target));
    }
    if (old) ::setenv("TZ", saved.c_str(), 1);
    else ::unsetenv("TZ");
    ::tzset();
    CHECK(outputs[0] == outputs[1]);
    CHECK(outputs[0] == outputs[2]);
    // DOS time 02:30:00 and date 2024-09-29 of the first local header.
    const std::string& b = outputs[0];
    const unsigned time = static_cast<unsigned char>(b[10]) | (static_cast<unsigned char>(b[11]) << 8);
    const unsigned date = static_cast<unsigned char>(b[12]) | (static_cast<unsigned char>(b[13]) << 8);
    CHECK(time == ((2u << 11) | (30u << 5)));
    CHECK(date == (((2024u - 1980u) << 9) | (9u << 5) | 29u));
}

TEST_CASE("a document with nothing in it still gives a complete book") {
    model::Document empty;
    empty.meta.language = "not a language";
    const Built b = build(empty, {}, "empty.epub");
    const Xml nav(b.epub.at("EPUB/nav.xhtml"));
    CHECK(nav.one("//x:nav[@epub:type='toc']/x:ol/x:li/x:a/@href") == "text/title.xhtml");
    const Xml opf(b.epub.at("EPUB/package.opf"));
    CHECK(opf.one("//dc:language") == "und");
    CHECK(opf.one("//dc:title") == "Untitled");
    CHECK(b.epub.has("EPUB/text/title.xhtml"));
    CHECK(!b.epub.has("EPUB/text/sources.xhtml"));
}

TEST_CASE("a manifest identifier that is a UUID is kept") {
    model::Document doc;
    doc.meta.title = "T";
    doc.meta.identifier = "urn:uuid:0F8FAD5B-D9CB-469F-A165-70867728950E";
    const Built b = build(doc, {}, "uuid.epub");
    CHECK(Xml(b.epub.at("EPUB/package.opf")).one("//dc:identifier") == "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e");
}

TEST_CASE("hostile nesting is bounded and still well-formed") {
    model::Document doc;
    doc.meta.title = "Deep";
    model::Chapter ch;
    ch.id = "deep";
    ch.title = "Deep";
    // 300 block quotes inside each other, a heading at the bottom.
    model::Block inner = test::heading(2, "bottom", "Bottom heading");
    for (int i = 0; i < 300; ++i) {
        model::BlockQuote q;
        q.blocks.push_back(std::move(inner));
        inner = test::block(std::move(q));
    }
    ch.blocks.push_back(std::move(inner));
    // 300 emphases inside each other around one word.
    model::Inline word = test::text("deepword");
    for (int i = 0; i < 300; ++i) word = model::Inline{model::Emphasis{{std::move(word)}}, {}};
    ch.blocks.push_back(test::para({std::move(word)}));
    ch.blocks.push_back(test::para({test::link(model::LinkKind::internal, "", {test::text("to the bottom")}, "deep", "bottom")}));
    doc.chapters.push_back(std::move(ch));
    const Built b = build(doc, {}, "deep.epub");
    const Xml x(b.epub.at("EPUB/text/001-deep.xhtml"));
    CHECK(x.count("//x:blockquote") <= 50);
    CHECK(x.one("//x:section").find("Bottom heading") != std::string::npos);
    CHECK(x.count("//x:em") <= 50);
    CHECK(x.one("//x:section").find("deepword") != std::string::npos);
    // The heading lost its id with its markup, so the link goes to the chapter's start.
    CHECK(x.one("//x:a[.='to the bottom']/@href") == "#chapter-title");
}
