#!/usr/bin/python3
"""The structure tree reads as the Markdown does: same words, same order.

Usage: struct_order.py [--min PERCENT] FILE.pdf PAGE.md [PAGE.md ...]

The expected words are the visible text of the pages (front matter dropped),
rendered by cmark-gfm with the GFM extensions and read out of the HTML; the
actual words are the text of every structure element as `pdfinfo -struct-text`
lists it, in tree order. The share of expected words found in order (the
longest matching blocks, difflib) must reach --min (default 99.5). Running heads
and folios must be absent from the tree: no element's text is a page number
alone, and the book's title is not there once a page.
Words are compared case-folded, NFKC-normalised, without punctuation or hyphens
(a hyphen at a line end is the only difference between "Program-meurs" and
"Programmeurs"); address-like words are left out on both sides, as URL notes add
them to the book.
"""

import difflib
import html.parser
import re
import subprocess
import sys
import unicodedata

DROPPED = {"script", "style", "template", "iframe", "svg", "head", "title"}
BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "pre", "blockquote", "br",
         "section", "figcaption", "caption", "dt", "dd", "summary", "details", "ul", "ol", "table", "hr"}


class Visible(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED:
            self.skip += 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in DROPPED and self.skip:
            self.skip -= 1
        if tag in BLOCK:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


URLISH = re.compile(r"^(https?://|mailto:|www\.)|^[\w.-]+\.[a-z]{2,}/", re.I)


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for chunk in text.split():
        if URLISH.search(chunk):
            continue
        word = "".join(c for c in chunk if c.isalnum())
        if word:
            out.append(word)
    return out


BLOCK_END = re.compile(r"</(p|li|h[1-6]|td|th|blockquote|pre)>")


def notes_in_place(rendered):
    """GFM footnotes where the book reads them: each after the block that first
    calls it (not in a list at the end); the call's number is the book's own."""
    section = re.search(r'<section class="footnotes"[^>]*>(.*?)</section>', rendered, re.S)
    if not section:
        return rendered
    notes = {}
    for m in re.finditer(r'<li id="fn-([^"]+)">(.*?)</li>', section.group(1), re.S):
        notes[m.group(1)] = re.sub(r'<a href="#fnref[^"]*"[^>]*>.*?</a>', "", m.group(2), flags=re.S)
    body = rendered[:section.start()] + rendered[section.end():]
    for name, text in notes.items():
        call = re.search(r'<sup class="footnote-ref"><a href="#fn-' + re.escape(name) + r'"[^>]*>.*?</a></sup>', body)
        if not call:
            continue
        end = BLOCK_END.search(body, call.end())
        at = end.end() if end else len(body)
        body = body[:at] + " <div>" + text + "</div> " + body[at:]
    return re.sub(r'<sup class="footnote-ref">.*?</sup>', "", body, flags=re.S)


def markdown_words(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            text = text[text.find("\n", end + 1) + 1:]
    rendered = subprocess.run(
        ["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist",
         "-e", "footnotes"], input=text, capture_output=True, text=True, check=True).stdout
    rendered = re.sub(r"<!--.*?-->", " ", rendered, flags=re.S)
    rendered = notes_in_place(rendered)
    parser = Visible()
    parser.feed(rendered)
    return words(" ".join(parser.out))


def tree_texts(pdf):
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True, check=True).stdout
    texts, stack = [], []  # stack: (indent, element type)
    for line in out.splitlines():
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"') and stripped.endswith('"') and len(stripped) >= 2:
            texts.append((stripped[1:-1], stack[-1][1] if stack else ""))
        elif stripped:
            stack.append((indent, stripped.split()[0]))
    return texts


def info(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    title = re.search(r"^Title:\s*(.*)$", out, re.M)
    pages = re.search(r"^Pages:\s*(\d+)$", out, re.M)
    return (title.group(1).strip() if title else ""), (int(pages.group(1)) if pages else 0)


def main(argv):
    minimum = 99.5
    if len(argv) >= 2 and argv[0] == "--min":
        minimum = float(argv[1])
        argv = argv[2:]
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    pdf, pages = argv[0], argv[1:]
    expected = [w for page in pages for w in markdown_words(page)]
    tree = tree_texts(pdf)
    texts = [text for text, _ in tree]
    actual = words(" ".join(texts))
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    share = 100.0 * found / max(len(expected), 1)
    problems = []
    if share < minimum:
        problems.append(f"{share:.2f}% of the Markdown's words are in the tree in order (at least {minimum}%)")
        shown = 0
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("delete", "replace") and shown < 10:
                problems.append(f"  missing: {' '.join(expected[i1:i2][:20])}")
                shown += 1
    # A number alone is a note call, a note's or list item's label or a table
    # cell; anywhere else it is a folio that should have been an artifact.
    numbered = {"Reference", "Note", "Lbl", "TD", "TH", "Link", "Code"}
    # Folios would be one a page; a page's text may hold a number alone now and then.
    title, page_count = info(pdf)
    folios = [t for t, kind in tree if kind not in numbered and re.fullmatch(r"\s*[0-9]{1,3}\s*", t)]
    if len(folios) > max(2, page_count // 4):
        problems.append(f"{len(folios)} page numbers in the structure tree: {folios[:5]}")
    if title:
        # A running head left out of the artifacts is a text of its own that is
        # the title, one a page; the title inside a sentence, a link's text, a
        # contents entry or a Sources entry is the book's text.
        heads = [t for t, kind in tree if kind not in ("Link", "Reference") and t.strip() == title]
        if len(heads) > max(4, page_count // 4):
            problems.append(f"the book's title stands alone in the tree {len(heads)} times: running heads are not artifacts")
        # The imprint stacks the title, authors, date and licence as lines of one
        # P; each line must end in a word break ("PauseAI December", not
        # "PauseAIDecember").
        glued = [t for t, kind in tree
                 if kind == "P" and t.startswith(title) and len(t) > len(title) and t[len(title)].isalnum()]
        if glued:
            problems.append(f"lines of the imprint run together: {glued[0][:60]!r}")
    for p in problems:
        print(p)
    print(("FAIL" if problems else "PASS") +
          f" structure order {share:.2f}% words ({found}/{len(expected)}), {len(actual)} words in the tree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
