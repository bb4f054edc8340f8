#include "context.hpp"

#include "text_store.hpp"

namespace booklet::layout {

Geometry geometry_for(const style::Style& style, bool right_to_left) {
    Geometry g;
    const auto& p = style.page;
    g.page_width = p.width;
    g.page_height = p.height;
    g.top = p.margin_top;
    g.body_height = p.height - p.margin_top - p.margin_bottom;
    g.margin_inner = p.margin_inner;
    g.margin_outer = p.margin_outer;
    g.two_sided = p.two_sided;
    g.bound_right = right_to_left;
    g.columns = p.columns < 1 ? 1 : p.columns;
    g.column_gap = g.columns > 1 ? p.column_gap : 0;
    const Sp text = p.width - p.margin_inner - p.margin_outer;
    g.column_width = (text - (g.columns - 1) * g.column_gap) / g.columns;
    return g;
}

int anchor_page(const References& refs, const std::string& chapter, const std::string& anchor) {
    const auto& pages = refs.anchor_pages;
    if (auto it = pages.find(anchor.empty() ? chapter : chapter + "#" + anchor); it != pages.end()) return it->second;
    if (auto it = pages.find(chapter); it != pages.end()) return it->second;
    return pages.empty() ? 10 : -1;
}

LayoutContext::LayoutContext(const model::Document& document, const cite::Citations& citations,
                             const style::Style& style_, shape::FontRegistry& fonts_,
                             hyphenate::Dictionaries& dictionaries_, const Settings& settings_, PictureFiles* pictures,
                             TextCache* text)
    : doc(document),
      cites(citations),
      style(style_),
      fonts(fonts_),
      dictionaries(dictionaries_),
      settings(settings_),
      words(words::for_language(document.meta.language, {&style_.labels, &document.meta.labels})),
      geo(geometry_for(style_, words::right_to_left(document.meta.language))),
      rtl(geo.bound_right),
      own_pictures_(pictures ? nullptr : std::make_unique<PictureFiles>(settings_.picture_cache)),
      pictures_(pictures ? pictures : own_pictures_.get()),
      own_text_(text ? nullptr : std::make_unique<TextCache>()),
      text_(text ? text : own_text_.get()) {
    fonts.use_system_fallback(style_.fonts.system_fallback);
}

namespace {

const style::FontFile& face(const style::FontFamily& family, bool bold, bool italic) {
    // The style fills a missing face with the nearest one; an empty path still
    // falls back to regular here so that a partly filled Style works.
    const style::FontFile* p = &family.regular;
    if (bold && italic && !family.bold_italic.empty()) p = &family.bold_italic;
    else if (bold && !family.bold.empty()) p = &family.bold;
    else if (italic && !family.italic.empty()) p = &family.italic;
    return *p;
}

const style::FontFamily& family_for(const style::Fonts& fonts, style::FontRole role) {
    switch (role) {
    case style::FontRole::heading: return fonts.heading.regular.empty() ? fonts.body : fonts.heading;
    case style::FontRole::mono: return fonts.mono.regular.empty() ? fonts.body : fonts.mono;
    case style::FontRole::body: break;
    }
    return fonts.body;
}

}  // namespace

// The chain below (the role's face, the body face, the fallbacks), and the line
// breaker's hyphen puts one more font ahead of it.
static_assert(shape::FontChain::kMaxFonts >= 3 + style::Fonts::kMaxFallbacks);

const shape::FontChain& LayoutContext::chain(style::FontRole role, bool bold, bool italic) {
    const auto k = std::make_tuple(static_cast<int>(role), bold, italic);
    if (auto it = chains_.find(k); it != chains_.end()) return it->second;
    shape::FontChain c;
    auto add = [&](const style::FontFile& file) {
        if (file.empty()) return;
        const FontId id = fonts.load(file.path, file.face);
        for (auto f : c.fonts)
            if (f == id) return;
        c.fonts.push_back(id);
    };
    add(face(family_for(style.fonts, role), bold, italic));
    // The body family backs up the others (a mono font without some accented
    // letter is better served by the serif than by a symbol font).
    if (role != style::FontRole::body) add(face(style.fonts.body, bold, italic));
    for (const auto& f : style.fonts.fallbacks) add(f);
    if (c.fonts.empty())
        throw Error({style.file.string()}, "the style names no font for body text", "style-font");
    return chains_.emplace(k, std::move(c)).first->second;
}

shape::TextStyle LayoutContext::text_style(const style::TextStyle& block, bool bold, bool italic) {
    shape::TextStyle t;
    t.fonts = chain(block.font, block.bold || bold, block.italic != italic);
    t.size = block.size;
    t.color = block.color;
    t.hyphenate = block.hyphenate;
    t.color_emoji = style.fonts.color_emoji;
    return t;
}

const CachedShape& LayoutContext::shape_for(const shape::StyledText& text) {
    auto& recent = text_->recent_shapes;
    for (auto it = recent.rbegin(); it != recent.rend(); ++it)
        if (it->paragraph.source == text) return *it;
    CachedShape entry;
    Diagnostics local;
    // The characters this paragraph lacks, apart from the others'.
    const std::set<char32_t> before = fonts.take_missing();
    entry.paragraph = shape::shape_paragraph(fonts, text, &local);
    entry.notes.warnings = local.all();
    entry.notes.missing = fonts.take_missing();
    fonts.note_missing(before);
    if (recent.size() == TextCache::kRecentShapes) recent.pop_front();
    recent.push_back(std::move(entry));
    return recent.back();
}

TextCache::TextCache() = default;
TextCache::~TextCache() = default;

const CachedLines& LayoutContext::lines_for(const shape::StyledText& text, const linebreak::Options& options) {
    auto& lines = text_->paragraphs;
    const ParagraphRef paragraph{text, options};
    auto it = lines.find(paragraph);
    if (it == lines.end()) {
        // A caller that wants the line breaker's report gets it from a setting made now.
        TextStore* store = options.report ? nullptr : text_->store.get();
        TextStore::Lookup stored = store ? store->find(paragraph, fonts) : TextStore::Lookup{};
        CachedLines entry;
        if (stored.lines) {
            entry = std::move(*stored.lines);
        } else {
            const std::uint64_t generation = fonts.generation();
            const CachedShape& shaped = shape_for(text);
            linebreak::Options with_workspace = options;
            if (!with_workspace.workspace) with_workspace.workspace = &text_->workspace;
            entry.lines = linebreak::break_paragraph(fonts, shaped.paragraph, with_workspace);
            entry.notes = shaped.notes;
            // Kept only when setting it changed nothing in the registry that a later
            // paragraph could see (a shape taken from recent_shapes changed nothing).
            if (store) store->keep(fonts.generation() == generation ? std::move(stored.key) : std::string(), paragraph,
                                   entry, fonts);
        }
        it = lines.emplace(ParagraphKey{text, options}, std::move(entry)).first;
    }
    it->second.used = text_->build;
    if (reads && settings.kept_chapters) reads->lines.push_back(&it->second);
    fonts.note_missing(it->second.notes.missing);
    if (diags)
        for (const auto& w : it->second.notes.warnings) diags->add(w);
    return it->second;
}

void TextCache::next_build() {
    stored.reset();
    std::erase_if(paragraphs, [&](const auto& e) { return e.second.used != build; });
    ++build;
}

void LayoutContext::mark_used(const std::vector<CachedLines*>& lines) {
    for (CachedLines* entry : lines) entry->used = text_->build;
}

const ImageEntry& LayoutContext::image(const std::filesystem::path& file) {
    const ImageEntry& entry = pictures_->entry(file);
    if (reads && settings.kept_chapters) reads->pictures.push_back({file, entry.digest, entry.error, entry.raster});
    return entry;
}

const EmojiImage* LayoutContext::color_glyph(FontId font, std::uint32_t glyph) {
    const auto k = std::make_pair(font, glyph);
    auto& glyphs = text_->emoji;
    auto it = glyphs.find(k);
    if (it == glyphs.end()) {
        std::optional<EmojiImage> e;
        if (auto g = pictures_->color_glyph(fonts, font, glyph)) {
            e.emplace();
            e->ppem = g->ppem;
            e->bearing_x = g->bearing_x;
            e->bearing_y = g->bearing_y;
            e->raster = std::make_shared<const pages::Raster>(std::move(g->raster));
        }
        it = glyphs.emplace(k, std::move(e)).first;
    }
    return it->second ? &*it->second : nullptr;
}

}  // namespace booklet::layout
