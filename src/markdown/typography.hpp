// One typographic pass for every piece of text a reader sees (internal to
// src/markdown): body text, headings, table cells, captions, alt text, link
// titles, chapter titles and descriptions, the book's title, text that came
// through HTML entities. cmark-gfm's own smart punctuation is off, so that all of
// it is treated alike and in the language's style (booklet/words.hpp):
//   "..."  -> the language's primary quotation marks („…“, « … », “…”, 「…」)
//   '...'  -> its secondary ones; an apostrophe inside or after a word -> ’
//   --, --- -> en dash, em dash;   ... -> …
//   French: the narrow no-break space inside « », and a no-break space for the
//   space typed before ; : ! ?
// Code, code blocks and link texts that are addresses are left as written.
#pragma once

#include "booklet/model.hpp"
#include "booklet/words.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace booklet::markdown {

// The words of a language tag (the chapter's, or a passage's lang).
using WordsFor = std::function<const words::Words&(const std::string& lang)>;

// A string on its own (a title, an alt text).
std::string typeset_text(std::string_view text, const words::Words& words);

// A run of inline content: quotation marks pair up across emphasis and links.
void typeset_inlines(model::Inlines& inlines, const words::Words& words);

// Everything printable in a chapter, each block in its own language.
void typeset_chapter(model::Chapter& chapter, const WordsFor& words_for);

}  // namespace booklet::markdown
