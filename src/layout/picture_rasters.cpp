#include "picture_rasters.hpp"

#include "booklet/model_images.hpp"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace booklet::layout {

// One distinct raster and the largest extent it is drawn at, in inches.
struct PictureFiles::Placement {
    std::shared_ptr<const pages::Raster> source;
    double width_in = 0, height_in = 0;
    std::shared_ptr<const pages::Raster> prepared;
};

namespace {

// The share of a raster's pixels that shows max_ppi at its largest placement;
// the axis that needs more pixels decides. 1 (all) when nothing limits it.
double needed_scale(const pages::Raster& r, double width_in, double height_in, int max_ppi) {
    if (max_ppi <= 0 || width_in <= 0 || height_in <= 0) return 1;
    return std::max(width_in * max_ppi / r.width, height_in * max_ppi / r.height);
}

// The reduction and the JPEG-or-lossless choice are image::prepare_picture's, the
// one policy the EPUB follows too; print only says which resolution it needs.
image::PictureTarget print_target(const pages::Raster& source, double width_in, double height_in,
                                  const style::ImageStyle& images) {
    image::PictureTarget target;
    target.scale = needed_scale(source, width_in, height_in, images.max_ppi);
    target.jpeg_quality = images.jpeg_quality;
    target.jpeg_keeps_alpha = true;  // the PDF stores alpha as an /SMask beside the JPEG
    return target;
}

// The cache's name for a raster prepared for print from `source` (a file's digest,
// or a raster's payload's) at `target`.
image::CacheKey print_key(std::string_view purpose, const Sha256Digest& source, const image::PictureTarget& target) {
    return image::CacheKeyBuilder(purpose, source)
        .real("scale", target.scale)
        .integer("jpeg_quality", target.jpeg_quality)
        .flag("jpeg_keeps_alpha", target.jpeg_keeps_alpha)
        .finish();
}

// What a stand-in needs of a decoded raster: its size (the scale is found from
// it), its dpi, its channels and whether it came from a lossy file.
std::string stand_in_payload(const pages::Raster& decoded) {
    PayloadWriter w;
    image::write_raster_header(w, decoded);
    return w.take();
}

std::optional<pages::Raster> stand_in_from_payload(std::string_view payload) {
    PayloadReader in(payload);
    pages::Raster r;
    const bool lossy_ok = image::read_raster_header(in, r);
    in.require(r.width > 0 && r.height > 0 && r.width <= image::kMaxDimension && r.height <= image::kMaxDimension);
    in.require((r.channels == 1 || r.channels == 3) && lossy_ok);
    if (!in.finished()) return std::nullopt;
    return r;
}

// A picture file decoded for prepare(): read again, and refused when its bytes are
// no longer those layout measured (the picture was replaced while the book was made).
pages::Raster decode_again(const std::string& name, const Sha256Digest& digest) {
    const std::vector<std::uint8_t> bytes = image::read_file_bytes(name);
    if (sha256(bytes) != digest)
        throw Error(SourcePos{name}, "the picture changed while the book was made; build again", "image-decode");
    return image::decode_bytes(bytes, name);
}

// A colour glyph as the cache keeps it: whether the font has one, then its strike
// and bearings and its raster.
std::string color_glyph_payload(const std::optional<shape::FontRegistry::ColorGlyph>& glyph) {
    PayloadWriter w;
    w.u8(glyph ? 1 : 0);
    if (glyph) {
        w.i32(glyph->ppem);
        w.i32(glyph->bearing_x);
        w.i32(glyph->bearing_y);
        w.bytes(image::raster_payload(glyph->raster));
    }
    return w.take();
}

// nullopt for a payload that is not one; else what it says (which may be no glyph).
std::optional<std::optional<shape::FontRegistry::ColorGlyph>> color_glyph_from_payload(std::string_view payload) {
    PayloadReader in(payload);
    const std::uint8_t has = in.u8();
    if (has == 0) {
        if (!in.finished()) return std::nullopt;
        return std::optional<shape::FontRegistry::ColorGlyph>();
    }
    shape::FontRegistry::ColorGlyph glyph;
    glyph.ppem = in.i32();
    glyph.bearing_x = in.i32();
    glyph.bearing_y = in.i32();
    std::optional<pages::Raster> raster = image::raster_from_payload(in.bytes());
    if (has != 1 || !raster || !in.finished()) return std::nullopt;
    glyph.raster = std::move(*raster);
    return glyph;
}

}  // namespace

std::optional<shape::FontRegistry::ColorGlyph> PictureFiles::color_glyph(const shape::FontRegistry& fonts, FontId font,
                                                                         std::uint32_t glyph) const {
    const shape::FontRegistry::Identity& identity = fonts.identity(font);
    std::optional<image::CacheKey> key;
    if (cache_ && identity.digest != decltype(identity.digest){}) {
        key = image::CacheKeyBuilder("colour glyph", identity.digest)
                  .integer("face", identity.face)
                  .integer("glyph", glyph)
                  .finish();
        if (auto payload = cache_->get(*key))
            if (auto kept = color_glyph_from_payload(*payload)) return std::move(*kept);
    }
    std::optional<shape::FontRegistry::ColorGlyph> rendered = fonts.color_glyph(font, glyph);
    if (key) cache_->put(*key, color_glyph_payload(rendered));
    return rendered;
}

PictureFiles::~PictureFiles() = default;

const ImageEntry& PictureFiles::entry(const std::filesystem::path& file) {
    const std::string name = file.string();
    if (auto it = entries_.find(name); it != entries_.end()) return it->second;
    const std::optional<Scan> scan = take_scan(name);
    Read read = scan ? read_scanned(*scan, file, name) : read_file(file, name);
    if (read.entry.ok) sources_.emplace(read.entry.raster.get(), std::move(read.source));
    return entries_.emplace(name, std::move(read.entry)).first->second;
}

void PictureFiles::read_ahead(const model::Document& document) {
    if (!may_read_ahead()) return;
    std::vector<std::filesystem::path> files;
    model::each_image(document, [&](const model::ImageRef& ref, const SourcePos&) {
        if (!ref.file.empty()) files.push_back(ref.file);
    });
    read_ahead(std::move(files));
}

void PictureFiles::read_ahead(std::vector<std::filesystem::path> files) {
    if (!may_read_ahead()) return;
    std::vector<std::filesystem::path> distinct;
    for (auto& file : files)
        if (ahead_index_.emplace(file.string(), distinct.size()).second) distinct.push_back(std::move(file));
    if (distinct.empty()) return;
    ahead_ = std::vector<Ahead>(distinct.size());
    for (std::size_t i = 0; i < distinct.size(); ++i) ahead_[i].file = std::move(distinct[i]);
    reader_ = std::jthread([this](std::stop_token stop) {
        for (Ahead& ahead : ahead_) {
            if (stop.stop_requested()) return;
            std::uint8_t state = Ahead::unread;
            if (!ahead.state.compare_exchange_strong(state, Ahead::reading)) continue;  // entry() took it
            try {
                ahead.scan = scan_file(ahead.file);
            } catch (...) {
                // Left unscanned: entry() reads it, and meets what this met.
            }
            ahead.state.store(Ahead::read, std::memory_order_release);
            ahead.state.notify_all();
        }
    });
}

std::optional<PictureFiles::Scan> PictureFiles::take_scan(const std::string& name) {
    const auto it = ahead_index_.find(name);
    if (it == ahead_index_.end()) return std::nullopt;
    Ahead& ahead = ahead_[it->second];
    // Claimed here before the reader reaches it, or waited for while it reads it
    // (reading it here too would read and digest it twice).
    std::uint8_t state = Ahead::unread;
    if (!ahead.state.compare_exchange_strong(state, Ahead::taken))
        while (state == Ahead::reading) {
            ahead.state.wait(state);
            state = ahead.state.load();
        }
    std::optional<Scan> out = std::move(ahead.scan);
    ahead.scan.reset();
    return out;
}

namespace {

// Whether the PDF draws this kind of file; the reason when it does not.
std::optional<std::string> undrawable(image::Format format) {
    if (format == image::Format::png || format == image::Format::jpeg || format == image::Format::webp)
        return std::nullopt;
    if (format == image::Format::unknown) return "not an image this booklet can read";
    return std::string(image::media_type(format)) + " images cannot be drawn in the PDF";
}

}  // namespace

PictureFiles::Read PictureFiles::read_file(const std::filesystem::path& file, const std::string& name) const {
    Read read;
    try {
        if (auto why = undrawable(image::sniff(file))) read.entry.error = std::move(*why);
        else read = read_bytes(image::read_file_bytes(file), name);
    } catch (const Error& err) {
        read.entry.error = err.message();
    }
    return read;
}

PictureFiles::Scan PictureFiles::scan_file(const std::filesystem::path& file) {
    Scan scan;
    try {
        if (auto why = undrawable(image::sniff(file))) {
            scan.error = std::move(*why);
            return scan;
        }
        const std::vector<std::uint8_t> bytes = image::read_file_bytes(file);
        scan.size = image::probe_bytes(bytes, file.string());
        scan.digest = sha256(bytes);
        scan.ok = true;
    } catch (const Error& err) {
        scan.error = err.message();
    }
    return scan;
}

PictureFiles::Read PictureFiles::read_scanned(const Scan& scan, const std::filesystem::path& file,
                                              const std::string& name) const {
    Read read;
    if (!scan.ok) {
        read.entry.error = scan.error;
        return read;
    }
    read.source = Source{scan.digest, name};
    read.entry.size = scan.size;
    read.entry.digest = scan.digest;
    try {
        read.entry.raster = cached_stand_in(read.source);
        if (!read.entry.raster) {
            const std::vector<std::uint8_t> bytes = image::read_file_bytes(file);
            if (sha256(bytes) != scan.digest) return read_file(file, name);  // changed since: read anew
            read.entry.raster = decoded_stand_in(bytes, name, read.source);
        }
    } catch (const Error& err) {
        read.entry = ImageEntry{};
        read.entry.error = err.message();
        return read;
    }
    read.entry.ok = true;
    return read;
}

// Throws for a file that cannot be drawn; a session keeps only the entries of those
// that can.
PictureFiles::Read PictureFiles::read_bytes(const std::vector<std::uint8_t>& bytes, const std::string& name) const {
    Digest128 read{};
    if (kept_) {
        read = digest128(bytes.data(), bytes.size());
        if (auto it = kept_->files.find(name); it != kept_->files.end() && it->second.bytes == read) {
            it->second.build = kept_->build;
            return {it->second.entry, Source{it->second.entry.digest, name}};
        }
    }
    Read out;
    out.entry.size = image::probe_bytes(bytes, name);
    out.source = Source{sha256(bytes), name};
    out.entry.digest = out.source.digest;
    out.entry.raster = cached_stand_in(out.source);
    if (!out.entry.raster) out.entry.raster = decoded_stand_in(bytes, name, out.source);
    out.entry.ok = true;
    if (kept_) kept_->files.insert_or_assign(name, KeptPictures::File{read, out.entry, kept_->build});
    return out;
}

// A stand-in of the decoded size, which layout measures: the file is decoded here
// only when no cache knows that these bytes decode (an earlier build decoded them
// with this code), to find a file that does not while layout can still show its
// description instead; its pixels are not kept (held through layout, the decoded
// pictures grew with the book's: 18 MiB of the corpus's first-build peak of 141)
// but decoded again by prepared(), which needs them only when the prepared raster
// is not in the cache. The stand-in is read from the payload the cache keeps, so
// a build with the cache and one without measure the same.
namespace {

// The cache's key of a file's stand-in (its decoded size): the file's bytes alone.
image::CacheKey stand_in_key(const Sha256Digest& file) { return image::CacheKeyBuilder("decoded size", file).finish(); }

}  // namespace

std::shared_ptr<const pages::Raster> PictureFiles::cached_stand_in(const Source& source) const {
    if (!cache_) return nullptr;
    if (auto payload = cache_->get(stand_in_key(source.digest)))
        if (auto stand_in = stand_in_from_payload(*payload))
            return std::make_shared<const pages::Raster>(std::move(*stand_in));
    return nullptr;
}

std::shared_ptr<const pages::Raster> PictureFiles::decoded_stand_in(const std::vector<std::uint8_t>& bytes,
                                                                    const std::string& name,
                                                                    const Source& source) const {
    const std::string payload = stand_in_payload(image::decode_bytes(bytes, name));
    auto stand_in = stand_in_from_payload(payload);
    if (!stand_in) throw Error(SourcePos{name}, "a decoded picture that no stand-in describes", "image-decode");
    if (cache_) cache_->put(stand_in_key(source.digest), payload);
    return std::make_shared<const pages::Raster>(std::move(*stand_in));
}

std::shared_ptr<const pages::Raster> PictureFiles::prepared(const Placement& p, const style::ImageStyle& images) const {
    const image::PictureTarget target = print_target(*p.source, p.width_in, p.height_in, images);
    const bool keeps = cache_ || kept_;
    const auto found = sources_.find(p.source.get());
    if (found == sources_.end()) {
        // A raster of no file (a colour emoji's bitmap, from its font): the cache
        // knows it by everything prepare_for_print reads of it, its whole payload.
        // Without the cache every build reduced and deflated each emoji again (12 ms
        // of a rebuild of the corpus, which shows 30 of them).
        if (!keeps || p.source->encoded) return image::prepare_for_print(p.source, target);
        return cached(print_key("pdf picture of samples", samples_digest(p.source), target),
                      [&] { return image::prepare_for_print(p.source, target); });
    }
    const Source& source = found->second;
    const auto decode = [&] {
        const auto decoded = std::make_shared<const pages::Raster>(decode_again(source.name, source.digest));
        return image::prepare_for_print(decoded, target);
    };
    if (!keeps) return decode();
    return cached(print_key("pdf picture", source.digest, target), decode);
}

Sha256Digest PictureFiles::samples_digest(const std::shared_ptr<const pages::Raster>& raster) const {
    if (!kept_) return sha256(image::raster_payload(*raster));
    auto [it, fresh] = kept_->samples.try_emplace(raster.get());
    if (fresh) it->second = {raster, sha256(image::raster_payload(*raster)), 0};
    it->second.build = kept_->build;
    return it->second.digest;
}

std::shared_ptr<const pages::Raster> PictureFiles::cached(
    const image::CacheKey& key, const std::function<std::shared_ptr<const pages::Raster>()>& make) const {
    if (kept_)
        if (auto it = kept_->prepared.find(key.digest); it != kept_->prepared.end()) {
            // Each placement prepared gets a raster of its own, as from the cache
            // folder: the writer embeds one picture per raster, so two files of the
            // same bytes are two pictures in a clean build, and must be here too.
            if (it->second.build == kept_->build) return std::make_shared<const pages::Raster>(*it->second.raster);
            it->second.build = kept_->build;
            return it->second.raster;
        }
    std::shared_ptr<const pages::Raster> out;
    if (cache_)
        if (auto payload = cache_->get(key))
            if (auto raster = image::raster_from_payload(*payload))
                out = std::make_shared<const pages::Raster>(std::move(*raster));
    if (!out) {
        out = make();
        if (cache_) cache_->put(key, image::raster_payload(*out));
    }
    if (kept_) kept_->prepared.insert_or_assign(key.digest, KeptPictures::Prepared{out, kept_->build});
    return out;
}

void PictureFiles::prepare(pages::Book& book, const style::ImageStyle& images) const {
    // In order of first use, so that the work is done in a fixed order; the map
    // only finds a raster's entry.
    std::vector<Placement> placements;
    std::map<const pages::Raster*, std::size_t> index;
    for (const auto& page : book.pages) {
        for (const auto& item : page.items) {
            const auto* im = std::get_if<pages::ImageItem>(&item);
            if (!im || !im->raster || im->raster->width <= 0 || im->raster->height <= 0) continue;
            auto [it, added] = index.emplace(im->raster.get(), placements.size());
            if (added) placements.push_back({im->raster, 0, 0, nullptr});
            Placement& p = placements[it->second];
            p.width_in = std::max(p.width_in, pt_from_sp(im->rect.width) / 72.0);
            p.height_in = std::max(p.height_in, pt_from_sp(im->rect.height) / 72.0);
        }
    }
    for (auto& p : placements) p.prepared = prepared(p, images);
    for (auto& page : book.pages) {
        for (auto& item : page.items) {
            auto* im = std::get_if<pages::ImageItem>(&item);
            if (!im || !im->raster) continue;
            if (auto it = index.find(im->raster.get()); it != index.end()) im->raster = placements[it->second].prepared;
        }
    }
}

void KeptPictures::next_build() {
    std::erase_if(files, [&](const auto& f) { return f.second.build != build; });
    std::erase_if(prepared, [&](const auto& p) { return p.second.build != build; });
    std::erase_if(samples, [&](const auto& s) { return s.second.build != build; });
    ++build;
}

void prepare_rasters(pages::Book& book, const style::ImageStyle& images) { PictureFiles().prepare(book, images); }

}  // namespace booklet::layout
