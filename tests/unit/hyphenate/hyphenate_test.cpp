#include "booklet/diagnostics.hpp"
#include "booklet/hyphenate.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <new>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using booklet::hyphenate::Dictionaries;
using booklet::hyphenate::Hyphenator;
using booklet::hyphenate::minimums_for_language;
using booklet::hyphenate::PatternUse;

namespace {

// "schaal-ver-gro-ting" → the byte offsets of the points in "schaalvergroting".
std::vector<std::size_t> offsets_of(const std::string& marked) {
    std::vector<std::size_t> out;
    std::size_t n = 0;
    for (char c : marked) {
        if (c == '-')
            out.push_back(n);
        else
            ++n;
    }
    return out;
}

std::string mark(const std::string& word, const std::vector<std::size_t>& points) {
    std::string out;
    std::size_t last = 0;
    for (auto p : points) {
        out += word.substr(last, p - last) + "-";
        last = p;
    }
    return out + word.substr(last);
}

struct Case {
    std::string word, expected, reference;
};

std::vector<Case> read_cases(const std::string& name) {
    std::ifstream in(std::string(BOOKLET_TEST_DATA) + "/text/" + name);
    REQUIRE(in);
    std::vector<Case> cases;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        Case c;
        std::getline(fields, c.word, '\t');
        std::getline(fields, c.expected, '\t');
        std::getline(fields, c.reference, '\t');
        cases.push_back(c);
    }
    return cases;
}

void check_word_list(const Hyphenator& h, const std::string& file) {
    const auto cases = read_cases(file);
    REQUIRE(cases.size() >= 15);
    for (const auto& c : cases) {
        INFO(c.word);
        const auto got = h.points(c.word);
        CHECK(mark(c.word, got) == c.expected);
        // Every point given is a point of the reference division.
        const auto reference = offsets_of(c.reference);
        const std::set<std::size_t> allowed(reference.begin(), reference.end());
        for (auto p : got) CHECK(allowed.count(p) == 1);
        // The same points for the word in capitals at the start (the offsets are
        // the same: the capital has the same UTF-8 length here).
        std::string capital = c.word;
        if (capital[0] >= 'a' && capital[0] <= 'z') {
            capital[0] = static_cast<char>(capital[0] - 'a' + 'A');
            CHECK(h.points(capital) == got);
        }
    }
}

}  // namespace

TEST_CASE("Dutch words, compounds included, hyphenate at the right points") {
    Dictionaries dicts;
    const Hyphenator* nl = dicts.for_language("nl");
    REQUIRE(nl != nullptr);
    CHECK(nl->encoding() == "ISO8859-1");  // diaeresis words below prove the transcoding
    check_word_list(*nl, "hyphenation-nl.txt");
}

TEST_CASE("English words hyphenate at the right points") {
    Dictionaries dicts;
    const Hyphenator* en = dicts.for_language("en");
    REQUIRE(en != nullptr);
    CHECK(en->encoding() == "UTF-8");
    check_word_list(*en, "hyphenation-en.txt");
}

TEST_CASE("German, French and Spanish dictionaries load and transcode") {
    Dictionaries dicts;
    const Hyphenator* de = dicts.for_language("de-AT");
    REQUIRE(de != nullptr);
    CHECK(de == dicts.for_language("de"));  // hyph_de_AT.dic is a link to hyph_de_DE.dic
    CHECK(mark("Schifffahrt", de->points("Schifffahrt")) == "Schiff-fahrt");
    CHECK(mark("Donaudampfschifffahrtsgesellschaft", de->points("Donaudampfschifffahrtsgesellschaft")) ==
          "Do-nau-dampf-schiff-fahrts-ge-sell-schaft");
    // ü and ß go through ISO-8859-1 and come back as UTF-8 byte offsets.
    const std::string word = "Überprüfungsmaßnahmen";
    const auto points = de->points(word);
    REQUIRE_FALSE(points.empty());
    for (auto p : points) CHECK((static_cast<unsigned char>(word[p]) & 0xC0) != 0x80);  // never inside a character

    const Hyphenator* fr = dicts.for_language("fr");
    REQUIRE(fr != nullptr);
    CHECK(mark("développement", fr->points("développement")) == "dé-ve-lop-pe-ment");
    const Hyphenator* es = dicts.for_language("es-MX");
    REQUIRE(es != nullptr);
    CHECK(mark("inteligencia", es->points("inteligencia")) == "in-te-li-gen-cia");
}

TEST_CASE("only clean words are hyphenated") {
    Dictionaries dicts;
    const Hyphenator* en = dicts.for_language("en-US");
    REQUIRE(en != nullptr);
    CHECK(en->points("NVIDIA").empty());              // capitals: an acronym
    CHECK(en->points("GPT4turbo").empty());           // digits
    CHECK(en->points("organization's").empty());      // punctuation (the line breaker splits it off)
    CHECK(en->points("https://example.org/organization").empty());
    CHECK(en->points("self-organization").empty());   // the line breaker hyphenates each part
    CHECK(en->points("water").empty());               // shorter than the minimum word
    CHECK(en->points("").empty());
    CHECK(en->points("\xff\xfeorganization").empty()); // not UTF-8
    CHECK(en->points(std::string(300, 'a')).empty()); // too long to be a word
    const Hyphenator* nl = dicts.for_language("nl");
    REQUIRE(nl != nullptr);
    CHECK(nl->points("λογαριασμός").empty());         // not representable in ISO-8859-1
}

TEST_CASE("minimums are applied in characters") {
    Dictionaries dicts;
    const Hyphenator* en = dicts.for_language("en");
    REQUIRE(en != nullptr);
    const auto m = en->minimums();
    CHECK(m.left == 2);
    CHECK(m.right == 3);
    for (const std::string w : {"capabilities", "probability", "responsibility", "regulation"}) {
        for (auto p : en->points(w)) {
            CHECK(static_cast<int>(p) >= m.left);
            CHECK(static_cast<int>(w.size() - p) >= m.right);
        }
    }
    CHECK(minimums_for_language("de-CH").right == 2);
    CHECK(minimums_for_language("nl_BE").right == 3);
}

TEST_CASE("dictionaries by language tag") {
    Dictionaries dicts;
    CHECK(dicts.for_language("xx") == nullptr);
    CHECK(dicts.for_language("") == nullptr);
    CHECK(dicts.for_language("../../etc/passwd") == nullptr);
    const Hyphenator* gb = dicts.for_language("en-GB");
    const Hyphenator* us = dicts.for_language("en");
    REQUIRE(gb != nullptr);
    REQUIRE(us != nullptr);
    CHECK(gb != us);
    CHECK(dicts.for_language("EN_us") == us);
    CHECK(dicts.for_language("nl-Latn-BE") != nullptr);
}

TEST_CASE("bad dictionary files are errors naming the file") {
    const std::string dir = std::string(BOOKLET_TEST_DATA) + "/text/";
    CHECK_THROWS_AS(Hyphenator(dir + "no-such-dictionary.dic", {}), booklet::Error);
    try {
        Hyphenator(dir + "hyph_bad_encoding.dic", {});
        FAIL("no error");
    } catch (const booklet::Error& e) {
        CHECK(e.pos().file == dir + "hyph_bad_encoding.dic");
        CHECK(e.message().find("unknown encoding") != std::string::npos);
    }
    // A dictionary in another 8-bit encoding goes through ICU's converter.
    Hyphenator koi8(dir + "hyph_koi8.dic", {4, 2, 2});
    CHECK(koi8.encoding() == "KOI8-R");
    CHECK(mark("молоко", koi8.points("молоко")) == "мо-ло-ко");
}

TEST_CASE("TeX patterns never converted for libhyphen are completed, as TeX reads them") {
    const std::string dir = std::string(BOOKLET_TEST_DATA) + "/text/";
    // к2о, 2льк and ь1: at "толь|ко" only ь1 speaks. libhyphen's matcher reaches the
    // state "льк" and never applies ь1 unless the patterns say so again there.
    const Hyphenator completed(dir + "hyph_raw_tex.dic", {4, 2, 2});
    CHECK(mark("только", completed.points("только")) == "толь-ко");
    const Hyphenator as_written(dir + "hyph_raw_tex.dic", {4, 2, 2}, booklet::hyphenate::PatternUse::as_written);
    CHECK(as_written.points("только").empty());
    CHECK(booklet::hyphenate::pattern_use_for_language("uk-UA") == booklet::hyphenate::PatternUse::as_written);
    CHECK(booklet::hyphenate::pattern_use_for_language("ru") == booklet::hyphenate::PatternUse::complete);
}

TEST_CASE("Debian's Russian, Czech and Norwegian patterns hyphenate as TeX does") {
    booklet::hyphenate::Dictionaries dicts;
    const struct {
        const char* language;
        const char* word;
        const char* want;
    } cases[] = {{"ru", "нескольких", "не-сколь-ких"},      {"ru", "разговоры", "раз-го-во-ры"},
                 {"ru", "последовательно", "по-сле-до-ва-тель-но"}, {"ru", "принимающих", "при-ни-ма-ю-щих"},
                 {"cs", "bezpečnost", "bez-peč-nost"},       {"nb", "intelligens", "in-tel-li-gens"}};
    for (const auto& c : cases) {
        INFO(c.language << " (scripts/setup.sh installs hyphen-ru, hyphen-cs and hyphen-no)");
        const Hyphenator* h = dicts.for_language(c.language);
        REQUIRE(h != nullptr);
        CHECK(mark(c.word, h->points(c.word)) == c.want);
    }
}

TEST_CASE("Turkish words divide by the syllable rule, with no dictionary installed") {
    // An empty folder: the rule's patterns stand in for a dictionary Debian lacks.
    const auto empty = std::filesystem::temp_directory_path() / "booklet-hyphen-none";
    std::filesystem::create_directories(empty);
    booklet::hyphenate::Dictionaries dicts(empty);
    const Hyphenator* tr = dicts.for_language("tr-TR");
    REQUIRE(tr != nullptr);
    const struct {
        const char* word;
        const char* want;
    } cases[] = {{"karanlık", "ka-ran-lık"},     {"öğretmen", "öğ-ret-men"},      {"bilgisayar", "bil-gi-sa-yar"},
                 {"istanbul", "is-tan-bul"},     {"kontrol", "kont-rol"},         {"elektrik", "elekt-rik"},
                 {"stratejiler", "stra-te-ji-ler"}, {"arabalar", "ara-ba-lar"},         {"saatler", "sa-at-ler"},
                 {"türkçe", "türk-çe"},          {"güvenliğimiz", "gü-ven-li-ği-miz"}};
    for (const auto& c : cases) CHECK(mark(c.word, tr->points(c.word)) == c.want);
    CHECK(dicts.languages_without().empty());
    // Other languages still need a dictionary.
    CHECK(dicts.for_language("de") == nullptr);
}

TEST_CASE("a language with no dictionary gets one warning naming what Debian has") {
    const auto empty = std::filesystem::temp_directory_path() / "booklet-hyphen-none";
    std::filesystem::create_directories(empty);
    Dictionaries dicts(empty);
    CHECK(dicts.for_language("fi") == nullptr);
    CHECK(dicts.for_language("fi-FI") == nullptr);
    CHECK(dicts.for_language("de-AT") == nullptr);
    CHECK(dicts.for_language("ja") == nullptr);  // not hyphenated in its writing: no warning
    booklet::Diagnostics diags;
    booklet::hyphenate::report_missing_dictionaries(dicts, diags);
    REQUIRE(diags.all().size() == 2);
    std::string messages;
    for (const auto& d : diags.all()) messages += d.message + "\n";
    INFO(messages);
    CHECK(messages.find("language 'de'") != std::string::npos);
    CHECK(messages.find("Debian's hyphen-de has one") != std::string::npos);
    CHECK(messages.find("language 'fi'") != std::string::npos);
    CHECK(messages.find("Debian has no hyphen-* package for it") != std::string::npos);
}

TEST_CASE("a dictionary read ahead is the one asked for later, and a language read ahead without one is not reported") {
    Dictionaries dictionaries;
    dictionaries.load_ahead("fi");  // Debian has no Finnish dictionary
    dictionaries.load_ahead("nl");
    CHECK(dictionaries.languages_without().empty());
    const Hyphenator* dutch = dictionaries.for_language("nl");
    REQUIRE(dutch != nullptr);
    dictionaries.load_ahead("nl");
    CHECK(dictionaries.for_language("nl") == dutch);  // loaded once
    CHECK(dictionaries.for_language("fi") == nullptr);
    CHECK(dictionaries.languages_without() == std::vector<std::string>{"fi"});
}

TEST_CASE("a reading ahead handed over is waited for by the next use, not before") {
    Dictionaries dictionaries;
    std::promise<void> may_read;
    std::atomic<bool> read{false};
    // The reading waits for the test's word, so that it is surely under way when
    // the reading is handed over and when the dictionary is asked for.
    std::future<void> reading = std::async(std::launch::async, [&] {
        may_read.get_future().wait();
        dictionaries.load_ahead("nl");
        read = true;
    });
    dictionaries.reading_ahead(std::move(reading));  // returns at once
    CHECK_FALSE(read);
    std::thread word([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        may_read.set_value();
    });
    const Hyphenator* dutch = dictionaries.for_language("nl");  // waits for the reading
    CHECK(read);  // the reading ended before the answer came
    word.join();
    REQUIRE(dutch != nullptr);
    dictionaries.load_ahead("nl");
    CHECK(dictionaries.for_language("nl") == dutch);  // the one the reading loaded
}

TEST_CASE("what a reading ahead threw comes with the next use; a reading nobody waited for ends with the object") {
    {
        Dictionaries dictionaries;
        dictionaries.reading_ahead(std::async(std::launch::async, [] { throw std::bad_alloc(); }));
        CHECK_THROWS_AS(dictionaries.languages_without(), std::bad_alloc);
        CHECK(dictionaries.languages_without().empty());  // thrown once
    }
    std::atomic<bool> done{false};
    {
        Dictionaries dictionaries;
        dictionaries.reading_ahead(std::async(std::launch::async, [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            dictionaries.load_ahead("nl");
            done = true;
        }));
    }  // the destructor waits: the reading never finds its object gone
    CHECK(done);
    // Handing over a reading waits for the one under way.
    Dictionaries dictionaries;
    std::atomic<bool> first_done{false};
    dictionaries.reading_ahead(std::async(std::launch::async, [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        first_done = true;
    }));
    dictionaries.reading_ahead(std::async(std::launch::deferred, [] {}));
    CHECK(first_done);
    dictionaries.wait_for_reading();
}

TEST_CASE("a dictionary's identity is the one its Hyphenator has, known without building it") {
    Dictionaries dictionaries;
    for (const char* tag : {"de", "de-AT", "en-GB", "nl", "tr", "nb"}) {
        INFO(tag);
        const auto identity = dictionaries.identity_for(tag);
        const Hyphenator* h = dictionaries.for_language(tag);
        REQUIRE(h != nullptr);  // tr from booklet's syllable rule, the others from Debian's files
        REQUIRE(identity);
        CHECK(*identity == h->identity());
    }
    CHECK(*dictionaries.identity_for("de") != *dictionaries.identity_for("nl"));
    // Not hyphenated in its writing: an identity, and no warning whether asked or not.
    CHECK(dictionaries.identity_for("ja"));
    // No dictionary: none, and nothing noted (only the line breaker's asking notes it).
    CHECK_FALSE(dictionaries.identity_for("fi"));
    CHECK(dictionaries.languages_without().empty());
}

TEST_CASE("regions whose files link to one dictionary share its Hyphenator; its identity is theirs") {
    // Debian links hyph_es_AR.dic and hyph_es_CL.dic to hyph_es_ES.dic.
    Dictionaries dictionaries;
    const Hyphenator* argentina = dictionaries.for_language("es-AR");
    REQUIRE(argentina != nullptr);
    CHECK(dictionaries.for_language("es-CL") == argentina);
    CHECK(dictionaries.identity_for("es-CL") == argentina->identity());
    CHECK(argentina->minimums().word == minimums_for_language("es").word);
}

TEST_CASE("a dictionary's identity does not wait for a reading ahead") {
    Dictionaries dictionaries;
    std::promise<void> may_read;
    std::atomic<bool> read{false};
    std::future<void> reading = std::async(std::launch::async, [&] {
        may_read.get_future().wait();
        dictionaries.load_ahead("de");
        read = true;
    });
    dictionaries.reading_ahead(std::move(reading));
    std::thread word([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        may_read.set_value();
    });
    const auto german = dictionaries.identity_for("de");  // a millisecond's reading of the file
    CHECK_FALSE(read);  // the answer came before the reading began
    word.join();
    REQUIRE(german);
    CHECK(*german == dictionaries.for_language("de")->identity());
}

namespace {

// A shelf in memory that counts what it is asked and given.
class MemoryShelf final : public booklet::hyphenate::MachineShelf {
public:
    std::optional<std::string> get(const booklet::Sha256Digest& key) override {
        std::lock_guard lock(mutex_);
        ++gets;
        const auto it = kept.find(key);
        if (it == kept.end()) return std::nullopt;
        ++found;
        return it->second;
    }
    void put(const booklet::Sha256Digest& key, std::string_view machine) override {
        std::lock_guard lock(mutex_);
        ++puts;
        kept[key] = std::string(machine);
    }
    std::map<booklet::Sha256Digest, std::string> kept;
    int gets = 0, found = 0, puts = 0;

private:
    std::mutex mutex_;
};

std::vector<std::string> marked(const Hyphenator& h, const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const auto& w : words) out.push_back(mark(w, h.points(w)));
    return out;
}

}  // namespace

TEST_CASE("a machine kept on a shelf is found there by the next Hyphenator of that text, and hyphenates alike") {
    const std::filesystem::path dutch = "/usr/share/hyphen/hyph_nl_NL.dic";
    const auto minimums = minimums_for_language("nl");
    const std::vector<std::string> words = {"fietsenstalling", "ziekenhuisopname", "kwaliteitsbewaking",
                                            "onvoorspelbare", "beschikbaarheid"};
    const Hyphenator built(dutch, minimums);
    const std::vector<std::string> expected = marked(built, words);
    CHECK(expected[0] == "fiet-sen-stal-ling");  // the list says something

    MemoryShelf shelf;
    const Hyphenator first(dutch, minimums, PatternUse::complete, &shelf);
    CHECK(shelf.puts == 1);
    CHECK(shelf.found == 0);
    const Hyphenator second(dutch, minimums, PatternUse::complete, &shelf);
    CHECK(shelf.found == 1);
    CHECK(shelf.puts == 1);  // found, not built and kept again
    CHECK(marked(first, words) == expected);
    CHECK(marked(second, words) == expected);
    CHECK(second.identity() == built.identity());

    // Other minimums share the machine; another pattern use does not.
    const Hyphenator wider(dutch, {8, 3, 3}, PatternUse::complete, &shelf);
    CHECK(shelf.found == 2);
    const Hyphenator as_written(dutch, minimums, PatternUse::as_written, &shelf);
    CHECK(shelf.puts == 2);

    // A damaged entry is no entry: the machine is built and kept again, alike.
    for (auto& [key, bytes] : shelf.kept) bytes.resize(bytes.size() / 2);
    const Hyphenator third(dutch, minimums, PatternUse::complete, &shelf);
    CHECK(shelf.puts == 3);
    CHECK(marked(third, words) == expected);
}

TEST_CASE("dictionaries read ahead keep their machines on the shelf they are given") {
    MemoryShelf shelf;
    {
        Dictionaries dictionaries;
        dictionaries.keep_machines_on(&shelf);
        dictionaries.reading_ahead(std::async(std::launch::async, [&] { dictionaries.load_ahead("de"); }));
        REQUIRE(dictionaries.for_language("de") != nullptr);
        CHECK(shelf.puts == 1);
    }
    Dictionaries again;
    again.keep_machines_on(&shelf);
    const Hyphenator* german = again.for_language("de");
    REQUIRE(german != nullptr);
    CHECK(shelf.found == 1);
    CHECK(shelf.puts == 1);
    CHECK(mark("Silbentrennung", german->points("Silbentrennung")) == "Sil-ben-tren-nung");
}
