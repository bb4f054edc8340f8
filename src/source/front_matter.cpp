// The front matter keys booklet reads, checked where the page writer can see them.
#include "booklet/source.hpp"

#include "booklet/suggest.hpp"

#include <algorithm>

namespace booklet::source {

const std::vector<std::string>& front_matter_keys() {
    static const std::vector<std::string> keys = {"title", "description", "date", "lang", "slug"};
    return keys;
}

std::string front_matter_date(std::string_view value) {
    // Year, month, day: four digits, then one or two each ("2024-8-20" is how some
    // sites write 2024-08-20).
    std::size_t at = 0;
    const auto number = [&](std::size_t min_digits, std::size_t max_digits) {
        std::string digits;
        while (at < value.size() && value[at] >= '0' && value[at] <= '9' && digits.size() < max_digits)
            digits += value[at++];
        return digits.size() >= min_digits ? digits : std::string();
    };
    const std::string year = number(4, 4);
    if (year.empty() || at >= value.size() || value[at++] != '-') return {};
    std::string month = number(1, 2);
    if (month.empty() || at >= value.size() || value[at++] != '-') return {};
    std::string day = number(1, 2);
    if (day.empty()) return {};
    // 2024-05-01T10:00:00Z and "2024-05-01 10:00" are dates with a time.
    if (at < value.size() && value[at] != 'T' && value[at] != 't' && value[at] != ' ') return {};
    if (month.size() == 1) month = "0" + month;
    if (day.size() == 1) day = "0" + day;
    const std::string date = year + "-" + month + "-" + day;
    return is_iso_date(date) ? date : std::string();
}

void check_front_matter(const SourcePage& page, Diagnostics& diags) {
    const config::ConfigNode& fm = page.front_matter;
    if (!fm.is_map()) return;
    const auto& known = front_matter_keys();
    for (std::size_t i = 0; i < fm.entries.size(); ++i) {
        const std::string& key = fm.entries[i].first;
        const config::ConfigNode& value = fm.entries[i].second;
        const SourcePos& at = fm.key_pos[i];
        const bool read = std::find(known.begin(), known.end(), key) != known.end();
        if (!read) {
            // A site's own keys (image, tags, author...) are none of our business;
            // only a near miss of a key we read is worth a word.
            if (const std::string near = closest_match(key, known); !near.empty())
                diags.warning(at, "front-matter-key",
                              "unknown front matter key '" + key + "' is ignored; did you mean '" + near + "'?");
            continue;
        }
        if (value.kind == config::ConfigNode::Kind::null) continue;
        if (!value.is_scalar()) {
            diags.error(at, "front-matter", "'" + key + "' must be text");
            continue;
        }
        if (key == "lang" && !value.scalar.empty() && !is_language_tag(value.scalar))
            diags.error(at, "front-matter",
                        "'lang' must be a BCP 47 language tag such as 'en' or 'pt-BR', not '" + value.scalar + "'");
        if (key == "date" && !value.scalar.empty() && front_matter_date(value.scalar).empty())
            diags.warning(at, "front-matter-date",
                          "'date' must be a real day written YYYY-MM-DD (a time may follow), not '" + value.scalar +
                              "'; it is ignored");
    }
}

}  // namespace booklet::source
