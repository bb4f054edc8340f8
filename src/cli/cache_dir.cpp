#include "cache_dir.hpp"

#include <cstdlib>

namespace booklet::cli {
namespace fs = std::filesystem;

std::optional<fs::path> picture_cache_folder(const CacheOption& option, const char* xdg_cache_home, const char* home) {
    switch (option.kind) {
    case CacheOption::Kind::none: return std::nullopt;
    case CacheOption::Kind::folder: return option.folder;
    case CacheOption::Kind::standard: break;
    }
    // The specification: a relative path in the variable is invalid and ignored.
    const auto absolute = [](const char* value) { return value && *value && fs::path(value).is_absolute(); };
    if (absolute(xdg_cache_home)) return fs::path(xdg_cache_home) / "booklet";
    if (absolute(home)) return fs::path(home) / ".cache" / "booklet";
    return std::nullopt;
}

std::unique_ptr<image::PictureCache> open_picture_cache(const CacheOption& option) {
    const auto folder = picture_cache_folder(option, std::getenv("XDG_CACHE_HOME"), std::getenv("HOME"));
    if (!folder) return nullptr;
    return std::make_unique<image::PictureCache>(*folder);
}

namespace {

class CachedMachines final : public hyphenate::MachineShelf {
public:
    explicit CachedMachines(image::PictureCache& cache) : cache_(cache) {}
    std::optional<std::string> get(const Sha256Digest& key) override {
        return cache_.get(entry_key(key), image::PictureCache::Counted::no);
    }
    void put(const Sha256Digest& key, std::string_view machine) override {
        cache_.put(entry_key(key), machine, image::PictureCache::Counted::no);
    }

private:
    static image::CacheKey entry_key(const Sha256Digest& key) {
        return image::CacheKeyBuilder("hyphenation machine", key).finish();
    }
    image::PictureCache& cache_;
};

}  // namespace

std::unique_ptr<hyphenate::MachineShelf> machine_shelf(image::PictureCache& cache) {
    return std::make_unique<CachedMachines>(cache);
}

PictureCacheUse finish_run(image::PictureCache& cache, const image::PictureCache::Counts& before) {
    cache.prune();
    const image::PictureCache::Counts now = cache.counts();
    return {cache.folder(), now.hits - before.hits, now.misses - before.misses, now.writes - before.writes};
}

void report_picture_cache_problem(image::PictureCache* cache, Diagnostics& diags) {
    if (!cache) return;
    if (const auto problem = cache->take_problem())
        diags.warning(SourcePos{}, "picture-cache",
                      "the picture cache cannot be written (" + *problem +
                          "); pictures, set paragraphs, hyphenation machines, font subsets and written streams are not kept for the next "
                          "build (--no-cache turns the cache off)");
}

}  // namespace booklet::cli
