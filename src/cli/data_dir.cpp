#include "data_dir.hpp"
#include "booklet/source_dir.hpp"

#include "booklet/diagnostics.hpp"

#include <cstdlib>
#include <system_error>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

// Is `inner` the folder `outer` or inside it? Both made absolute and normal first.
bool is_within(const fs::path& inner, const fs::path& outer) {
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(inner, ec);
    const fs::path b = fs::weakly_canonical(outer, ec);
    if (ec || b.empty()) return false;
    auto i = a.begin();
    for (auto o = b.begin(); o != b.end(); ++o, ++i) {
        if (o->empty()) continue;  // a trailing separator
        if (i == a.end() || *i != *o) return false;
    }
    return true;
}

}  // namespace

std::optional<std::string> data_dir_problem(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return "no such folder";
    bool has_style = false;
    for (fs::directory_iterator it(dir / "styles", ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".yaml") has_style = true;
    if (!has_style) return "no styles/*.yaml in it";
    if (!fs::is_directory(dir / "fonts", ec)) return "no fonts/ folder in it";
    return std::nullopt;
}

DataDir find_data_dir() {
    if (const char* env = std::getenv("BOOKLET_DATA_DIR"); env && *env) {
        if (const auto problem = data_dir_problem(env))
            throw Error({}, std::string("BOOKLET_DATA_DIR=") + env + " cannot be used: " + *problem +
                                " (it must hold booklet's styles/ and fonts/)", "data-dir");
        // Absolute: the styles' files are checked against the folder by their real
        // paths, which a relative name ("." in the source tree) never matched.
        std::error_code absolute_ec;
        fs::path dir = fs::absolute(env, absolute_ec).lexically_normal();
        if (absolute_ec) dir = env;
        return {std::move(dir), "BOOKLET_DATA_DIR"};
    }
    std::error_code ec;
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    std::string tried;
    if (!ec) {
        const fs::path installed = (program.parent_path() / BOOKLET_DATA_FROM_BIN).lexically_normal();
        const auto problem = data_dir_problem(installed);
        if (!problem) return {installed, "installed"};
        tried = installed.string() + " (" + *problem + ")";
        if (is_within(program, BOOKLET_BUILD_DIR)) {
            const fs::path source = BOOKLET_SOURCE_DIR;
            if (!data_dir_problem(source)) return {source, "source tree"};
            tried += " and " + source.string();
        }
    } else {
        tried = "nothing: /proc/self/exe cannot be read (" + ec.message() + ")";
    }
    throw Error({}, "cannot find booklet's styles and fonts: looked at " + tried +
                        "; set BOOKLET_DATA_DIR to the folder that holds styles/ and fonts/", "data-dir");
}

}  // namespace booklet::cli
