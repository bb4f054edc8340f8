// One typographic pass for all text, in the language's style.
#include "helpers.hpp"

#include "../../../src/markdown/typography.hpp"

using namespace test;

namespace {

std::string para(const std::string& md, const std::string& lang = "") {
    const std::string page = lang.empty() ? md : "---\nlang: " + lang + "\n---\n" + md;
    const auto b = blocks(page);
    return text_of(as<model::Paragraph>(b.at(0)).content);
}

}  // namespace

TEST_CASE("body text: quotes, apostrophes, dashes and ellipses in English") {
    CHECK(para("She said \"it's fine\" -- really... all of it --- \"yes\".") ==
          "She said \u201Cit\u2019s fine\u201D \u2013 really\u2026 all of it \u2014 \u201Cyes\u201D.");
    CHECK(para("'Single' and the students' books, rock'n'roll in the '90s.") ==
          "\u2018Single\u2019 and the students\u2019 books, rock\u2019n\u2019roll in the \u201990s.");
}

TEST_CASE("a closing mark whose opening one was forgotten stays a closing mark") {
    CHECK(para("(Learn more here!\", \"Join us!\")") == "(Learn more here!\u201D, \u201CJoin us!\u201D)");
}

TEST_CASE("quotation marks pair up across emphasis and links") {
    CHECK(para("\"*Pause* now\" and \"[AI](https://x.example)\"") == "\u201CPause now\u201D and \u201CAI\u201D");
}

TEST_CASE("each language's quotation marks") {
    CHECK(para("Er sagte \"nein\" und 'vielleicht'.", "de") == "Er sagte \u201Enein\u201C und \u201Avielleicht\u2018.");
    CHECK(para("Il a dit \"non\" : c'est fini !", "fr") ==
          "Il a dit \u00AB\u202Fnon\u202F\u00BB\u00A0: c\u2019est fini\u202F!");
    CHECK(para("Dijo \"no\".", "es") == "Dijo \u00ABno\u00BB.");
    CHECK(para("Он сказал \"нет\".", "ru") == "Он сказал \u00ABнет\u00BB.");
    CHECK(para("彼は\"いいえ\"と言った。", "ja") == "彼は\u300Cいいえ\u300Dと言った。");
    CHECK(para("Hij zei \"nee\".", "nl") == "Hij zei \u201Cnee\u201D.");
}

TEST_CASE("French: typed guillemets get the narrow no-break space inside") {
    CHECK(para("« Bonjour » et «salut»", "fr") == "\u00AB\u202FBonjour\u202F\u00BB et \u00AB\u202Fsalut\u202F\u00BB");
}

TEST_CASE("code, code blocks and addresses are left as written") {
    const auto b = blocks("Run `a--b \"x\"` on https://example.org/a--b--c and ask \"me\"...\n\n```\nx -- \"y\"\n```\n");
    const auto& p = as<model::Paragraph>(b.at(0)).content;
    CHECK(text_of(p) == "Run a--b \"x\" on https://example.org/a--b--c and ask \u201Cme\u201D\u2026");
    CHECK(as<model::CodeBlock>(b.at(1)).text == "x -- \"y\"");
}

TEST_CASE("titles, table cells, alt text and text from HTML entities get the same pass") {
    Diagnostics diags;
    const auto doc = convert(
        "---\ntitle: San Francisco's \"protest\"\ndescription: We're here\n---\n"
        "| Who's | \"What\" |\n|---|---|\n| PauseAI's | it's |\n\n"
        "![A 'quoted' pic](pic.png)\n\n"
        "<p>We&#39;re &quot;here&quot;</p>\n",
        diags);
    const auto& ch = doc.chapters.at(0);
    CHECK(ch.title == "San Francisco\u2019s \u201Cprotest\u201D");
    CHECK(ch.description == "We\u2019re here");
    const auto& t = as<model::Table>(ch.blocks.at(0));
    CHECK(text_of(t.header[0].content) == "Who\u2019s");
    CHECK(text_of(t.header[1].content) == "\u201CWhat\u201D");
    CHECK(text_of(t.rows[0][0].content) == "PauseAI\u2019s");
    CHECK(as<model::Figure>(ch.blocks.at(1)).image.alt == "A \u2018quoted\u2019 pic");
    CHECK(text_of(as<model::Paragraph>(ch.blocks.at(2)).content) == "We\u2019re \u201Chere\u201D");
}

TEST_CASE("a heading's H1 title is typeset like the rest") {
    const auto ch = chapter("# PauseAI's \"plan\"\n\nText.\n");
    CHECK(ch.title == "PauseAI\u2019s \u201Cplan\u201D");
}

TEST_CASE("typeset_text on its own") {
    const auto en = words::for_language("en");
    CHECK(markdown::typeset_text("\"a\" -- 'b'", en) == "\u201Ca\u201D \u2013 \u2018b\u2019");
    CHECK(markdown::typeset_text("", en).empty());
    CHECK(markdown::typeset_text("\xFF\"x\"", en) == "\xFF\u201Cx\u201D");  // broken bytes stay, quotes still pair
    CHECK(markdown::typeset_text("----", en) == "----");
}
