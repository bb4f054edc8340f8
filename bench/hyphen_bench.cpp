// Loading time of every installed hyphenation dictionary, as booklet loaded it
// before issue #13's hyphenation work (the patterns completed where patterns.hpp
// completes them, then libhyphen's own loader) and as it loads it now (a
// Hyphenator: booklet's machine, completed only when the machine shows patterns
// missing). Both read the file. Medians of --runs loads.
//   build/bench/hyphen_bench [--runs N] [--folder /usr/share/hyphen]
#include "automaton.hpp"
#include "booklet/hyphenate.hpp"
#include "patterns.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class Load>
double median_ms(int runs, Load load) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        load();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

// The way booklet loaded a dictionary before: completion, then libhyphen's loader.
void load_before(const std::filesystem::path& file) {
    const std::string raw = read(file);
    const bool utf8 = raw.rfind("UTF-8", 0) == 0;
    const std::string text = booklet::hyphenate::completed_patterns(raw, utf8).value_or(raw);
    std::FILE* stream = fmemopen(const_cast<char*>(text.data()), text.size(), "r");
    if (!stream) return;
    if (HyphenDict* d = hnj_hyphen_load_file(stream)) hnj_hyphen_free(d);
    std::fclose(stream);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::filesystem::path folder = "/usr/share/hyphen";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
        else if (std::strcmp(argv[i], "--folder") == 0) folder = argv[i + 1];
    }
    std::set<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".dic") files.insert(std::filesystem::canonical(entry.path()));
    std::printf("| dictionary | bytes | states (raw text) | before: completion + libhyphen | now: Hyphenator | ratio |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    double total_libhyphen = 0, total_booklet = 0;
    for (const auto& file : files) {
        const std::string raw = read(file);
        const auto machine = booklet::hyphenate::build_dictionary(raw);
        const HyphenDict* probe = machine->dict();
        const int states = probe->num_states + (probe->nextlevel ? probe->nextlevel->num_states : 0);
        const double theirs = median_ms(runs, [&] { load_before(file); });
        const double ours =
            median_ms(runs, [&] { booklet::hyphenate::Hyphenator loaded(file, booklet::hyphenate::Minimums{}); });
        total_libhyphen += theirs;
        total_booklet += ours;
        std::printf("| %s | %zu | %d | %.1f ms | %.1f ms | %.1f |\n", file.filename().c_str(), raw.size(), states,
                    theirs, ours, theirs / ours);
    }
    std::printf("| all %zu | | | %.0f ms | %.0f ms | %.1f |\n", files.size(), total_libhyphen, total_booklet,
                total_libhyphen / total_booklet);
}
