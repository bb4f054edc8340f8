#include "booklet/atomic_file.hpp"

#include "booklet/diagnostics.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace booklet {
namespace fs = std::filesystem;

namespace {

// A name no concurrent build of the same target picks; hidden so that a crash
// (which no code can clean up after) leaves nothing that looks like output.
fs::path temp_path_for(const fs::path& target) {
    std::random_device rd;
    char suffix[17];
    std::snprintf(suffix, sizeof suffix, "%08x%08x", rd(), rd());
    return target.parent_path() / ("." + target.filename().string() + ".tmp-" + suffix);
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
