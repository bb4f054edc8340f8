// Choosing the breaks, as TeX does: a strict pass without automatic hyphenation,
// then a wider one with it, then an emergency pass that never fails. Each pass
// builds its own item list (items.cpp) and runs knuth_plass.cpp over it.
#include "break_search.hpp"

namespace booklet::linebreak {

namespace {

ChosenBreaks greedy_breaks(PreparedParagraph& p) {
    build_items(p, true, false);
    if (has_overwide_box(p)) build_items(p, true, true);
    return {first_fit(p.sc.items, p.opt.widths), 0};
}

std::vector<Break> total_fit(PreparedParagraph& p, const Parameters& params) {
    return knuth_plass(p.sc.items, p.opt.widths, params, p.sc.knuth_plass);
}

}  // namespace

ChosenBreaks search_breaks(PreparedParagraph& p) {
    if (p.opt.greedy) return greedy_breaks(p);
    ChosenBreaks chosen;
    Parameters params = p.opt.params;
    params.emergency = false;
    if (p.opt.first_pass_tolerance > 0) {
        build_items(p, false, false);
        params.tolerance = p.opt.first_pass_tolerance;
        chosen = {total_fit(p, params), 1};
    }
    if (chosen.breaks.empty()) {
        build_items(p, true, false);
        params.tolerance = p.opt.params.tolerance;
        chosen = {total_fit(p, params), 2};
    }
    if (chosen.breaks.empty()) {
        build_items(p, true, true);
        params.emergency = true;
        chosen = {total_fit(p, params), 3};
    }
    return chosen;
}

}  // namespace booklet::linebreak
