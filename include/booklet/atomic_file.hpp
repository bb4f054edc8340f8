// Writing output files so that a failed build never leaves a half-written file
// and never destroys the previous good one.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

namespace booklet {

// Calls write(temp) with a fresh temporary path in the target's folder; when write
// returns normally, the temporary file is flushed to disk and renamed over target.
// When write throws, the temporary file is removed and the exception propagates;
// target is left untouched. The target's folder must exist.
void write_file_atomically(const std::filesystem::path& target,
                           const std::function<void(const std::filesystem::path& temp)>& write);

// Convenience for writers that hold the whole file in memory.
void write_bytes_atomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace booklet
