// Writing output files so that a failed build never leaves a half-written file
// and never destroys the previous good one.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet {

// Calls write(temp) with a fresh temporary path in the target's folder; when write
// returns normally, the temporary file is flushed to disk and renamed over target.
// When write throws, the temporary file is removed and the exception propagates;
// target is left untouched. The target's folder must exist.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path& temp)>& write);

// Convenience for writers that hold the whole file in memory.
void write_bytes_atomically(const std::filesystem::path& target, std::string_view bytes);

// Temporary files are named ".TARGET.booklet-tmp-XXXXXXXXXXXXXXXX" next to their
// target: hidden, and recognisable so that the next build can remove what a killed
// one left (nothing can clean up after SIGKILL).
bool is_temporary_name(const std::string& file_name);

// Removes the temporary files (is_temporary_name) in `folder`; returns how many.
// Never touches any other file.
std::size_t remove_temporary_files(const std::filesystem::path& folder);

// The previous outputs an OutputBatch replaced, under hidden temporary names
// (is_temporary_name) until this is destroyed. Renaming over a file frees its
// blocks, a millisecond for a 2 MB PDF; a `booklet watch` rebuild hands this to
// its ReleaseLater, so that the new files are there before the old ones are freed.
// What a killed build leaves is removed as its other temporary files are.
class ReplacedFiles {
public:
    ReplacedFiles() = default;
    ReplacedFiles(const ReplacedFiles&) = delete;
    ReplacedFiles& operator=(const ReplacedFiles&) = delete;
    ReplacedFiles(ReplacedFiles&& other) noexcept { paths_.swap(other.paths_); }
    // What this held goes with `other`.
    ReplacedFiles& operator=(ReplacedFiles&& other) noexcept {
        paths_.swap(other.paths_);
        return *this;
    }
    ~ReplacedFiles();
    std::size_t size() const { return paths_.size(); }

private:
    friend class OutputBatch;
    std::vector<std::filesystem::path> paths_;
};

// Output files replaced together: each is written to its own temporary file next
// to its target, by write_file_atomically (or write_bytes_atomically), which
// flushes it to disk; only when every one is complete are they renamed into place,
// one right after the other. A failed or killed build leaves the previous outputs
// as they were (a kill between two renames is the one window left, and the next
// build rewrites both); the destructor removes what was staged and not committed.
class OutputBatch {
public:
    OutputBatch() = default;
    OutputBatch(const OutputBatch&) = delete;
    OutputBatch& operator=(const OutputBatch&) = delete;
    OutputBatch(OutputBatch&&) noexcept = default;  // the moved-from batch holds nothing
    OutputBatch& operator=(OutputBatch&&) = delete;
    ~OutputBatch();

    // A fresh temporary path next to `target` for a writer to write.
    std::filesystem::path stage(const std::filesystem::path& target);
    // Renames every staged file that exists over its target, in the order staged;
    // returns the files replaced. Throws booklet::Error naming the target that
    // could not be replaced.
    ReplacedFiles commit();

private:
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> staged_;  // temp, target
};

}  // namespace booklet
