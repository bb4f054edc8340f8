#include "content.hpp"

#include <algorithm>

namespace booklet::layout {

void append_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy) {
    pages::append_translated(to.items, from.items, dx, dy);
    for (auto link : from.links) {
        link.rect.x += dx;
        link.rect.y += dy;
        to.links.push_back(std::move(link));
    }
    for (const auto& a : from.anchors) to.anchors.push_back(a);
    for (const auto& o : from.outline) to.outline.push_back(o);
    for (auto occ : from.occurrences)
        if (std::find(to.occurrences.begin(), to.occurrences.end(), occ) == to.occurrences.end())
            to.occurrences.push_back(occ);
    if (to.chapter_opening < 0) to.chapter_opening = from.chapter_opening;
}

void prepend_shifted(BoxContent& to, const BoxContent& from, Sp dx, Sp dy) {
    BoxContent merged;
    append_shifted(merged, from, dx, dy);
    append_shifted(merged, to, 0, 0);
    merged.chapter_opening = to.chapter_opening >= 0 ? to.chapter_opening : from.chapter_opening;
    to = std::move(merged);
}

}  // namespace booklet::layout
