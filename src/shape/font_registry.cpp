// FontRegistry: every font file is read once into memory; FreeType (metrics,
// names, colour bitmaps) and HarfBuzz (shaping) both work from those bytes, and the
// PDF writer gets the same bytes through program(). The exception is a large colour
// bitmap font (open_piecewise), which both read in pieces from the open file.
#include "booklet/ascii.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/files.hpp"
#include "booklet/sha256.hpp"
#include "booklet/shape.hpp"
#include "font_registry_impl.hpp"

#include FT_TRUETYPE_TABLES_H
#include FT_SFNT_NAMES_H
#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cassert>
#include <cctype>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <utility>

namespace booklet::shape {

namespace {

constexpr const char* kSystemEmojiFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

// The largest font file booklet reads: Debian's Noto Serif CJK collection is 26 MB;
// a path that leads to something larger (or to a device or FIFO) is refused rather
// than read without end.
constexpr std::size_t kMaxFontBytes = std::size_t{256} << 20;

// Colour bitmap fonts at least this large are read in pieces, not whole: Noto
// Color Emoji is 11 MB, nearly all of it bitmaps, of which a book draws a few, and
// such a font is never embedded in a PDF (its glyphs are drawn as pictures), so
// nothing needs all its bytes. Smaller files, and every outline font, are read
// whole: the PDF writer subsets those from the same bytes.
constexpr std::size_t kPiecewiseFontBytes = std::size_t{4} << 20;

std::shared_ptr<const std::vector<std::uint8_t>> read_bytes(const std::filesystem::path& file) {
    // One read of the whole file.
    auto bytes = std::make_shared<std::vector<std::uint8_t>>(
        files::read_bounded_bytes(file, kMaxFontBytes, "font file", file.string(), "font"));
    if (bytes->empty()) throw Error({file.string(), 0, 0}, "font file is empty", "font");
    return bytes;
}

// Fontconfig is asked only when the usual Debian path is absent; its answer is
// accepted only when the family really is Noto Color Emoji (fontconfig always
// returns *some* font).
std::optional<std::filesystem::path> find_emoji_font() {
    std::error_code ec;
    if (std::filesystem::is_regular_file(kSystemEmojiFont, ec)) return std::filesystem::path(kSystemEmojiFont);
    FcConfig* config = FcInitLoadConfigAndFonts();
    if (!config) return std::nullopt;
    std::optional<std::filesystem::path> found;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("Noto Color Emoji"));
    if (pattern) {
        FcConfigSubstitute(config, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result = FcResultNoMatch;
        FcPattern* match = FcFontMatch(config, pattern, &result);
        if (match) {
            FcChar8* family = nullptr;
            FcChar8* file = nullptr;
            if (FcPatternGetString(match, FC_FAMILY, 0, &family) == FcResultMatch &&
                FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
                std::string(reinterpret_cast<const char*>(family)) == "Noto Color Emoji")
                found = std::filesystem::path(reinterpret_cast<const char*>(file));
            FcPatternDestroy(match);
        }
        FcPatternDestroy(pattern);
    }
    FcConfigDestroy(config);
    return found;
}

// FreeType's read of `count` bytes at `offset` (a seek when `count` is 0: 0 on
// success). A file cut short since it was opened reads short, which FreeType
// reports as a broken font: a glyph then goes missing, nothing crashes.
unsigned long read_piece(FT_Stream stream, unsigned long offset, unsigned char* buffer, unsigned long count) {
    const auto* font = static_cast<const PiecewiseFont*>(stream->descriptor.pointer);
    if (count == 0) return offset > stream->size ? 1 : 0;
    return font->file.read_at(offset, buffer, count);
}

// HarfBuzz's tables of a piecewise font, each read through FreeType when first
// asked for (cmap, GSUB, hmtx and four small ones: 65 KB of the emoji font's 11 MB).
hb_blob_t* sfnt_table(hb_face_t*, hb_tag_t tag, void* face_pointer) {
    auto* face = static_cast<FT_Face>(face_pointer);
    FT_ULong length = 0;
    if (tag == HB_TAG_NONE || FT_Load_Sfnt_Table(face, tag, 0, nullptr, &length) != 0 || length == 0)
        return hb_blob_get_empty();
    auto* table = static_cast<FT_Byte*>(std::malloc(length));
    if (!table) return hb_blob_get_empty();
    if (FT_Load_Sfnt_Table(face, tag, 0, table, &length) != 0) {
        std::free(table);
        return hb_blob_get_empty();
    }
    return hb_blob_create(reinterpret_cast<const char*>(table), static_cast<unsigned>(length),
                          HB_MEMORY_MODE_WRITABLE, table, std::free);
}

std::string unreadable_face(unsigned face_index) {
    return face_index ? "has no face " + std::to_string(face_index) + " FreeType can read"
                      : std::string("not a font FreeType can read");
}

// Opens `file` in pieces when it is a large colour bitmap font (true), else
// leaves `font` as it was (false).
bool open_piecewise(LoadedFont& font, FT_Library library, const std::filesystem::path& file, unsigned face_index) {
    auto piecewise = std::make_unique<PiecewiseFont>(file);  // checked as a whole read would be
    if (piecewise->file.size() < kPiecewiseFontBytes) return false;
    FT_Open_Args args{};
    args.flags = FT_OPEN_STREAM;
    args.stream = &piecewise->stream;
    FT_Face face = nullptr;
    if (FT_Open_Face(library, &args, static_cast<FT_Long>(face_index), &face) != 0)
        throw Error({file.string(), 0, 0}, unreadable_face(face_index), "font");
    FtFacePtr opened(face);
    if (!(FT_HAS_COLOR(face) && !FT_IS_SCALABLE(face))) return false;  // an outline font: read whole
    font.piecewise = std::move(piecewise);
    font.ft_face = std::move(opened);
    font.hb_face.reset(hb_face_create_for_tables(sfnt_table, face, nullptr));
    return true;
}

// The whole file in memory, FreeType and HarfBuzz both reading those bytes.
void open_whole(LoadedFont& font, FT_Library library, const std::filesystem::path& file, unsigned face_index) {
    font.bytes = read_bytes(file);
    FT_Face face = nullptr;
    if (FT_New_Memory_Face(library, font.bytes->data(), static_cast<FT_Long>(font.bytes->size()),
                           static_cast<FT_Long>(face_index), &face) != 0)
        throw Error({file.string(), 0, 0}, unreadable_face(face_index), "font");
    font.ft_face.reset(face);
    hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(font.bytes->data()),
                                     static_cast<unsigned>(font.bytes->size()), HB_MEMORY_MODE_READONLY, nullptr,
                                     nullptr);
    font.hb_face.reset(hb_face_create(blob, face_index));
    hb_blob_destroy(blob);
}

}  // namespace

PiecewiseFont::PiecewiseFont(const std::filesystem::path& file)
    : file(file, kMaxFontBytes, "font file", file.string(), "font") {
    if (this->file.size() == 0) throw Error({file.string(), 0, 0}, "font file is empty", "font");
    stream.size = static_cast<unsigned long>(this->file.size());
    stream.descriptor.pointer = this;
    stream.read = read_piece;
}

LoadedFont& FontRegistry::Impl::font(FontId id) const {
    assert(id < fonts.size());
    return *fonts[id];
}

hb_font_t* FontRegistry::Impl::hb_font(FontId id, Sp size) {
    LoadedFont& f = font(id);
    auto it = f.fonts_by_size.find(size);
    if (it != f.fonts_by_size.end()) return it->second.get();
    // HarfBuzz scales are int: sizes up to 32767 pt, far beyond any page.
    const int scale = static_cast<int>(std::clamp<Sp>(size, 1, Sp{32767} * kSpPerPt));
    HbFontPtr font(hb_font_create(f.hb_face.get()));
    hb_font_set_scale(font.get(), scale, scale);
    hb_font_t* raw = font.get();
    f.fonts_by_size.emplace(size, std::move(font));
    return raw;
}

bool FontRegistry::Impl::space_independent(FontId id) {
    LoadedFont& f = font(id);
    if (f.space_independent >= 0) return f.space_independent == 1;
    hb_codepoint_t space = 0;
    HbFontPtr unscaled(hb_font_create(f.hb_face.get()));
    bool independent = hb_font_get_nominal_glyph(unscaled.get(), ' ', &space);
    HbSetPtr before(hb_set_create()), input(hb_set_create()), after(hb_set_create()), output(hb_set_create());
    for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
        const unsigned lookups = hb_ot_layout_table_get_lookup_count(f.hb_face.get(), table);
        for (unsigned i = 0; i < lookups && independent; ++i) {
            for (auto* set : {before.get(), input.get(), after.get(), output.get()}) hb_set_clear(set);
            hb_ot_layout_lookup_collect_glyphs(f.hb_face.get(), table, i, before.get(), input.get(), after.get(),
                                               output.get());
            for (auto* set : {before.get(), input.get(), after.get(), output.get()})
                if (hb_set_has(set, space)) independent = false;
        }
    }
    f.space_independent = independent ? 1 : 0;
    return independent;
}

FontRegistry::FontRegistry() : impl_(std::make_unique<Impl>()) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) throw Error({}, "cannot initialise FreeType", "font");
    impl_->library.reset(lib);
    impl_->buffer.reset(hb_buffer_create());
}

FontRegistry::~FontRegistry() = default;
FontRegistry::FontRegistry(FontRegistry&&) noexcept = default;
FontRegistry& FontRegistry::operator=(FontRegistry&&) noexcept = default;

FontId FontRegistry::load(const std::filesystem::path& file, unsigned face_index) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(file, ec);
    const std::pair<std::filesystem::path, unsigned> key{ec ? file : canonical, face_index};
    if (auto it = impl_->by_file.find(key); it != impl_->by_file.end()) return it->second;
    if (impl_->fonts.size() >= 0xFFFF) throw Error({file.string(), 0, 0}, "too many fonts", "font");

    auto loaded = std::make_unique<LoadedFont>();
    if (!open_piecewise(*loaded, impl_->library.get(), file, face_index))
        open_whole(*loaded, impl_->library.get(), file, face_index);
    loaded->face_index = face_index;
    loaded->key_file = key.first;
    FT_Face face = loaded->ft_face.get();
    if (!FT_IS_SFNT(face))
        throw Error({file.string(), 0, 0}, "not a TrueType/OpenType font", "font");

    loaded->unicodes.reset(hb_set_create());
    hb_face_collect_unicodes(loaded->hb_face.get(), loaded->unicodes.get());
    if (hb_set_get_population(loaded->unicodes.get()) == 0)
        throw Error({file.string(), 0, 0}, "font has no Unicode character map", "font");
    for (char32_t c = 0; c < 256; ++c)
        if (hb_set_has(loaded->unicodes.get(), c)) loaded->latin1[c >> 6] |= std::uint64_t{1} << (c & 63);

    FontInfo& info = loaded->info;
    info.file = file;
    info.family = face->family_name ? face->family_name : "";
    const char* ps = FT_Get_Postscript_Name(face);
    info.postscript_name = ps ? ps : info.family;
    info.bold = (face->style_flags & FT_STYLE_FLAG_BOLD) != 0;
    info.italic = (face->style_flags & FT_STYLE_FLAG_ITALIC) != 0;
    info.color_bitmap = FT_HAS_COLOR(face) && !FT_IS_SCALABLE(face);
    info.units_per_em = static_cast<int>(hb_face_get_upem(loaded->hb_face.get()));
    // Metrics at scale = upem are in font units; HarfBuzz picks OS/2 typo metrics
    // when the font asks for them (USE_TYPO_METRICS) and hhea otherwise.
    HbFontPtr unscaled(hb_font_create(loaded->hb_face.get()));
    hb_position_t v = 0;
    if (hb_ot_metrics_get_position(unscaled.get(), HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v)) info.ascender = v;
    if (hb_ot_metrics_get_position(unscaled.get(), HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v)) info.descender = v;
    if (hb_ot_metrics_get_position(unscaled.get(), HB_OT_METRICS_TAG_HORIZONTAL_LINE_GAP, &v)) info.line_gap = v;
    if (hb_ot_metrics_get_position(unscaled.get(), HB_OT_METRICS_TAG_CAP_HEIGHT, &v)) loaded->cap_height = v;
    if (info.ascender == 0 && info.descender == 0) {
        info.ascender = face->ascender;
        info.descender = face->descender;
    }
    if (info.descender > 0) info.descender = -info.descender;

    const FontId id = static_cast<FontId>(impl_->fonts.size());
    impl_->fonts.push_back(std::move(loaded));
    ++impl_->generation;
    impl_->by_file.emplace(key, id);
    return id;
}

std::optional<FontId> FontRegistry::color_emoji() {
    if (impl_->emoji_disabled) return std::nullopt;
    if (!impl_->emoji_looked_up) {
        impl_->emoji_looked_up = true;
        ++impl_->generation;
        if (auto file = find_emoji_font()) {
            try {
                impl_->emoji = load(*file);
            } catch (const Error&) {
                impl_->emoji.reset();  // unreadable: treated as not installed
            }
        }
    }
    return impl_->emoji;
}

void FontRegistry::disable_color_emoji() {
    impl_->emoji_disabled = true;
    impl_->emoji.reset();
}

void FontRegistry::use_system_fallback(bool on) { impl_->system_fallback = on; }

namespace {

// fontconfig's language tags are lower case with a hyphen, and Chinese is told
// apart by region ("zh-cn", "zh-tw"), where BCP 47 often names the script.
std::string fontconfig_language(const std::string& lang) {
    std::string out;
    for (char c : lang) out += c == '_' ? '-' : ascii_lower(c);
    if (out == "zh" || out.rfind("zh-hans", 0) == 0 || out == "zh-sg") return "zh-cn";
    if (out.rfind("zh-hant", 0) == 0 || out == "zh-mo") return "zh-tw";
    return out;
}

// Fonts the PDF writer embeds: outlines in 'glyf' or 'CFF ' (not CFF2, not
// bitmap-only colour fonts, which layout draws through color_emoji()).
bool has_embeddable_outlines(hb_face_t* face) {
    for (hb_tag_t tag : {HB_TAG('g', 'l', 'y', 'f'), HB_TAG('C', 'F', 'F', ' ')}) {
        hb_blob_t* table = hb_face_reference_table(face, tag);
        const bool present = hb_blob_get_length(table) > 0;
        hb_blob_destroy(table);
        if (present) return true;
    }
    return false;
}

}  // namespace

namespace {

struct FcPatternFree {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FcCharSetFree {
    void operator()(FcCharSet* c) const { FcCharSetDestroy(c); }
};
struct FcFontSetFree {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};

bool has_family(FcPattern* font, const std::string& wanted) {
    FcChar8* name = nullptr;
    for (int i = 0; FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; ++i)
        if (wanted == reinterpret_cast<const char*>(name)) return true;
    return false;
}

}  // namespace

std::optional<FontId> FontRegistry::Impl::find_system_fallback(FontRegistry& registry, const std::u32string& chars,
                                                               UScriptCode script, const std::string& lang, bool bold,
                                                               bool italic, bool serif) {
    const std::string request = lang + "/" + std::to_string(static_cast<int>(script)) + (bold ? "/b" : "/-") +
                                (italic ? "i" : "-") + (serif ? "s" : "-");
    std::vector<FontId>& found = fallbacks_by_request[request];
    const auto covers_all = [&](FontId f) {
        return std::all_of(chars.begin(), chars.end(), [&](char32_t c) { return covers(f, c); });
    };
    for (FontId f : found)
        if (covers_all(f)) return f;
    for (char32_t c : chars)
        if (fallback_misses.count(c)) return std::nullopt;

    if (!fc_config) {
        FcConfig* config = FcInitLoadConfigAndFonts();
        if (!config) return std::nullopt;
        fc_config = std::unique_ptr<void, void (*)(void*)>(
            config, [](void* p) { FcConfigDestroy(static_cast<FcConfig*>(p)); });
    }
    auto* config = static_cast<FcConfig*>(fc_config.get());
    std::unique_ptr<FcCharSet, FcCharSetFree> wanted(FcCharSetCreate());
    if (!wanted) return std::nullopt;
    for (char32_t c : chars) FcCharSetAddChar(wanted.get(), static_cast<FcChar32>(c));
    const std::string fc_lang = fontconfig_language(lang);

    // One fontconfig query: the fonts sorted for the pattern, the first that has
    // every character and is of `family` (any family when empty).
    const auto query = [&](const std::string& family) -> std::optional<FontId> {
        std::unique_ptr<FcPattern, FcPatternFree> pattern(FcPatternCreate());
        if (!pattern) return std::nullopt;
        if (!family.empty())
            FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
        FcPatternAddCharSet(pattern.get(), FC_CHARSET, wanted.get());
        if (!fc_lang.empty())
            FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>(fc_lang.c_str()));
        FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
        FcPatternAddInteger(pattern.get(), FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
        FcPatternAddBool(pattern.get(), FC_OUTLINE, FcTrue);
        FcConfigSubstitute(config, pattern.get(), FcMatchPattern);
        FcDefaultSubstitute(pattern.get());
        FcResult result = FcResultNoMatch;
        std::unique_ptr<FcFontSet, FcFontSetFree> sorted(FcFontSort(config, pattern.get(), FcFalse, nullptr, &result));
        // The sorted list ends with fonts that lack the characters: each candidate's
        // own charset decides, and the registry's cmap check confirms.
        for (int i = 0; sorted && i < sorted->nfont; ++i) {
            FcPattern* font = sorted->fonts[i];
            if (!family.empty() && !has_family(font, family)) continue;
            FcCharSet* has = nullptr;
            if (FcPatternGetCharSet(font, FC_CHARSET, 0, &has) != FcResultMatch ||
                FcCharSetIsSubset(wanted.get(), has) != FcTrue)
                continue;
            FcBool color = FcFalse;
            if (FcPatternGetBool(font, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
            FcChar8* file = nullptr;
            int index = 0;
            if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || !file) continue;
            FcPatternGetInteger(font, FC_INDEX, 0, &index);
            if (index < 0 || index > 0xFFFF) continue;  // named instances of variable fonts
            try {
                const FontId id = registry.load(reinterpret_cast<const char*>(file), static_cast<unsigned>(index));
                if (!has_embeddable_outlines(this->font(id).hb_face.get()) || !covers_all(id)) continue;
                return id;
            } catch (const Error&) {
                continue;  // unreadable: try the next
            }
        }
        return std::nullopt;
    };
    // fontconfig alone prefers any font that claims the language (DejaVu Sans
    // claims Arabic and Hebrew); the family made for the script reads better.
    std::vector<std::string> families = families_made_for(script, lang, serif);
    families.emplace_back();
    for (const std::string& family : families) {
        if (auto id = query(family)) {
            found.push_back(*id);
            ++generation;
            return id;
        }
    }
    // A cluster's miss says nothing of its parts.
    if (chars.size() == 1 && fallback_misses.insert(chars[0]).second) ++generation;
    return std::nullopt;
}

std::size_t FontRegistry::size() const { return impl_->fonts.size(); }

std::uint64_t FontRegistry::generation() const { return impl_->generation; }

std::string library_versions() {
    FT_Library library = nullptr;
    FT_Int major = 0, minor = 0, patch = 0;
    if (FT_Init_FreeType(&library) == 0) {
        FT_Library_Version(library, &major, &minor, &patch);
        FT_Done_FreeType(library);
    }
    UVersionInfo icu{};
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH] = {};
    u_versionToString(icu, icu_text);
    return std::string("harfbuzz ") + hb_version_string() + " freetype " + std::to_string(major) + "." +
           std::to_string(minor) + "." + std::to_string(patch) + " icu " + icu_text;
}

namespace {

// SHA-256 over the file's size and the sfnt table directory of face `face` (of a
// collection's 'ttcf' header when there is one), read from what the font was
// loaded from — its bytes, or the file it reads in pieces, still open — not the
// file as it may be now; all zero when that holds none, which no font that loaded
// has.
std::array<std::uint8_t, 32> table_directory_digest(const LoadedFont& font, unsigned face) {
    const std::uint64_t size = font.bytes ? font.bytes->size() : font.piecewise ? font.piecewise->file.size() : 0;
    auto read = [&](std::uint64_t at, std::size_t n) {
        std::string bytes;
        if (at > size || n > size - at) return bytes;
        bytes.resize(n);
        if (font.bytes)
            std::memcpy(bytes.data(), font.bytes->data() + at, n);
        else if (font.piecewise->file.read_at(at, reinterpret_cast<unsigned char*>(bytes.data()), n) != n)
            bytes.clear();
        return bytes;
    };
    auto u16 = [](const std::string& b, std::size_t at) {
        const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])); };
        return byte(at) << 8 | byte(at + 1);
    };
    auto u32 = [&](const std::string& b, std::size_t at) { return u16(b, at) << 16 | u16(b, at + 2); };
    std::uint64_t offset = 0;
    const std::string head = read(0, 12);
    if (head.size() != 12) return {};
    if (head.compare(0, 4, "ttcf") == 0) {
        if (face >= u32(head, 8)) return {};
        const std::string at = read(12 + 4 * std::uint64_t{face}, 4);
        if (at.size() != 4) return {};
        offset = u32(at, 0);
    }
    const std::string table_header = read(offset, 12);
    if (table_header.size() != 12) return {};
    const std::string directory = read(offset, 12 + 16 * std::size_t{u16(table_header, 4)});
    if (directory.empty()) return {};
    Sha256 hash;
    hash.update(std::to_string(size) + "/" + std::to_string(face) + "/");
    hash.update(directory);
    return hash.finish();
}

}  // namespace

const FontRegistry::Identity& FontRegistry::identity(FontId id) const {
    const LoadedFont& f = impl_->font(id);
    if (!f.identity) f.identity = Identity{f.key_file, f.face_index, table_directory_digest(f, f.face_index)};
    return *f.identity;
}

std::optional<FontId> FontRegistry::loaded(const Identity& identity) const {
    const auto it = impl_->by_file.find({identity.file, identity.face});
    if (it == impl_->by_file.end() || this->identity(it->second) != identity) return std::nullopt;
    return it->second;
}

const FontInfo& FontRegistry::info(FontId id) const { return impl_->font(id).info; }

bool FontRegistry::covers(FontId id, char32_t c) const { return impl_->covers(id, c); }

void FontRegistry::forget_build_notes() {
    impl_->missing.clear();
    impl_->warned_emoji_missing = false;
}

std::set<char32_t> FontRegistry::take_missing() { return std::exchange(impl_->missing, {}); }

void FontRegistry::note_missing(const std::set<char32_t>& characters) {
    impl_->missing.insert(characters.begin(), characters.end());
}

Sp FontRegistry::ascent(FontId id, Sp size) const {
    const FontInfo& i = info(id);
    return scale_sp(i.ascender, size, i.units_per_em);
}

Sp FontRegistry::descent(FontId id, Sp size) const {
    const FontInfo& i = info(id);
    return scale_sp(-i.descender, size, i.units_per_em);
}

pages::FontProgram FontRegistry::program(FontId id) const {
    const LoadedFont& f = impl_->font(id);
    FT_Face face = f.ft_face.get();
    pages::FontProgram p;
    p.postscript_name = f.info.postscript_name;
    p.data = f.bytes;
    p.face_index = f.face_index;
    p.units_per_em = f.info.units_per_em;
    p.ascender = f.info.ascender;
    p.descender = f.info.descender;
    p.cap_height = f.cap_height ? f.cap_height : f.info.ascender;
    p.x_min = static_cast<int>(face->bbox.xMin);
    p.y_min = static_cast<int>(face->bbox.yMin);
    p.x_max = static_cast<int>(face->bbox.xMax);
    p.y_max = static_cast<int>(face->bbox.yMax);
    if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(face, FT_SFNT_POST)))
        p.italic_angle = static_cast<double>(post->italicAngle) / 65536.0;
    p.fixed_pitch = FT_IS_FIXED_WIDTH(face) != 0;
    // OS/2 sFamilyClass 1–7 are serif designs; many fonts leave it 0, so PANOSE
    // (Latin text, serif style 2–10: the serifed kinds, 11+ sans) decides then.
    if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(face, FT_SFNT_OS2))) {
        const int family_class = (os2->sFamilyClass >> 8) & 0xFF;
        if (family_class != 0)
            p.serif = family_class >= 1 && family_class <= 7;
        else
            p.serif = os2->panose[0] == 2 && os2->panose[1] >= 2 && os2->panose[1] <= 10;
    }
    p.italic = f.info.italic;
    p.bold = f.info.bold;
    p.identity = identity(id).digest;
    return p;
}

std::optional<FontRegistry::ColorGlyph> FontRegistry::color_glyph(FontId id, std::uint32_t glyph) const {
    const LoadedFont& f = impl_->font(id);
    FT_Face face = f.ft_face.get();
    if (!FT_HAS_COLOR(face)) return std::nullopt;
    if (FT_HAS_FIXED_SIZES(face) && face->num_fixed_sizes > 0) {
        int best = 0;
        for (int i = 1; i < face->num_fixed_sizes; ++i)
            if (face->available_sizes[i].y_ppem > face->available_sizes[best].y_ppem) best = i;
        if (FT_Select_Size(face, best) != 0) return std::nullopt;
    } else if (FT_Set_Pixel_Sizes(face, 0, 128) != 0) {
        return std::nullopt;
    }
    if (FT_Load_Glyph(face, glyph, FT_LOAD_COLOR | FT_LOAD_RENDER) != 0) return std::nullopt;
    const FT_Bitmap& bm = face->glyph->bitmap;
    if (bm.width == 0 || bm.rows == 0) return std::nullopt;

    ColorGlyph out;
    out.ppem = face->size->metrics.y_ppem;
    out.bearing_x = face->glyph->bitmap_left;
    out.bearing_y = face->glyph->bitmap_top;
    pages::Raster& r = out.raster;
    r.width = static_cast<int>(bm.width);
    r.height = static_cast<int>(bm.rows);
    r.channels = 3;
    const std::size_t n = static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height);
    r.pixels.resize(n * 3);
    r.alpha.resize(n);
    for (int y = 0; y < r.height; ++y) {
        // A negative pitch means the rows are stored bottom-up.
        const std::ptrdiff_t pitch = bm.pitch;
        const unsigned char* row = pitch >= 0 ? bm.buffer + y * pitch : bm.buffer + (r.height - 1 - y) * -pitch;
        for (int x = 0; x < r.width; ++x) {
            const std::size_t o = static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) +
                                  static_cast<std::size_t>(x);
            std::uint8_t red = 0, green = 0, blue = 0, alpha = 255;
            switch (bm.pixel_mode) {
            case FT_PIXEL_MODE_BGRA: {
                // FreeType's BGRA is premultiplied; PDF soft masks want straight colour.
                const unsigned char* px = row + x * 4;
                alpha = px[3];
                auto un = [alpha](unsigned c) {
                    return static_cast<std::uint8_t>(alpha ? std::min(255u, (c * 255u + alpha / 2) / alpha) : 0);
                };
                blue = un(px[0]);
                green = un(px[1]);
                red = un(px[2]);
                break;
            }
            case FT_PIXEL_MODE_GRAY:
                alpha = row[x];
                break;
            case FT_PIXEL_MODE_MONO:
                alpha = (row[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
                break;
            default:
                return std::nullopt;
            }
            r.pixels[o * 3] = red;
            r.pixels[o * 3 + 1] = green;
            r.pixels[o * 3 + 2] = blue;
            r.alpha[o] = alpha;
        }
    }
    return out;
}

}  // namespace booklet::shape
