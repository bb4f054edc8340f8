// Runs the fuzz harness without libFuzzer: every seed file as it is, then a fixed
// series of mutations of it (byte flips, overwritten runs, truncations), so CI
// exercises the decoders' error paths on every build. Deterministic: fixed seed.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> seeds;
    for (int i = 1; i < argc; ++i) {
        if (fs::is_directory(argv[i])) {
            for (const auto& e : fs::directory_iterator(argv[i]))
                if (e.is_regular_file()) seeds.push_back(e.path());
        } else {
            seeds.emplace_back(argv[i]);
        }
    }
    std::sort(seeds.begin(), seeds.end());
    std::mt19937 rng(20240929);
    std::size_t runs = 0;
    for (const fs::path& seed : seeds) {
        std::ifstream in(seed, std::ios::binary);
        const std::vector<std::uint8_t> original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(original.data(), original.size());
        ++runs;
        if (original.empty()) continue;
        for (int round = 0; round < 300; ++round) {
            std::vector<std::uint8_t> mutated = original;
            std::uniform_int_distribution<std::size_t> pos(0, mutated.size() - 1);
            const int edits = 1 + round % 4;
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = pos(rng);
                switch (rng() % 3) {
                case 0: mutated[at] ^= static_cast<std::uint8_t>(1u << (rng() % 8)); break;
                case 1: mutated[at] = static_cast<std::uint8_t>(rng()); break;
                default:  // a run of 0xFF, which inflates sizes and markers
                    for (std::size_t k = at; k < std::min(mutated.size(), at + 4); ++k) mutated[k] = 0xFF;
                }
            }
            if (round % 5 == 0) mutated.resize(pos(rng));
            LLVMFuzzerTestOneInput(mutated.data(), mutated.size());
            ++runs;
        }
    }
    std::printf("%zu inputs from %zu seeds ran cleanly\n", runs, seeds.size());
    return seeds.empty() ? 1 : 0;
}
