// Characters no font had, summed up per script with the Debian package whose fonts
// have them: one line a user can act on instead of one line per character.
#include "booklet/shape.hpp"

#include "booklet/ascii.hpp"

#include "font_registry_impl.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string_view>

namespace booklet::shape {
namespace {

struct ScriptFont {
    std::string_view script;  // ICU's long script name (Unicode's Script property value)
    std::string_view family;
};

// The script families of Debian 12's fonts-noto-core (20201225-1), as fc-scan
// names them: a Sans where the package has one, else its Serif.
constexpr ScriptFont kNotoCore[] = {
    {"Adlam", "Noto Sans Adlam"}, {"Ahom", "Noto Serif Ahom"},
    {"Anatolian_Hieroglyphs", "Noto Sans Anatolian Hieroglyphs"}, {"Arabic", "Noto Sans Arabic"},
    {"Armenian", "Noto Sans Armenian"}, {"Avestan", "Noto Sans Avestan"}, {"Balinese", "Noto Sans Balinese"},
    {"Bamum", "Noto Sans Bamum"}, {"Bassa_Vah", "Noto Sans Bassa Vah"}, {"Batak", "Noto Sans Batak"},
    {"Bengali", "Noto Sans Bengali"}, {"Bhaiksuki", "Noto Sans Bhaiksuki"}, {"Brahmi", "Noto Sans Brahmi"},
    {"Buginese", "Noto Sans Buginese"}, {"Buhid", "Noto Sans Buhid"},
    {"Canadian_Aboriginal", "Noto Sans Canadian Aboriginal"}, {"Carian", "Noto Sans Carian"},
    {"Caucasian_Albanian", "Noto Sans Caucasian Albanian"}, {"Chakma", "Noto Sans Chakma"},
    {"Cham", "Noto Sans Cham"}, {"Cherokee", "Noto Sans Cherokee"}, {"Coptic", "Noto Sans Coptic"},
    {"Cuneiform", "Noto Sans Cuneiform"}, {"Cypriot", "Noto Sans Cypriot"}, {"Deseret", "Noto Sans Deseret"},
    {"Devanagari", "Noto Sans Devanagari"}, {"Dogra", "Noto Serif Dogra"}, {"Duployan", "Noto Sans Duployan"},
    {"Egyptian_Hieroglyphs", "Noto Sans Egyptian Hieroglyphs"}, {"Elbasan", "Noto Sans Elbasan"},
    {"Elymaic", "Noto Sans Elymaic"}, {"Ethiopic", "Noto Sans Ethiopic"}, {"Georgian", "Noto Sans Georgian"},
    {"Glagolitic", "Noto Sans Glagolitic"}, {"Gothic", "Noto Sans Gothic"}, {"Grantha", "Noto Sans Grantha"},
    {"Gujarati", "Noto Sans Gujarati"}, {"Gunjala_Gondi", "Noto Sans Gunjala Gondi"},
    {"Gurmukhi", "Noto Sans Gurmukhi"}, {"Hanifi_Rohingya", "Noto Sans Hanifi Rohingya"},
    {"Hanunoo", "Noto Sans Hanunoo"}, {"Hatran", "Noto Sans Hatran"}, {"Hebrew", "Noto Sans Hebrew"},
    {"Imperial_Aramaic", "Noto Sans Imperial Aramaic"},
    {"Inscriptional_Pahlavi", "Noto Sans Inscriptional Pahlavi"},
    {"Inscriptional_Parthian", "Noto Sans Inscriptional Parthian"}, {"Javanese", "Noto Sans Javanese"},
    {"Kaithi", "Noto Sans Kaithi"}, {"Kannada", "Noto Sans Kannada"}, {"Kayah_Li", "Noto Sans Kayah Li"},
    {"Kharoshthi", "Noto Sans Kharoshthi"}, {"Khmer", "Noto Sans Khmer"}, {"Khojki", "Noto Sans Khojki"},
    {"Khudawadi", "Noto Sans Khudawadi"}, {"Lao", "Noto Sans Lao"}, {"Lepcha", "Noto Sans Lepcha"},
    {"Limbu", "Noto Sans Limbu"}, {"Linear_A", "Noto Sans Linear A"}, {"Linear_B", "Noto Sans Linear B"},
    {"Lisu", "Noto Sans Lisu"}, {"Lycian", "Noto Sans Lycian"}, {"Lydian", "Noto Sans Lydian"},
    {"Mahajani", "Noto Sans Mahajani"}, {"Malayalam", "Noto Sans Malayalam"}, {"Mandaic", "Noto Sans Mandaic"},
    {"Manichaean", "Noto Sans Manichaean"}, {"Marchen", "Noto Sans Marchen"},
    {"Masaram_Gondi", "Noto Sans Masaram Gondi"}, {"Medefaidrin", "Noto Sans Medefaidrin"},
    {"Meetei_Mayek", "Noto Sans Meetei Mayek"}, {"Mende_Kikakui", "Noto Sans Mende Kikakui"},
    {"Meroitic_Cursive", "Noto Sans Meroitic"}, {"Meroitic_Hieroglyphs", "Noto Sans Meroitic"},
    {"Miao", "Noto Sans Miao"}, {"Modi", "Noto Sans Modi"}, {"Mongolian", "Noto Sans Mongolian"},
    {"Mro", "Noto Sans Mro"}, {"Multani", "Noto Sans Multani"}, {"Myanmar", "Noto Sans Myanmar"},
    {"Nabataean", "Noto Sans Nabataean"}, {"New_Tai_Lue", "Noto Sans New Tai Lue"}, {"Newa", "Noto Sans Newa"},
    {"Nko", "Noto Sans NKo"}, {"Nushu", "Noto Sans Nushu"},
    {"Nyiakeng_Puachue_Hmong", "Noto Serif Hmong Nyiakeng"}, {"Ogham", "Noto Sans Ogham"},
    {"Ol_Chiki", "Noto Sans Ol Chiki"}, {"Old_Hungarian", "Noto Sans Old Hungarian"},
    {"Old_Italic", "Noto Sans Old Italic"}, {"Old_North_Arabian", "Noto Sans Old North Arabian"},
    {"Old_Permic", "Noto Sans Old Permic"}, {"Old_Persian", "Noto Sans Old Persian"},
    {"Old_Sogdian", "Noto Sans Old Sogdian"}, {"Old_South_Arabian", "Noto Sans Old South Arabian"},
    {"Old_Turkic", "Noto Sans Old Turkic"}, {"Oriya", "Noto Sans Oriya"}, {"Osage", "Noto Sans Osage"},
    {"Osmanya", "Noto Sans Osmanya"}, {"Pahawh_Hmong", "Noto Sans Pahawh Hmong"},
    {"Palmyrene", "Noto Sans Palmyrene"}, {"Pau_Cin_Hau", "Noto Sans Pau Cin Hau"},
    {"Phags_Pa", "Noto Sans PhagsPa"}, {"Phoenician", "Noto Sans Phoenician"},
    {"Psalter_Pahlavi", "Noto Sans Psalter Pahlavi"}, {"Rejang", "Noto Sans Rejang"},
    {"Runic", "Noto Sans Runic"}, {"Samaritan", "Noto Sans Samaritan"}, {"Saurashtra", "Noto Sans Saurashtra"},
    {"Sharada", "Noto Sans Sharada"}, {"Shavian", "Noto Sans Shavian"}, {"Siddham", "Noto Sans Siddham"},
    {"SignWriting", "Noto Sans SignWriting"}, {"Sinhala", "Noto Sans Sinhala"},
    {"Sogdian", "Noto Sans Sogdian"}, {"Sora_Sompeng", "Noto Sans Sora Sompeng"},
    {"Soyombo", "Noto Sans Soyombo"}, {"Sundanese", "Noto Sans Sundanese"},
    {"Syloti_Nagri", "Noto Sans Syloti Nagri"}, {"Syriac", "Noto Sans Syriac"},
    {"Tagalog", "Noto Sans Tagalog"}, {"Tagbanwa", "Noto Sans Tagbanwa"}, {"Tai_Le", "Noto Sans Tai Le"},
    {"Tai_Tham", "Noto Sans Tai Tham"}, {"Tai_Viet", "Noto Sans Tai Viet"}, {"Takri", "Noto Sans Takri"},
    {"Tamil", "Noto Sans Tamil"}, {"Tangut", "Noto Serif Tangut"}, {"Telugu", "Noto Sans Telugu"},
    {"Thaana", "Noto Sans Thaana"}, {"Thai", "Noto Sans Thai"}, {"Tibetan", "Noto Serif Tibetan"},
    {"Tifinagh", "Noto Sans Tifinagh"}, {"Tirhuta", "Noto Sans Tirhuta"}, {"Ugaritic", "Noto Sans Ugaritic"},
    {"Vai", "Noto Sans Vai"}, {"Wancho", "Noto Sans Wancho"}, {"Warang_Citi", "Noto Sans Warang Citi"},
    {"Yezidi", "Noto Serif Yezidi"}, {"Yi", "Noto Sans Yi"},
    {"Zanabazar_Square", "Noto Sans Zanabazar Square"},
};

// Han and the scripts written with it are in fonts-noto-cjk, one font per region.
constexpr ScriptFont kNotoCjk[] = {
    {"Han", "Noto Sans CJK SC"}, {"Bopomofo", "Noto Sans CJK TC"}, {"Hiragana", "Noto Sans CJK JP"},
    {"Katakana", "Noto Sans CJK JP"}, {"Hangul", "Noto Sans CJK KR"},
};

UScriptCode script_of(char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &status);
    return U_FAILURE(status) || s == USCRIPT_INHERITED ? USCRIPT_COMMON : s;
}

std::string utf8(char32_t c) {
    char buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, static_cast<UChar32>(c), error);
    return error ? std::string() : std::string(buf, static_cast<std::size_t>(n));
}

// "中 (U+4E2D)"; a character that shows nothing (a control, a mark) by its code alone.
std::string shown(char32_t c) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    const int category = u_charType(static_cast<UChar32>(c));
    const bool visible = category != U_CONTROL_CHAR && category != U_FORMAT_CHAR && category != U_NON_SPACING_MARK &&
                         category != U_ENCLOSING_MARK && category != U_UNASSIGNED && category != U_SURROGATE;
    return visible ? utf8(c) + " (" + code + ")" : std::string(code);
}

}  // namespace

std::vector<std::string> families_made_for(UScriptCode script, const std::string& lang, bool serif) {
    const std::string name = uscript_getName(script);
    std::vector<std::string> out;
    const auto add_pair = [&](const std::string& sans, const std::string& serif_name) {
        if (serif) out.push_back(serif_name);
        out.push_back(sans);
        if (!serif) out.push_back(serif_name);
    };
    for (const auto& [s, family] : kNotoCjk) {
        if (s != name) continue;
        // The region's forms: Japanese kanji, Korean hanja and traditional Chinese
        // differ from simplified Chinese in many characters.
        std::string region = std::string(family).substr(std::string("Noto Sans CJK ").size());
        std::string l;
        for (char c : lang) l += ascii_lower(c);
        if (l.rfind("ja", 0) == 0) region = "JP";
        else if (l.rfind("ko", 0) == 0) region = "KR";
        else if (l.rfind("zh-hk", 0) == 0 || l.rfind("zh-mo", 0) == 0) region = "HK";
        else if (l.rfind("zh-tw", 0) == 0 || l.rfind("zh-hant", 0) == 0) region = "TC";
        else if (l.rfind("zh", 0) == 0) region = "SC";
        add_pair("Noto Sans CJK " + region, "Noto Serif CJK " + region);
        return out;
    }
    for (const auto& [s, family] : kNotoCore) {
        if (s != name) continue;
        const std::string f(family);
        const std::string sans_prefix = "Noto Sans ", serif_prefix = "Noto Serif ";
        const std::string rest = f.rfind(sans_prefix, 0) == 0 ? f.substr(sans_prefix.size()) : f.substr(serif_prefix.size());
        // Arabic's book face in the package is Naskh, not "Noto Serif Arabic".
        add_pair(sans_prefix + rest, name == "Arabic" ? std::string("Noto Naskh Arabic") : serif_prefix + rest);
        return out;
    }
    return out;
}

std::vector<MissingScript> missing_characters(const FontRegistry& fonts) {
    std::map<std::string, MissingScript> by_script;
    for (const char32_t c : fonts.impl().missing) {
        const std::string name = uscript_getName(script_of(c));
        MissingScript& group = by_script[name];
        if (group.script.empty()) {
            group.script = name;
            std::replace(group.script.begin(), group.script.end(), '_', ' ');
            for (const auto& [script, family] : kNotoCjk)
                if (script == name) group.package = "fonts-noto-cjk", group.family = family;
            for (const auto& [script, family] : kNotoCore)
                if (script == name) group.package = "fonts-noto-core", group.family = family;
        }
        group.characters.push_back(c);  // the set is sorted, so each group is too
    }
    std::vector<MissingScript> out;
    for (auto& [name, group] : by_script) out.push_back(std::move(group));
    return out;
}

void report_missing_characters(const FontRegistry& fonts, Diagnostics& diags, MissingSeverity severity) {
    constexpr std::size_t kShown = 6;
    for (const MissingScript& group : missing_characters(fonts)) {
        const std::size_t n = group.characters.size();
        std::string message = "no font of the style has " + std::to_string(n) + " character" + (n == 1 ? "" : "s") +
                              " of the " + group.script + " script, drawn as placeholders: ";
        for (std::size_t i = 0; i < std::min(n, kShown); ++i) message += (i ? ", " : "") + shown(group.characters[i]);
        if (n > kShown) message += " and " + std::to_string(n - kShown) + " more";
        if (group.package.empty())
            message += "; booklet knows no Debian font package made for them";
        else
            message += "; Debian's " + group.package + " has them: install it and add '" + group.family +
                       "' to the style's fonts.fallbacks";
        if (severity == MissingSeverity::error) diags.error({}, "missing-glyph", message);
        else diags.warning({}, "missing-glyph", message);
    }
}

}  // namespace booklet::shape
