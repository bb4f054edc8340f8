#include "locale.hpp"

namespace booklet::layout {
namespace {

const char* const kMonthsEn[12] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kMonthsNl[12] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                   "juli",    "augustus", "september", "oktober", "november", "december"};
const char* const kMonthsDe[12] = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                                   "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
const char* const kMonthsFr[12] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                   "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
const char* const kMonthsEs[12] = {"enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
                                   "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};

const Strings kEnglish{"p.", "Contents", "Sources", "Built on", "continued", kMonthsEn, false};
const Strings kDutch{"blz.", "Inhoud", "Bronnen", "Gemaakt op", "vervolg", kMonthsNl, true};
const Strings kGerman{"S.", "Inhalt", "Quellen", "Erstellt am", "Fortsetzung", kMonthsDe, true};
const Strings kFrench{"p.", "Table des matières", "Sources", "Créé le", "suite", kMonthsFr, true};
const Strings kSpanish{"pág.", "Índice", "Fuentes", "Creado el", "continuación", kMonthsEs, true};

struct Civil {
    int year;
    unsigned month, day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms", civil_from_days).
Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), m, d};
}

Civil civil(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    if (seconds % 86400 < 0) --days;
    return civil_from_days(days);
}

}  // namespace

const Strings& strings_for(std::string_view bcp47) {
    const std::string_view primary = bcp47.substr(0, bcp47.find_first_of("-_"));
    auto is = [&](std::string_view code) {
        if (primary.size() != code.size()) return false;
        for (std::size_t i = 0; i < code.size(); ++i)
            if ((primary[i] | 0x20) != code[i]) return false;
        return true;
    };
    if (is("nl")) return kDutch;
    if (is("de")) return kGerman;
    if (is("fr")) return kFrench;
    if (is("es")) return kSpanish;
    return kEnglish;
}

std::string long_date(std::int64_t seconds, const Strings& strings) {
    const Civil c = civil(seconds);
    const std::string month = strings.months[c.month - 1];
    if (strings.day_first) return std::to_string(c.day) + " " + month + " " + std::to_string(c.year);
    return month + " " + std::to_string(c.day) + ", " + std::to_string(c.year);
}

std::string iso_date(std::int64_t seconds) {
    const Civil c = civil(seconds);
    char buf[16];
    const int y = c.year < 0 ? 0 : (c.year > 9999 ? 9999 : c.year);
    buf[0] = static_cast<char>('0' + y / 1000);
    buf[1] = static_cast<char>('0' + y / 100 % 10);
    buf[2] = static_cast<char>('0' + y / 10 % 10);
    buf[3] = static_cast<char>('0' + y % 10);
    buf[4] = '-';
    buf[5] = static_cast<char>('0' + c.month / 10);
    buf[6] = static_cast<char>('0' + c.month % 10);
    buf[7] = '-';
    buf[8] = static_cast<char>('0' + c.day / 10);
    buf[9] = static_cast<char>('0' + c.day % 10);
    return std::string(buf, 10);
}

}  // namespace booklet::layout
