// Locating font files: bundled files are checked, system families are found with
// fontconfig. Nothing here opens a font with FreeType; the style only names files.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace booklet::style {

// Why a file cannot serve as a font, or nullopt when it can: it must exist and
// start like a TrueType font or collection. The PDF writer embeds glyf outlines
// (CIDFontType2), so CFF-flavoured OpenType ("OTTO") is refused here, not later.
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
    };

    // The installed TrueType face of `family` nearest to the weight and slant asked
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
