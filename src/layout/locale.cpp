#include "locale.hpp"

#include "booklet/dates.hpp"

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

const Strings kEnglish{"p.",        "Contents",          "Sources", "Built on", "Licence", "Made with booklet",
                       "Set in",    "and",               kMonthsEn, false};
const Strings kDutch{"blz.",       "Inhoud",            "Bronnen", "Gemaakt op", "Licentie", "Gemaakt met booklet",
                     "Gezet in",   "en",                kMonthsNl, true};
const Strings kGerman{"S.",        "Inhalt",            "Quellen", "Erstellt am", "Lizenz", "Erstellt mit booklet",
                      "Gesetzt in", "und",              kMonthsDe, true};
const Strings kFrench{"p.",        "Table des matières", "Sources", "Créé le", "Licence", "Réalisé avec booklet",
                      "Composé en", "et",               kMonthsFr, true};
const Strings kSpanish{"pág.",     "Índice",            "Fuentes", "Creado el", "Licencia", "Hecho con booklet",
                       "Compuesto en", "y",             kMonthsEs, true};

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
    const CivilTime c = civil_from_epoch(seconds);
    const std::string month = strings.months[c.month - 1];
    if (strings.day_first) return std::to_string(c.day) + " " + month + " " + std::to_string(c.year);
    return month + " " + std::to_string(c.day) + ", " + std::to_string(c.year);
}

}  // namespace booklet::layout
