// The few words layout prints itself, in the document's language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace booklet::layout {

struct Strings {
    std::string page_ref;      // before a page number in a reference: "p." / "blz."
    std::string contents;      // title of the table of contents
    std::string sources;       // title of the Sources list
    std::string built_on;      // "Built on" before the build date
    std::string license;       // imprint: before the content's licence, "Licence"
    std::string made_with;     // imprint and colophon: "Made with booklet"
    std::string set_in;        // colophon: before the typefaces, "Set in"
    std::string and_word;      // colophon: between the last two typefaces, "and"
    const char* const* months; // 12 month names
    bool day_first = true;     // "5 May 2024" rather than "May 5, 2024"
};

// For a BCP 47 tag: nl, en, de, fr, es; anything else falls back to English.
const Strings& strings_for(std::string_view bcp47);

// A date (seconds since the epoch, UTC) written out: "5 mei 2024", "May 5, 2024".
std::string long_date(std::int64_t seconds, const Strings& strings);

}  // namespace booklet::layout
