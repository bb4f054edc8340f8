#include "booklet/atomic_file.hpp"

#include "booklet/diagnostics.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string_view>
#include <unistd.h>

namespace booklet {
namespace fs = std::filesystem;

namespace {

constexpr char kTempMark[] = ".booklet-tmp-";
constexpr std::size_t kTempMarkSize = sizeof kTempMark - 1;

// A name no concurrent build of the same target picks; hidden so that a crash
// (which no code can clean up after) leaves nothing that looks like output.
fs::path temp_path_for(const fs::path& target) {
    std::random_device rd;
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", rd(), rd());
    return target.parent_path() / ("." + target.filename().string() + kTempMark + suffix);
}

void sync_file(const fs::path& p) {
    const int fd = ::open(p.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void write_file_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
    const fs::path temp = temp_path_for(target);
    try {
        write(temp);
        if (!fs::exists(temp)) throw Error({target.string()}, "writer produced no file");
        sync_file(temp);
        std::error_code ec;
        fs::rename(temp, target, ec);
        if (ec) throw Error({target.string()}, "cannot replace file: " + ec.message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
}

bool is_temporary_name(const std::string& name) {
    const std::size_t at = name.rfind(kTempMark);
    if (name.empty() || name[0] != '.' || at == std::string::npos || at == 0) return false;
    const std::string_view suffix = std::string_view(name).substr(at + kTempMarkSize);
    return suffix.size() == 16 && suffix.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::size_t remove_temporary_files(const fs::path& folder) {
    std::size_t removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code kind_ec;
        if (!it->is_regular_file(kind_ec) || it->is_symlink(kind_ec)) continue;
        if (!is_temporary_name(it->path().filename().string())) continue;
        std::error_code rm_ec;
        if (fs::remove(it->path(), rm_ec)) ++removed;
    }
    return removed;
}

OutputBatch::~OutputBatch() {
    for (const auto& [temp, target] : staged_) {
        std::error_code ignored;
        fs::remove(temp, ignored);
    }
}

fs::path OutputBatch::stage(const fs::path& target) {
    staged_.emplace_back(temp_path_for(target), target);
    return staged_.back().first;
}

ReplacedFiles::~ReplacedFiles() {
    for (const auto& path : paths_) {
        std::error_code ignored;
        fs::remove(path, ignored);
    }
}

ReplacedFiles OutputBatch::commit() {
    ReplacedFiles replaced;
    for (const auto& [temp, target] : staged_) {
        std::error_code ec;
        if (!fs::exists(temp, ec)) continue;
        // The staged file was flushed by the writer (write_file_atomically); a
        // second fsync here cost a journal commit per file. The old target keeps a
        // second name, so the rename only unlinks it and its blocks are freed later
        // (where a link cannot be made, the rename frees them at once, as ever).
        if (fs::is_regular_file(fs::symlink_status(target, ec))) {
            fs::path kept = temp_path_for(target);
            fs::create_hard_link(target, kept, ec);
            if (!ec) replaced.paths_.push_back(std::move(kept));
        }
        fs::rename(temp, target, ec);
        if (ec) throw Error({target.string()}, "cannot replace file: " + ec.message());
    }
    staged_.clear();
    return replaced;
}

void write_bytes_atomically(const fs::path& target, std::string_view bytes) {
    write_file_atomically(target, [&](const fs::path& temp) {
        std::FILE* f = std::fopen(temp.c_str(), "wb");
        if (!f) throw Error({target.string()}, std::string("cannot create file: ") + std::strerror(errno));
        const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
        const bool closed = std::fclose(f) == 0;
        if (!ok || !closed) throw Error({target.string()}, "cannot write file (disk full?)");
    });
}

}  // namespace booklet
