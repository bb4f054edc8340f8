// The one list of diagnostic kinds: every warning and error booklet reports has
// one of these, with a stable name (what summaries, `--diagnostics json` and
// scripts read; never renamed) and a line saying what it means. docs/DIAGNOSTICS.md
// is this list as a table; a test keeps the two the same.
//
// A report site names its kind as a string literal ("link-unsafe") or as the
// enumerator; a literal that is not in the list does not compile.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace booklet {

// X(enumerator, "stable-name", "what it means"), in name order.
#define BOOKLET_DIAGNOSTIC_KINDS(X)                                                                                   \
    X(asset_folder_missing, "asset-folder-missing", "an asset folder named in the manifest does not exist")          \
    X(build_date_clock, "build-date-clock", "no SOURCE_DATE_EPOCH and no manifest date: the output is dated by the clock") \
    X(chapter_empty, "chapter-empty", "a page left with nothing to print is no chapter; links to it go to its web address") \
    X(chapter_id_duplicate, "chapter-id-duplicate", "two pages would make chapters with the same id")                \
    X(component_content, "component-content", "a component is printed as the content of its props")                  \
    X(config_type, "config-type", "a value in a manifest, style or front matter has the wrong type")                 \
    X(cover_missing, "cover-missing", "the manifest's cover image is not found")                                     \
    X(data_dir, "data-dir", "booklet's styles and fonts folder cannot be found or used")                             \
    X(emoji_font_missing, "emoji-font-missing", "emoji are set in a text font: no colour emoji font is installed")   \
    X(encoding, "encoding", "a page or manifest is not valid UTF-8")                                                 \
    X(epub_font, "epub-font", "a font the style names cannot be embedded in the EPUB")                               \
    X(epub_image_unusable, "epub-image-unusable", "a picture cannot go into the EPUB; its description is written")   \
    X(epub_language, "epub-language", "a language is no BCP 47 tag; the EPUB uses another")                          \
    X(epub_zip, "epub-zip", "the EPUB container cannot be written")                                                  \
    X(error, "error", "bad input that stops a stage, of no more specific kind")                                      \
    X(font, "font", "a font file cannot be read or used")                                                            \
    X(footnote_missing, "footnote-missing", "a footnote is called but has no text")                                  \
    X(front_matter, "front-matter", "a front matter key has a value that cannot be used")                            \
    X(front_matter_date, "front-matter-date", "a front matter date is no date booklet can read; the page is undated") \
    X(front_matter_key, "front-matter-key", "a front matter key is a near miss of one booklet reads")                \
    X(heading_empty, "heading-empty", "a heading over nothing (its section was left out, or it ends its chapter) is not printed") \
    X(heading_id_duplicate, "heading-id-duplicate", "a heading id is given twice in one page")                       \
    X(html_component, "html-component", "a component tag leaves nothing to print")                                   \
    X(html_dropped, "html-dropped", "raw HTML that cannot be printed (script, iframe, ...) is left out")             \
    X(html_summary, "html-summary", "how many HTML constructs a page lost")                                          \
    X(hyphenation_dictionary, "hyphenation-dictionary", "a hyphenation dictionary cannot be read")                   \
    X(image_alt_filename, "image-alt-filename", "alt text that is a file name is dropped (counts as no alt text)")   \
    X(image_decode, "image-decode", "a picture file is damaged or of a kind that cannot be read")                    \
    X(image_missing, "image-missing", "a picture is not found; its description is printed")                          \
    X(image_no_alt, "image-no-alt", "a picture with neither alt text nor caption: decoration (an artifact) in the tagged PDF") \
    X(image_remote, "image-remote", "a picture on the web is never downloaded; its description and address print")   \
    X(image_template, "image-template", "an image source the page computes ({src}): its alt text is printed")        \
    X(image_unreadable, "image-unreadable", "a picture file cannot be read; its description is printed")             \
    X(image_unsupported, "image-unsupported", "a picture the PDF cannot draw; its description is printed")           \
    X(impose, "impose", "pages of different sizes cannot be imposed on sheets")                                      \
    X(impose_signatures, "impose-signatures", "more signatures than imposition.max_sheets allows: the sheets are folded as several") \
    X(init, "init", "booklet init cannot write a manifest there")                                                    \
    X(labels, "labels", "a labels map of a manifest or style names an unknown entry or has a bad value")             \
    X(layout_fit, "layout-fit", "the text does not fit fit.max_pages even at the smallest type allowed")             \
    X(layout_overfull, "layout-overfull", "something is taller than a page, or a page had to be cut without a break") \
    X(layout_spill, "layout-spill", "a chapter ends with a few lines alone on a page and nothing pulled them back")  \
    X(layout_unsettled, "layout-unsettled", "page or note numbers still changed after the last layout pass")         \
    X(linebreak, "linebreak", "the line breaker cannot work on a paragraph (ICU failed)")                            \
    X(link_anchor_missing, "link-anchor-missing", "a link points to a heading that is not there; it opens its page") \
    X(link_budget, "link-budget", "more than 5,000 links on a page: the rest are printed as plain text")             \
    X(link_host, "link-host", "a link has no valid host, address or number; it is printed as plain text")            \
    X(link_placeholder, "link-placeholder", "a link target holds a {placeholder} only the web site fills in: plain text") \
    X(link_scheme, "link-scheme", "a link's scheme cannot be followed from a book; it is printed as plain text")     \
    X(link_too_long, "link-too-long", "a link target over 2,048 bytes is printed as plain text")                     \
    X(link_unresolved, "link-unresolved", "a link points to a page that is not in the booklet")                      \
    X(link_unsafe, "link-unsafe", "a link uses a scripting or local scheme; it is printed as plain text")            \
    X(manifest_empty, "manifest-empty", "the manifest has nothing in it")                                            \
    X(manifest_key, "manifest-key", "the manifest has a key booklet does not know")                                  \
    X(manifest_type, "manifest-type", "a manifest value has the wrong type")                                         \
    X(manifest_unreadable, "manifest-unreadable", "the manifest cannot be read")                                     \
    X(manifest_value, "manifest-value", "a manifest value cannot be used")                                           \
    X(markdown_budget, "markdown-budget", "over 2,000 '[' in one paragraph: the rest print as written")              \
    X(missing_glyph, "missing-glyph", "no font of the style has a character; it prints as a box")                    \
    X(out_of_memory, "out-of-memory", "the content is too large for the memory there is; nothing is written")        \
    X(output, "output", "an output file or folder cannot be written")                                                \
    X(page_duplicate, "page-duplicate", "the manifest lists a page twice")                                           \
    X(page_missing, "page-missing", "a page or page pattern of the manifest names no file")                          \
    X(page_unreadable, "page-unreadable", "a page cannot be read")                                                   \
    X(path_outside, "path-outside", "a page, picture, cover, asset folder or font leaves the content roots by its real path") \
    X(pdf_font, "pdf-font", "a font cannot be embedded in the PDF")                                                  \
    X(pdf_input, "pdf-input", "the pages handed to the PDF writer cannot be written")                                \
    X(pdf_library, "pdf-library", "libharu failed while writing the PDF")                                            \
    X(picture_cache, "picture-cache", "the picture cache folder cannot be written; the build goes on without storing pictures") \
    X(qr, "qr", "a text cannot be made into a QR code")                                                              \
    X(qr_code, "qr-code", "a QR code the style asks for is left out")                                                \
    X(quote_depth, "quote-depth", "a quote or list nested too deep for the page is set at the indent around it")     \
    X(shape, "shape", "text cannot be shaped (no fonts for it)")                                                     \
    X(source_date_epoch, "source-date-epoch", "SOURCE_DATE_EPOCH is not a number of seconds")                        \
    X(style_extends, "style-extends", "a style's extends chain is broken or circular")                               \
    X(style_font, "style-font", "a font the style names is not found or not usable")                                 \
    X(style_key, "style-key", "a style has a key booklet does not know")                                             \
    X(style_missing, "style-missing", "the style named is not found")                                                \
    X(style_override, "style-override", "a --set override is malformed")                                             \
    X(style_value, "style-value", "a style value is impossible (a margin wider than the page, ...)")                 \
    X(svg_cleaned, "svg-cleaned", "an SVG picture lost what cannot be embedded safely (scripts, outside references, ...)") \
    X(table_too_wide, "table-too-wide", "a table too wide for the measure is set row by row as heading: cell lines") \
    X(template_block, "template-block", "template block tags ({#if} ... {/if}) are taken out, or are unclosed or stray") \
    X(template_budget, "template-budget", "too many '{' or '<Tag' that never close: the rest of the page is read as plain text") \
    X(template_expression, "template-expression", "a template expression ({email}, {@html x}, ${...}) is left out of the text") \
    X(template_leftover, "template-leftover", "text that still looks like template code after the template pass")    \
    X(watch, "watch", "booklet watch cannot watch the files")                                                        \
    X(words_language, "words-language", "the book's language has no words table: English words are used")            \
    X(yaml_budget, "yaml-budget", "a YAML file is too large once its aliases are expanded")                          \
    X(yaml_syntax, "yaml-syntax", "a YAML file cannot be parsed")

enum class DiagnosticKind : std::uint8_t {
#define BOOKLET_KIND_ENUMERATOR(id, name, doc) id,
    BOOKLET_DIAGNOSTIC_KINDS(BOOKLET_KIND_ENUMERATOR)
#undef BOOKLET_KIND_ENUMERATOR
};

struct DiagnosticKindInfo {
    DiagnosticKind kind;
    std::string_view name;  // stable: "link-unsafe"
    std::string_view doc;   // one line for docs/DIAGNOSTICS.md
};

inline constexpr DiagnosticKindInfo kDiagnosticKinds[] = {
#define BOOKLET_KIND_INFO(id, name, doc) {DiagnosticKind::id, name, doc},
    BOOKLET_DIAGNOSTIC_KINDS(BOOKLET_KIND_INFO)
#undef BOOKLET_KIND_INFO
};

constexpr const DiagnosticKindInfo& info_of(DiagnosticKind kind) {
    return kDiagnosticKinds[static_cast<std::size_t>(kind)];
}

// The kind with a stable name, or nothing (a name read back from a Diagnostic).
constexpr std::optional<DiagnosticKind> kind_named(std::string_view name) {
    for (const auto& k : kDiagnosticKinds)
        if (k.name == name) return k.kind;
    return std::nullopt;
}

// A kind where a report is made: a name from the list, checked when compiled, or
// an enumerator.
class KindName {
public:
    consteval KindName(const char* name) : kind_(find(name)) {}  // NOLINT: literals convert on purpose
    constexpr KindName(DiagnosticKind kind) : kind_(kind) {}     // NOLINT
    constexpr DiagnosticKind kind() const { return kind_; }
    constexpr std::string_view name() const { return info_of(kind_).name; }

private:
    static consteval DiagnosticKind find(std::string_view name) {
        if (const auto kind = kind_named(name)) return *kind;
        throw std::logic_error("not a diagnostic kind: add it to BOOKLET_DIAGNOSTIC_KINDS");
    }
    DiagnosticKind kind_;
};

}  // namespace booklet
