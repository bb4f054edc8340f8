#include "text.hpp"

#include "booklet/ascii.hpp"
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <memory>

namespace booklet::markdown {

namespace {

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

void make_nfc(std::string& utf8) {
    if (!is_ascii(utf8)) utf8 = to_nfc(utf8);
}

std::string to_nfc(std::string_view utf8) {
    if (is_ascii(utf8)) return std::string(utf8);
    // Text is checked when a page is read, but the fuzzer found cmark-gfm 0.29
    // cutting a U+FFFD (its stand-in for NUL) in half inside a failed footnote
    // label. ICU turns any broken sequence into U+FFFD; then the result must be
    // used even when it is already normalised.
    UErrorCode status = U_ZERO_ERROR;
    // The instance is owned by ICU and shared; it is not ours to free.
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    const auto unchanged = [&] {
        if (source::first_invalid_utf8(utf8, {}).line == 0) return std::string(utf8);
        std::string repaired;
        text.toUTF8String(repaired);
        return repaired;
    };
    if (U_FAILURE(status)) return unchanged();
    if (nfc->isNormalized(text, status) && U_SUCCESS(status)) return unchanged();
    status = U_ZERO_ERROR;
    const icu::UnicodeString normal = nfc->normalize(text, status);
    if (U_FAILURE(status)) return std::string(utf8);
    std::string out;
    normal.toUTF8String(out);
    return out;
}

namespace {


bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Letters that NFKD does not take apart but that have a usual ASCII spelling.
std::string_view ascii_spelling(UChar32 c) {
    switch (c) {
        case 0xDF: return "ss";
        case 0xE6: case 0xC6: return "ae";
        case 0xF8: case 0xD8: return "o";
        case 0x153: case 0x152: return "oe";
        case 0x142: case 0x141: return "l";
        case 0x111: case 0x110: return "d";
        case 0xFE: case 0xDE: return "th";
        case 0xF0: case 0xD0: return "d";
        case 0x131: return "i";
        default: return {};
    }
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool in_space = false;
    for (char c : text) {
        if (is_html_space(c)) {
            if (!in_space) out += ' ';
            in_space = true;
        } else {
            out += c;
            in_space = false;
        }
    }
    return out;
}

bool is_blank(std::string_view text) {
    for (char c : text)
        if (!is_html_space(c)) return false;
    return true;
}

namespace {

// Any script to ASCII Latin, made once per thread: opening it took 0.3 to 0.5 ms
// a heading of a Chinese or Russian book even after ICU had its rules (and 90 ms
// the first time for Han), and every heading of such a book is slugified.
// nullptr when ICU cannot make it (its data missing): then letters it would
// have spelt become dashes.
const icu::Transliterator* to_latin() {
    thread_local const std::unique_ptr<icu::Transliterator> made = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> tr(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(tr) : nullptr;
    }();
    return made.get();
}

}  // namespace

// Slugs in the manner of GitHub's heading anchors, restricted to ASCII so that
// they are safe in every output format: letters are lower-cased, accents dropped
// (NFKD, then combining marks removed), other scripts transliterated to Latin by
// ICU; apostrophes vanish ("Moore's law" -> "moores-law") and every other run of
// non-alphanumerics becomes one '-'.
std::string slugify(std::string_view text) {
    std::string out;
    bool pending_dash = false;
    const auto put = [&](char c) {
        if (pending_dash && !out.empty()) out += '-';
        pending_dash = false;
        out += c;
    };
    const auto put_ascii = [&](char c) {
        if (c >= 'A' && c <= 'Z') put(ascii_lower(c));
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') put(c);
        else if (c == '\'') {}
        else pending_dash = true;
    };
    if (is_ascii(text)) {
        for (char c : text) put_ascii(c);
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    if (U_SUCCESS(status)) u = nfkd->normalize(u, status);
    // Letters of other scripts (Greek, Cyrillic, ...) need a transliterator; it is
    // costly to open, so only when such letters are there.
    bool needs_translit = false;
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        const UChar32 c = u.char32At(i);
        if (c >= 0x80 && u_isalpha(c) && ascii_spelling(c).empty() && u_charType(c) != U_NON_SPACING_MARK) {
            needs_translit = true;
            break;
        }
    }
    if (needs_translit) {
        if (const icu::Transliterator* tr = to_latin()) {
            tr->transliterate(u);
            UErrorCode s2 = U_ZERO_ERROR;
            if (nfkd) u = nfkd->normalize(u, s2);
        }
    }
    for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
        const UChar32 c = u.char32At(i);
        if (c < 0x80) {
            put_ascii(static_cast<char>(c));
        } else if (u_charType(c) == U_NON_SPACING_MARK) {
            continue;
        } else if (c == 0x2019 || c == 0x2018 || c == 0x02BC) {
            continue;  // typographic apostrophes, as '\''
        } else if (const std::string_view s = ascii_spelling(c); !s.empty()) {
            for (char a : s) put(a);
        } else {
            pending_dash = true;
        }
    }
    return out;
}

}  // namespace booklet::markdown
