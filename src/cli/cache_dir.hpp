// The picture cache of a build session (image::PictureCache): its folder, and what
// a run did with it.
#pragma once

#include "options.hpp"
#include "report.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/picture_cache.hpp"

#include <filesystem>
#include <memory>
#include <optional>

namespace booklet::cli {

// --cache-dir's folder; else, by the XDG Base Directory specification,
// $XDG_CACHE_HOME/booklet when XDG_CACHE_HOME is an absolute path, else
// $HOME/.cache/booklet when HOME is; else none (and none with --no-cache).
// `xdg_cache_home` and `home` are the variables' values, nullptr when unset.
std::optional<std::filesystem::path> picture_cache_folder(const CacheOption& option, const char* xdg_cache_home,
                                                          const char* home);

// The session's cache in the folder the environment and `option` give, or none.
// Nothing is created before a picture is stored.
std::unique_ptr<image::PictureCache> open_picture_cache(const CacheOption& option);

// Hyphenation machines kept in `cache` (entries reported apart from the pictures,
// like layout's set paragraphs); `cache` outlives the shelf.
std::unique_ptr<hyphenate::MachineShelf> machine_shelf(image::PictureCache& cache);

// After a run: prunes the cache (when the run wrote to it) and says what the run
// found and wrote, counted from `before` (the counts when it started).
PictureCacheUse finish_run(image::PictureCache& cache, const image::PictureCache::Counts& before);

// A cache folder that cannot be written costs later builds their speed, not this
// build its output: one warning (kind picture-cache) for the first problem.
void report_picture_cache_problem(image::PictureCache* cache, Diagnostics& diags);

}  // namespace booklet::cli
