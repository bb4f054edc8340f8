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
    if (value.size() < 10 || !is_iso_date(value.substr(0, 10))) return {};
    // 2024-05-01T10:00:00Z and "2024-05-01 10:00" are dates with a time.
    if (value.size() > 10 && value[10] != 'T' && value[10] != 't' && value[10] != ' ') return {};
    return std::string(value.substr(0, 10));
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
                          "'date' must be a real date written YYYY-MM-DD (a time may follow), not '" + value.scalar +
                              "'; it is ignored");
    }
}

}  // namespace booklet::source
