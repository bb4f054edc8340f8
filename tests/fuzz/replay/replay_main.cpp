// Runs a fuzz harness without libFuzzer, so that CI exercises it with GCC under
// ASan/UBSan on every build: first every seed file as it is, then a fixed number
// of deterministic mutations (fixed seed, no distributions whose output differs
// between standard libraries).
//   replay_<target> SEED_DIR [MUTATIONS]
// Besides the seed files, the pathological inputs of tests/support/hostile_inputs.hpp
// (pages and YAML of issue 17, cut to 64 KiB) are seeds too, made on the fly.
// Mutations mimic what breaks parsers: flipped bits, random bytes, deleted and
// duplicated runs, splices of two seeds, and insertions of syntax tokens.
#include "hostile_inputs.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kTokens = {
    "<", ">", "</", "/>", "<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<a href=\"/x\">", "</a>",
    "<img src=\"x.png\">", "<details>", "<summary>", "<!--", "-->", "&amp;", "&#x1F916;", "&#", "{", "}", "[", "]",
    "(", ")", "![", "](", "[^1]", "[^1]: ", "> ", "- ", "1. ", "- [ ] ", "|", "|---|", "```", "`", "*", "**", "_",
    "~~", "#", "## ", "{#id}", "\n", "\n\n", "    ", "\t", "---\n", "\"", "'", ": ", "- ", "? ", "&", "*a", "!tag",
    "%YAML", "\xC3\xA9", "e\xCC\x81", "\xF0\x9F\xA4\x96", "\xE2\x80\xA8", "\xFF", std::string(1, '\0'), "<Widget />",
    "<WidgetConsent>", "</WidgetConsent>", "<blockquote>", "</blockquote>", "<table><tr><td>", "\xE2\x80\x93 "};

std::vector<std::uint8_t> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s SEED_DIR [MUTATIONS]\n", argv[0]);
        return 2;
    }
    const long mutations = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20000;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(argv[1]))
        if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::vector<std::uint8_t>> seeds;
    for (const auto& f : files) {
        seeds.push_back(read_file(f));
        LLVMFuzzerTestOneInput(seeds.back().data(), seeds.back().size());
    }
    // The generated pathological inputs: every text file of every hostile case
    // (Markdown pages, manifests, styles, SVGs), cut to 64 KiB so that the
    // mutations stay affordable; still thousands of openers, aliases, marks.
    for (const auto& c : booklet::test::hostile_cases())
        for (const auto& [name, bytes] : c.files) {
            const std::string cut = bytes.substr(0, std::size_t{64} << 10);
            seeds.emplace_back(cut.begin(), cut.end());
            LLVMFuzzerTestOneInput(seeds.back().data(), seeds.back().size());
        }
    if (seeds.empty()) {
        std::fprintf(stderr, "no seeds in %s\n", argv[1]);
        return 1;
    }
    // Seeds run at full size once; mutants are cut to 16 KiB so that 20k of them
    // stay affordable under the sanitizers (deep nesting survives the cut).
    constexpr std::size_t kMaxSize = 16 * 1024;
    std::mt19937 rng(0xB00C1E7u);
    const auto below = [&](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
    for (long round = 0; round < mutations; ++round) {
        std::vector<std::uint8_t> m = seeds[static_cast<std::size_t>(round) % seeds.size()];
        const int edits = 1 + static_cast<int>(below(8));
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = below(m.size() + 1);
            switch (below(7)) {
                case 0:
                    if (!m.empty()) m[std::min(at, m.size() - 1)] ^= static_cast<std::uint8_t>(1u << below(8));
                    break;
                case 1:
                    if (!m.empty()) m[std::min(at, m.size() - 1)] = static_cast<std::uint8_t>(rng());
                    break;
                case 2: {  // delete a run
                    const std::size_t len = std::min(m.size() - std::min(at, m.size()), below(64) + 1);
                    m.erase(m.begin() + static_cast<std::ptrdiff_t>(std::min(at, m.size())),
                            m.begin() + static_cast<std::ptrdiff_t>(std::min(at, m.size()) + len));
                    break;
                }
                case 3: {  // duplicate a run
                    if (m.empty()) break;
                    const std::size_t from = below(m.size());
                    const std::size_t len = std::min(m.size() - from, below(256) + 1);
                    std::vector<std::uint8_t> run(m.begin() + static_cast<std::ptrdiff_t>(from),
                                                  m.begin() + static_cast<std::ptrdiff_t>(from + len));
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(std::min(at, m.size())), run.begin(), run.end());
                    break;
                }
                case 4: {  // splice in part of another seed
                    const auto& other = seeds[below(seeds.size())];
                    if (other.empty()) break;
                    const std::size_t from = below(other.size());
                    const std::size_t len = std::min(other.size() - from, below(512) + 1);
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(std::min(at, m.size())),
                             other.begin() + static_cast<std::ptrdiff_t>(from),
                             other.begin() + static_cast<std::ptrdiff_t>(from + len));
                    break;
                }
                default: {  // a syntax token, sometimes many times
                    const std::string& tok = kTokens[below(kTokens.size())];
                    const std::size_t times = below(10) == 0 ? below(200) + 1 : 1;
                    std::string ins;
                    for (std::size_t k = 0; k < times; ++k) ins += tok;
                    m.insert(m.begin() + static_cast<std::ptrdiff_t>(std::min(at, m.size())), ins.begin(), ins.end());
                }
            }
        }
        if (m.size() > kMaxSize) m.resize(kMaxSize);
        LLVMFuzzerTestOneInput(m.data(), m.size());
    }
    std::printf("%zu seeds and %ld mutations ran cleanly\n", seeds.size(), mutations);
    return 0;
}
