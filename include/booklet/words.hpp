// The book's words: every word the booklet prints or writes itself (titles of the
// contents and the Sources, "p." before a page number, landmarks, labels of
// dropped embeds, the EPUB's accessibility summary), the quotation marks, and how
// a date is written, per language.
//
// Input:  a BCP 47 language tag and overrides (the manifest's and the style's
//         `labels:` maps).
// Output: Words, a plain value that the markdown stage (quotes, embed labels), the
//         PDF layout and the EPUB writer all read; none of them keeps words of its own.
// Data:   one YAML file per language in words/ at the top of the repository,
//         compiled into the program (so every binary and test has the same table).
//         A tag finds its table by its primary language ("de-AT" -> de) or a
//         file's `aliases:` ("no" -> nb); anything else falls back to English.
// Must not: know about the model, styles or output formats.
#pragma once

#include "booklet/config.hpp"
#include "booklet/diagnostics.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::words {

// Quotation marks: typed "..." becomes primary, typed '...' secondary.
struct Quotes {
    std::string open = "\u201C", close = "\u201D";
    std::string inner_open = "\u2018", inner_close = "\u2019";
    std::string inside;  // space set inside the marks: "" or U+202F (French « … »)

    friend bool operator==(const Quotes&, const Quotes&) = default;
};

struct Words {
    std::string language;  // the table's own tag: "de", "nb", "en"
    std::string name;      // the language's name in itself: "Deutsch"

    // Generated pages and furniture.
    std::string contents;        // title of the table of contents
    std::string sources;         // title of the Sources list
    std::string sources_intro;   // the sentence under it (EPUB)
    std::string page_ref;        // a page reference, "{page}" for the number: "p.\u00A0{page}"
    std::string built_on;        // before the build date: "Built on"
    std::string license;         // imprint: before the content's licence, "Licence"
    std::string made_with;       // imprint and colophon: "Made with booklet"
    std::string set_in;          // colophon: before the typefaces, "Set in"
    std::string and_word;        // colophon: between the last two typefaces, "and" (entry `and`)
    std::string cover, title_page, start, landmarks;  // EPUB landmarks
    std::string task_done, task_open;  // accessible names of task list boxes
    std::string image;           // a picture that cannot be shown: "[image]"
    std::string cited_for;       // Sources entry: "Cited for" the link text
    std::string in_this_book;    // Sources entry of a page of this book
    std::string accessed;        // Sources entry: before the access date, "Accessed"
    std::string back_to_text;    // accessible name of a back link
    std::string chapter;         // fallback chapter title, "{number}" for its number
    std::string untitled;        // fallback book title
    // Embeds that cannot be printed and leave their address instead.
    std::string embedded_page, video, audio, form;
    // EPUB accessibility summary, one sentence each: a book without images, one
    // whose every image has alternative text, one where some lack it.
    std::string accessibility_summary, accessibility_summary_all_alt, accessibility_summary_some_alt;

    // Typography.
    Quotes quotes;
    std::string apostrophe = "\u2019";
    bool space_before_punctuation = false;  // French: no-break space before ; : ! ?

    // Dates: "{day}", "{month}" (a name from `months`, already in the case a date
    // needs), "{year}"; `first_day` replaces the day 1 where the language writes
    // an ordinal ("1er", "1º").
    std::string date_pattern;
    std::array<std::string, 12> months;
    std::string first_day;

    friend bool operator==(const Words&, const Words&) = default;
};

// Overrides: entry name -> value (one string, or several for `quotes` and `months`).
using Entries = std::map<std::string, std::vector<std::string>>;

// The words for a language with `overrides` applied (later maps win). An unknown
// language gets the English table; `diags`, when given, says so once.
Words for_language(std::string_view bcp47, const std::vector<const Entries*>& overrides = {},
                   Diagnostics* diags = nullptr);

// Whether a table exists for the tag (its primary language or an alias).
bool has_table(std::string_view bcp47);

// The tags that have a table, sorted.
std::vector<std::string> languages();

// Checks an override: "" when `values` is a valid value for entry `key`, else why
// not ("unknown entry 'contens'", "'months' needs 12 names").
std::string check_entry(const std::string& key, const std::vector<std::string>& values);

// A `labels:` map of a manifest or a style read as overrides: every key an entry
// name, every value text (a list for quotes and months). Throws booklet::Error at
// the line of an unknown entry or a bad value. The entries that shape the text of
// the model itself (quotation marks, apostrophe, French spacing, labels of dropped
// embeds) are decided before any style is known, so a style may not set them.
enum class LabelsOf { manifest, style };
Entries read_labels(const config::ConfigNode& map, LabelsOf owner);

// Whether an entry shapes the model's text (see read_labels).
bool is_text_entry(std::string_view key);

// The entry names an override may use, in table order.
const std::vector<std::string>& entry_names();

// `pattern` with every "{name}" replaced by `value`: fill(words.page_ref, "page", "12").
std::string fill(std::string_view pattern, std::string_view name, std::string_view value);

// A date (seconds since the epoch, UTC) written out in the table's language:
// "May 5, 2024", "5. Mai 2024", "1er mai 2024", "2024年5月1日".
std::string format_date(std::int64_t seconds, const Words& words);

// Whether a language is written right to left (BCP 47: a script subtag decides,
// "az-Arab" yes, "ku-Latn" no; else the primary language: Arabic, Persian, Hebrew,
// Urdu, Pashto, Sindhi, Uyghur, Yiddish, Dhivehi, Sorani, Syriac). The one place the
// direction of a book or passage is decided from its language; both writers ask it.
bool right_to_left(std::string_view bcp47);

// Whether a language is written without spaces between its words in a script whose
// lines reading systems justify only at its rare spaces (Thai, Lao, Khmer, Burmese):
// such text is justified by booklet's own line breaker in the PDF, and set ragged
// in the EPUB, where "justify" would open gaps of several em between phrases.
// (Chinese and Japanese are not among them: browsers justify them between
// characters.)
bool justified_only_at_spaces(std::string_view bcp47);

}  // namespace booklet::words
