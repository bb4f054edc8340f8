// Locating font files: bundled files are checked, system families are found with
// fontconfig. Nothing here opens a font with FreeType; the style only names files.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace booklet::style {

// Why a file cannot serve as a font, or nullopt when it can: it must exist and
// start like a TrueType or OpenType font or collection (the PDF writer embeds glyf
// outlines as CIDFontType2 and CFF outlines as CIDFontType0); WOFF is refused.
std::optional<std::string> font_file_problem(const std::filesystem::path& file);

// fontconfig, loaded on first use and released with this object (no FcInit/FcFini
// process state: each SystemFonts owns its FcConfig).
class SystemFonts {
public:
    SystemFonts();
    ~SystemFonts();
    SystemFonts(const SystemFonts&) = delete;
    SystemFonts& operator=(const SystemFonts&) = delete;

    struct Match {
        std::filesystem::path file;  // empty when nothing suitable is installed
        std::string problem;         // why not, for the error message
        unsigned face = 0;           // which face of a collection (fontconfig's index)
    };

    // The installed TrueType or CFF OpenType face of `family` nearest to the weight and slant asked
    // for (a family without an italic gives its upright face). "serif", "sans-serif"
    // and "monospace" take fontconfig's choice for that generic family.
    Match find(const std::string& family, bool bold, bool italic);

private:
    struct ConfigDeleter {
        void operator()(void* config) const;
    };
    std::unique_ptr<void, ConfigDeleter> config_;  // FcConfig*, kept opaque outside the .cpp
};

}  // namespace booklet::style
