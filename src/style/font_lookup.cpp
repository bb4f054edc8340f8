#include "font_lookup.hpp"

#include "booklet/ascii.hpp"

#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <system_error>

namespace booklet::style {
namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;
using FontSetPtr = std::unique_ptr<FcFontSet, FontSetDeleter>;

bool has_family(FcPattern* font, const std::string& wanted) {
    FcChar8* name = nullptr;
    for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; ++i)
        if (ascii_lower(reinterpret_cast<const char*>(name)) == wanted) return true;
    return false;
}

std::string string_of(FcPattern* font, const char* object) {
    FcChar8* value = nullptr;
    if (FcPatternGetString(font, object, 0, &value) != FcResultMatch || value == nullptr) return {};
    return reinterpret_cast<const char*>(value);
}

}  // namespace

std::optional<std::string> font_file_problem(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return "font file not found";
    if (!std::filesystem::is_regular_file(file, ec)) return "not a font file (a folder or special file)";
    std::ifstream in(file, std::ios::binary);
    std::array<char, 4> tag{};
    if (!in.read(tag.data(), tag.size())) return "not a font file (too short to be one)";
    const std::string t(tag.data(), tag.size());
    // TrueType, CFF-flavoured OpenType and collections of either: the PDF writer
    // embeds glyf outlines as CIDFontType2 and CFF outlines as CIDFontType0.
    if (t == std::string("\0\1\0\0", 4) || t == "true" || t == "ttcf" || t == "OTTO") return std::nullopt;
    if (t == "wOFF" || t == "wOF2") return "a web font (WOFF); use the .ttf it was made from";
    return "not a TrueType or OpenType font";
}

void SystemFonts::ConfigDeleter::operator()(void* config) const {
    FcConfigDestroy(static_cast<FcConfig*>(config));
}

SystemFonts::SystemFonts() = default;
SystemFonts::~SystemFonts() = default;

SystemFonts::Match SystemFonts::find(const std::string& family, bool bold, bool italic) {
    if (!config_) {
        config_.reset(FcInitLoadConfigAndFonts());
        if (!config_) return {{}, "fontconfig could not load its configuration"};
    }
    auto* config = static_cast<FcConfig*>(config_.get());

    PatternPtr pattern(FcPatternCreate());
    if (!pattern) return {{}, "fontconfig ran out of memory"};
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());

    // fontconfig always offers something (its last resort is any font), so the
    // sorted list is filtered by family name: a missing family must be an error,
    // not a silent DejaVu.
    FcResult result = FcResultNoMatch;
    FontSetPtr sorted(FcFontSort(config, pattern.get(), FcFalse, nullptr, &result));
    if (!sorted) return {{}, "no font of family '" + family + "' is installed"};

    const std::string wanted = ascii_lower(family);
    const bool generic = wanted == "serif" || wanted == "sans-serif" || wanted == "sans" || wanted == "monospace";
    std::string other_format;
    for (int i = 0; i < sorted->nfont; ++i) {
        FcPattern* font = sorted->fonts[i];
        if (!generic && !has_family(font, wanted)) continue;
        FcBool outline = FcFalse;
        FcPatternGetBool(font, FC_OUTLINE, 0, &outline);
        const std::string format = string_of(font, FC_FONTFORMAT);
        const std::string file = string_of(font, FC_FILE);
        if (!outline || (format != "TrueType" && format != "CFF") || file.empty() || font_file_problem(file)) {
            if (other_format.empty()) other_format = format.empty() ? "an unknown format" : format;
            continue;
        }
        int index = 0;
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        // Above 0xFFFF fontconfig numbers the named instances of a variable font,
        // which booklet does not embed.
        if (index < 0 || index > 0xFFFF) continue;
        return {std::filesystem::path(file), {}, static_cast<unsigned>(index)};
    }
    if (!other_format.empty())
        return {{}, "family '" + family + "' is installed only as " + other_format +
                        " fonts; booklet embeds TrueType and CFF OpenType fonts only"};
    return {{}, "no font of family '" + family + "' is installed (`fc-list : family` lists them)"};
}

}  // namespace booklet::style
