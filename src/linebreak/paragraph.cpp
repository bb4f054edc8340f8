// From a shaped paragraph to lines, in the steps of typst's inline layout: the
// paragraph is prepared (prepare.cpp: opportunities, hyphenation points, glyph
// positions), the breaks are searched (items.cpp builds each pass's box/glue/
// penalty list, break_search.cpp runs Knuth–Plass in up to three passes over it,
// knuth_plass.cpp is the algorithm), and the chosen lines are committed
// (commit.cpp: cut, reshaped, hyphenated, expanded, justified, split into runs).
#include "booklet/linebreak.hpp"
#include "break_search.hpp"
#include "commit.hpp"
#include "prepared.hpp"

namespace booklet::linebreak {

Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

std::vector<Line> break_paragraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph,
                                  const Options& options) {
    Workspace local;
    Workspace& ws = options.workspace ? *options.workspace : local;
    ws.impl().use_registry(fonts);
    PreparedParagraph prepared(fonts, paragraph, options, ws.impl());
    if (!prepared.prepare()) return {};
    const ChosenBreaks chosen = search_breaks(prepared);
    CommittedLines committed = commit_lines(prepared, chosen.breaks);
    if (options.report) *options.report = Report{chosen.pass, committed.overfull};
    return std::move(committed.lines);
}

}  // namespace booklet::linebreak
