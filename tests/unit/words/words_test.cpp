#include "booklet/words.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace booklet;

namespace {

// 2025-03-01 and 2024-05-05, midnight UTC.
constexpr std::int64_t kMarchFirst = 1740787200;
constexpr std::int64_t kMayFifth = 1714867200;

}  // namespace

TEST_CASE("every language the book supports has a complete table") {
    const std::vector<std::string> expected = {"ar", "cs", "da", "de", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "it",
                                               "ja", "ko", "nb", "nl", "pl", "pt", "ro", "ru", "sv", "th", "tr", "uk", "vi", "zh"};
    REQUIRE(words::languages() == expected);
    std::set<std::string> contents_titles;
    for (const std::string& lang : expected) {
        INFO(lang);
        const words::Words w = words::for_language(lang);  // throws on a missing or malformed entry
        CHECK(w.language == lang);
        CHECK(!w.contents.empty());
        CHECK(words::fill(w.page_ref, "page", "12").find("12") != std::string::npos);
        CHECK(words::fill(w.chapter, "number", "3").find('3') != std::string::npos);
        for (const std::string& m : w.months) CHECK(!m.empty());
        CHECK(w.quotes.open != "\"");
        contents_titles.insert(w.contents);
    }
    CHECK(contents_titles.size() > 20);  // not one table copied 25 times
}

TEST_CASE("a tag finds its table by region, primary language or alias") {
    CHECK(words::for_language("de-AT").language == "de");
    CHECK(words::for_language("pt_BR").language == "pt");
    CHECK(words::for_language("no").language == "nb");
    CHECK(words::for_language("NB-no").language == "nb");
    CHECK(words::for_language("iw").language == "he");
    CHECK(words::has_table("zh-Hans"));
    CHECK_FALSE(words::has_table("tlh"));
}

TEST_CASE("an unknown language gets English words and one warning") {
    Diagnostics diags;
    const words::Words w = words::for_language("tlh", {}, &diags);
    CHECK(w.language == "en");
    CHECK(w.contents == "Contents");
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == "words-language");
    CHECK(diags.all()[0].message.find("'tlh'") != std::string::npos);
}

TEST_CASE("dates follow the language's pattern and month names") {
    CHECK(words::format_date(kMayFifth, words::for_language("en")) == "May 5, 2024");
    CHECK(words::format_date(kMarchFirst, words::for_language("de")) == "1. März 2025");
    CHECK(words::format_date(kMarchFirst, words::for_language("es")) == "1 de marzo de 2025");
    CHECK(words::format_date(kMarchFirst, words::for_language("fr")) == "1er mars 2025");
    CHECK(words::format_date(kMayFifth, words::for_language("fr")) == "5 mai 2024");
    CHECK(words::format_date(kMarchFirst, words::for_language("nl")) == "1 maart 2025");
    CHECK(words::format_date(kMarchFirst, words::for_language("pl")) == "1 marca 2025");
    CHECK(words::format_date(kMarchFirst, words::for_language("ru")) == "1 марта 2025\u00A0г.");
    CHECK(words::format_date(kMarchFirst, words::for_language("hu")) == "2025. március 1.");
    CHECK(words::format_date(kMarchFirst, words::for_language("ja")) == "2025年3月1日");
    CHECK(words::format_date(kMarchFirst, words::for_language("ko")) == "2025년 3월 1일");
    CHECK(words::format_date(kMarchFirst, words::for_language("he")) == "1 במרץ 2025");
    CHECK(words::format_date(0, words::for_language("en")) == "January 1, 1970");  // the function is honest; callers never pass an invented 0
}

TEST_CASE("quotation marks per language") {
    CHECK(words::for_language("de").quotes == words::Quotes{"„", "“", "‚", "‘", ""});
    CHECK(words::for_language("fr").quotes == words::Quotes{"«", "»", "“", "”", "\u202F"});
    CHECK(words::for_language("fr").space_before_punctuation);
    CHECK_FALSE(words::for_language("en").space_before_punctuation);
    CHECK(words::for_language("ja").quotes.open == "「");
}

TEST_CASE("overrides replace any entry, later maps winning") {
    const words::Entries style{{"contents", {"Overview"}}, {"sources", {"Links"}}};
    const words::Entries manifest{{"contents", {"What is inside"}},
                                  {"quotes", {"<<", ">>", "<", ">"}},
                                  {"months", {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}},
                                  {"date", {"{day} {month} {year}"}}};
    const words::Words w = words::for_language("en", {&style, &manifest});
    CHECK(w.contents == "What is inside");
    CHECK(w.sources == "Links");
    CHECK(w.quotes.open == "<<");
    CHECK(words::format_date(kMayFifth, w) == "5 V 2024");
    CHECK(w.built_on == "Built on");  // untouched entries stay
}

TEST_CASE("overrides are checked") {
    CHECK(words::check_entry("contents", {"Inhalt"}).empty());
    CHECK(words::check_entry("contens", {"x"}) == "unknown entry 'contens'");
    CHECK(words::check_entry("months", {"a", "b"}) == "'months' needs 12 names");
    CHECK(!words::check_entry("quotes", {"a"}).empty());
    CHECK(!words::check_entry("date", {"{day} {month}"}).empty());
    CHECK(!words::check_entry("page_ref", {"p."}).empty());
    CHECK(!words::check_entry("contents", {""}).empty());
    CHECK(!words::check_entry("space_before_punctuation", {"maybe"}).empty());
}

TEST_CASE("fill replaces every placeholder and nothing else") {
    CHECK(words::fill("p.\u00A0{page}", "page", "3, 5") == "p.\u00A03, 5");
    CHECK(words::fill("{x}{x}-{y}", "x", "a") == "aa-{y}");
    CHECK(words::fill("none", "x", "a") == "none");
}

TEST_CASE("right-to-left languages, decided from the tag's script or its language") {
    for (const char* rtl : {"ar", "he", "fa", "ur", "ar-EG", "he_IL", "az-Arab", "yi"}) {
        INFO(rtl);
        CHECK(booklet::words::right_to_left(rtl));
    }
    for (const char* ltr : {"", "en", "de", "zh-Hans", "ku-Latn", "ar-Latn", "ja", "hi"}) {
        INFO(ltr);
        CHECK_FALSE(booklet::words::right_to_left(ltr));
    }
}
