// Reading input files safely: real paths, containment in the folders the user
// named, and reads bounded by a stated size.
//
// Why: a path's text says nothing about where it leads. A page matched by
// "posts/*.md" may be a symbolic link to /etc/passwd, an image "../../x.png" may
// climb out of the content, and /dev/zero or a FIFO never ends. Every stage that
// reads a file the content names goes through these functions.
#pragma once

#include "booklet/diagnostics.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace booklet::files {

// Size limits of files read whole (docs/ARCHITECTURE.md, "Budgets").
inline constexpr std::size_t kMaxManifestBytes = 1u << 20;   // 1 MiB: a manifest is a few lines
inline constexpr std::size_t kMaxStyleBytes = 1u << 20;      // 1 MiB per style file
inline constexpr std::size_t kMaxPageBytes = 2u << 20;       // 2 MiB per page (50 times the longest site page)

// The path with every symbolic link, "." and ".." resolved (realpath(3)); empty
// when it does not exist or cannot be resolved.
std::filesystem::path real_path(const std::filesystem::path& p);

// Whether `real_file` lies in `real_folder` or below it. Both must be real paths
// (real_path); a comparison of path components, so "/a/bc" is not inside "/a/b".
bool is_within(const std::filesystem::path& real_file, const std::filesystem::path& real_folder);

// Whether `real_file` lies in any of `real_folders`.
bool is_within_any(const std::filesystem::path& real_file, const std::vector<std::filesystem::path>& real_folders);

// Reads a whole regular file of at most `max_bytes` bytes. Anything else — a
// missing file, a folder, a device such as /dev/zero, a FIFO, a file over the
// limit — is refused at once with booklet::Error{`display`, `kind`} naming what was
// wrong, before any byte is read. `what` names the file in messages ("the
// manifest", "the page").
std::string read_bounded(const std::filesystem::path& file, std::size_t max_bytes, const std::string& what,
                         const std::string& display, KindName kind);
// The same, as bytes (a font file).
std::vector<std::uint8_t> read_bounded_bytes(const std::filesystem::path& file, std::size_t max_bytes,
                                             const std::string& what, const std::string& display, KindName kind);

// A regular file of at most `max_bytes` bytes held open, checked as read_bounded
// checks one, to be read in pieces (a colour emoji font, of which a book draws a
// few glyphs out of 11 MB). Closed with the object.
class BoundedFile {
public:
    BoundedFile(const std::filesystem::path& file, std::size_t max_bytes, const std::string& what,
                const std::string& display, KindName kind);
    ~BoundedFile();
    BoundedFile(const BoundedFile&) = delete;
    BoundedFile& operator=(const BoundedFile&) = delete;

    int descriptor() const { return fd_; }
    std::size_t size() const { return size_; }  // when it was opened
    // Up to `count` bytes from `offset` into `buffer`: how many were read, fewer
    // at the end of the file (or where it was cut since it was opened), 0 on error.
    std::size_t read_at(std::uint64_t offset, unsigned char* buffer, std::size_t count) const;

private:
    int fd_ = -1;
    std::size_t size_ = 0;
};

}  // namespace booklet::files
