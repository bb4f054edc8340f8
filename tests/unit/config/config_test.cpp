#include "booklet/config.hpp"

#include <catch2/catch.hpp>

using booklet::Error;
using booklet::config::ConfigNode;
using booklet::config::parse_yaml;

TEST_CASE("YAML maps keep order, positions and quoting") {
    const auto n = parse_yaml("title: Hello\nyear: 2024\nname: \"2024\"\nlist: [a, b]\n", "m.yaml");
    REQUIRE(n.is_map());
    REQUIRE(n.entries.size() == 4);
    CHECK(n.entries[0].first == "title");
    CHECK(n.key_pos[1].line == 2);
    CHECK(n.find("year")->as_int("year") == 2024);
    CHECK(n.find("name")->quoted);
    CHECK_THROWS_AS(n.find("name")->as_int("name"), Error);
    CHECK(n.find("list")->items.size() == 2);
    CHECK(n.find("missing") == nullptr);
}

TEST_CASE("front matter lines are reported as file lines") {
    // The text starts on line 2 of the file (after the opening ---).
    try {
        parse_yaml("title: ok\ndescription: [unclosed\n", "page.md", 2);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.pos().file == "page.md");
        CHECK(e.pos().line >= 3);
    }
}

TEST_CASE("duplicate keys and wrong types are errors naming the line") {
    try {
        parse_yaml("a: 1\nb: 2\na: 3\n", "s.yaml");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.pos().line == 3);
        CHECK(std::string(e.what()).find("duplicate key 'a'") != std::string::npos);
    }
    const auto n = parse_yaml("flag: maybe\nsize: 10pt\n", "s.yaml");
    CHECK_THROWS_WITH(n.find("flag")->as_bool("flag"), Catch::Contains("s.yaml:1:7") && Catch::Contains("true or false"));
    CHECK_THROWS_WITH(n.find("size")->as_number("size"), Catch::Contains("a number"));
}

TEST_CASE("numbers parse without locale") {
    const auto n = parse_yaml("x: 1.25\n", "s.yaml");
    CHECK(n.find("x")->as_number("x") == Approx(1.25));
}

TEST_CASE("alias expansion is counted before the tree is built: a billion laughs is refused at once") {
    std::string bomb = "a0: &a0 [lol]\n";
    for (int i = 1; i <= 9; ++i) {
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
        bomb += "]\n";
    }
    try {
        parse_yaml(bomb, "bomb.yaml", 3);
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == "yaml-budget");
        CHECK(e.pos().file == "bomb.yaml");
        CHECK(e.pos().line >= 3);
    }
    // Aliases within the budget still work, and expand.
    const auto fine = parse_yaml("base: &b {x: 1}\nuse: *b\n", "f.yaml");
    REQUIRE(fine.find("use"));
    CHECK(fine.find("use")->find("x")->scalar == "1");
}

TEST_CASE("an alias is a copy of its anchor's value, nested no deeper than 64 levels where it stands") {
    const auto n = parse_yaml("base: &b {size: 10pt, list: [a, b]}\ncopy: *b\nk: &k name\nkeys: {*k : 1}\n", "a.yaml");
    REQUIRE(n.find("copy"));
    CHECK(n.find("copy")->find("size")->as_string("size") == "10pt");
    CHECK(n.find("copy")->find("list")->items.size() == 2);
    CHECK(n.find("copy")->pos == n.find("base")->pos);  // the anchored value's place
    REQUIRE(n.find("keys"));
    CHECK(n.find("keys")->find("name"));  // an alias of text may be a key

    auto nested = [](int levels) { return std::string(static_cast<std::size_t>(levels), '[') + "1" +
                                          std::string(static_cast<std::size_t>(levels), ']'); };
    // The anchored value has 39 levels below it; the alias stands 25 deep (the
    // map, 24 lists): its deepest value at 64, as deep as may be; one level more
    // is refused at the alias.
    CHECK_NOTHROW(parse_yaml("a: &x " + nested(39) + "\nb: " + nested(24).replace(24, 1, "*x") + "\n", "d.yaml"));
    try {
        parse_yaml("a: &x " + nested(39) + "\nb: " + nested(25).replace(25, 1, "*x") + "\n", "d.yaml");
        FAIL("a copy nested 65 deep was read");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("nested more than 64 levels deep") != std::string::npos);
        CHECK(e.pos().line == 2);
    }
}
