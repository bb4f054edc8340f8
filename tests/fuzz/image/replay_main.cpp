// Runs the fuzz harness without libFuzzer: every seed file as it is, then a fixed
// series of mutations of it (byte flips, overwritten runs, truncations), so CI
// exercises the decoders' error paths on every build. Deterministic: fixed seed.
#include "hostile_inputs.hpp"

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
    // The hostile SVGs of tests/support/hostile_inputs.hpp are seeds too.
    std::vector<std::vector<std::uint8_t>> generated;
    for (const auto& [name, body] : booklet::test::hostile_svgs()) generated.emplace_back(body.begin(), body.end());
    std::mt19937 rng(20240929);
    std::size_t runs = 0;
    for (std::size_t s = 0; s < seeds.size() + generated.size(); ++s) {
        std::vector<std::uint8_t> original;
        if (s < seeds.size()) {
            std::ifstream in(seeds[s], std::ios::binary);
            original.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        } else {
            original = generated[s - seeds.size()];
        }
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
