// Fuzz target: build_dictionary on arbitrary bytes, and machine_from_bytes on the
// same bytes (as a machine kept in the cache folder) and on the bytes of the
// machine built. A machine either makes must be one libhyphen can walk: every transition
// and fallback names a state, state 0 falls back nowhere, every other state
// somewhere, and a walk over the input's bytes as libhyphen's matcher walks a word
// ends. A broken index is a crash here (or an AddressSanitizer report in the replay
// test), not a wild read at hyphenation; a walk that never ends is a timeout.
// Seeds: dictionary texts, and machine-* (machine_bytes of a small dictionary).
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

void check_machine(const booklet::hyphenate::Machine& machine, std::string_view text) {
    for (const HyphenDict* d = machine.dict(); d; d = d->nextlevel) check_level(*d, text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto machine = booklet::hyphenate::build_dictionary(text);
    if (!machine) fail("no machine");
    if (!machine->dict()->nextlevel) fail("no second level");
    check_machine(*machine, text);
    // A machine of odd text may be one libhyphen would leave (a NOHYPHEN entry
    // counted twice): read back, it is none; whatever is read back is walked.
    if (const auto back = booklet::hyphenate::machine_from_bytes(booklet::hyphenate::machine_bytes(*machine)))
        check_machine(*back, text);
    if (const auto kept = booklet::hyphenate::machine_from_bytes(text)) check_machine(*kept, text);
    return 0;
}
