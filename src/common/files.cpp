#include "booklet/files.hpp"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace booklet::files {
namespace fs = std::filesystem;

fs::path real_path(const fs::path& p) {
    if (p.empty()) return {};
    char* resolved = ::realpath(p.c_str(), nullptr);
    if (!resolved) return {};
    fs::path out(resolved);
    std::free(resolved);
    return out;
}

bool is_within(const fs::path& real_file, const fs::path& real_folder) {
    if (real_file.empty() || real_folder.empty()) return false;
    auto f = real_file.begin();
    for (auto d = real_folder.begin(); d != real_folder.end(); ++d, ++f) {
        if (d->empty()) continue;  // a trailing separator
        if (f == real_file.end() || *f != *d) return false;
    }
    return true;
}

bool is_within_any(const fs::path& real_file, const std::vector<fs::path>& real_folders) {
    for (const auto& folder : real_folders)
        if (is_within(real_file, folder)) return true;
    return false;
}

namespace {

std::string size_text(std::size_t bytes) {
    if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

// read_bounded's work, into a string (text) or a byte vector (font files).
template <class Buffer>
Buffer read_bounded_into(const fs::path& file, std::size_t max_bytes, const std::string& what,
                         const std::string& display, KindName kind) {
    const BoundedFile opened(file, max_bytes, what, display, kind);
    Buffer bytes(opened.size(), 0);
    std::size_t got = 0;
    // A file that grows while it is read is cut at the limit, never read on.
    while (got < bytes.size()) {
        const ssize_t n = ::read(opened.descriptor(), reinterpret_cast<char*>(bytes.data()) + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw Error({display, 0, 0}, "reading " + what + " failed (" + std::strerror(errno) + ")", kind);
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
    return bytes;
}

}  // namespace

BoundedFile::BoundedFile(const fs::path& file, std::size_t max_bytes, const std::string& what,
                         const std::string& display, KindName kind) {
    const SourcePos at{display, 0, 0};
    // O_NONBLOCK: opening a FIFO with no writer must not hang; it is refused below.
    fd_ = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) throw Error(at, "cannot read " + what + " (" + std::strerror(errno) + ")", kind);
    try {
        struct stat st {};
        if (::fstat(fd_, &st) != 0) throw Error(at, "cannot read " + what + " (" + std::strerror(errno) + ")", kind);
        if (S_ISDIR(st.st_mode)) throw Error(at, "cannot read " + what + ": it is a folder", kind);
        if (!S_ISREG(st.st_mode))
            throw Error(at, "cannot read " + what + ": it is not a regular file (a device, FIFO or socket)", kind);
        if (static_cast<std::uintmax_t>(st.st_size) > max_bytes)
            throw Error(at, what + " is too large (" + size_text(static_cast<std::size_t>(st.st_size)) +
                                "; at most " + size_text(max_bytes) + ")", kind);
        size_ = static_cast<std::size_t>(st.st_size);
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

BoundedFile::~BoundedFile() { ::close(fd_); }

std::size_t BoundedFile::read_at(std::uint64_t offset, unsigned char* buffer, std::size_t count) const {
    std::size_t got = 0;
    while (got < count) {
        const ssize_t n = ::pread(fd_, buffer + got, count - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return 0;
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    return got;
}

std::string read_bounded(const fs::path& file, std::size_t max_bytes, const std::string& what,
                         const std::string& display, KindName kind) {
    return read_bounded_into<std::string>(file, max_bytes, what, display, kind);
}

std::vector<std::uint8_t> read_bounded_bytes(const fs::path& file, std::size_t max_bytes, const std::string& what,
                                             const std::string& display, KindName kind) {
    return read_bounded_into<std::vector<std::uint8_t>>(file, max_bytes, what, display, kind);
}

}  // namespace booklet::files
