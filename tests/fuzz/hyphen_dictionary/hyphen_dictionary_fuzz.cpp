// Fuzz target: build_dictionary on arbitrary bytes. The machine must be one
// libhyphen can walk: every transition and fallback names a state, state 0 falls
// back nowhere, every other state somewhere shorter, and a walk over the input's
// bytes as libhyphen's matcher walks a word ends. A broken index is a crash here
// (or an AddressSanitizer report in the replay test), not a wild read at hyphenation.
#include "automaton.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "hyphen dictionary machine broken: %s\n", what);
    std::abort();
}

void check_level(const HyphenDict& d, std::string_view text) {
    if (d.num_states < 1 || !d.states) fail("no start state");
    if (d.states[0].fallback_state != -1) fail("state 0 falls back");
    for (int s = 0; s < d.num_states; ++s) {
        const HyphenState& h = d.states[s];
        if (s > 0 && (h.fallback_state < 0 || h.fallback_state >= d.num_states)) fail("fallback out of range");
        if (h.num_trans < 0 || (h.num_trans > 0 && !h.trans)) fail("transitions missing");
        for (int t = 0; t < h.num_trans; ++t)
            if (h.trans[t].new_state <= 0 || h.trans[t].new_state >= d.num_states) fail("transition out of range");
    }
    // libhyphen's matcher: follow a letter, else fall back until one follows.
    int state = 0;
    for (const char ch : text) {
        for (;;) {
            const HyphenState& h = d.states[state];
            int next = -1;
            for (int t = 0; t < h.num_trans; ++t)
                if (h.trans[t].ch == ch) next = h.trans[t].new_state;
            if (next >= 0) {
                state = next;
                break;
            }
            if (state == 0) break;
            state = h.fallback_state;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto machine = booklet::hyphenate::build_dictionary(text);
    if (!machine) fail("no machine");
    const HyphenDict* d = machine->dict();
    check_level(*d, text);
    if (!d->nextlevel) fail("no second level");
    check_level(*d->nextlevel, text);
    return 0;
}
