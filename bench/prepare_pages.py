#!/usr/bin/python3
"""Prepares the corpus pages once for the other tools the benchmark times.

    prepare_pages.py POSTS_DIR IMAGES_DIR OUT_DIR [BASE_URL]

Writes, in OUT_DIR:
  book.md    every page in file-name order (the order booklet's glob gives), its
             front-matter title as a level-1 heading (booklet opens each page as a
             chapter under its title), its image paths made relative to IMAGES_DIR,
             so that `pandoc --resource-path IMAGES_DIR` finds them, and remote
             images replaced by their alt text in italics.
  book.typ   the same text as Typst markup, for `typst compile` (typst cannot read
             Markdown). pandoc's own GFM reader parses book.md (`-t json`) and
             this file prints its syntax tree as Typst: no Markdown is parsed here.
  images/    copies of the pictures for Typst (which reads only below its root);
             WebP, which Typst 0.10 cannot read, converted to PNG with dwebp.

What the Typst output covers: headings, paragraphs, emphasis, strong, strike-out,
super/subscript, small caps, quotes, inline code and code blocks, links
(site-relative ones prefixed with BASE_URL, as booklet does with the manifest's
base_url), bullet and numbered lists, block quotes, tables (one cell per column,
spans ignored), definition lists, horizontal rules, line breaks and images (as
figures with the alt text as caption, at most 7 cm high; the alt text in italics
where the corpus lacks the picture). Raw HTML (the site's
Svelte components, <details>, embedded tweets) is dropped, as are HTML <img> tags;
the Markdown between HTML tags is kept. Not a general converter: it is what the
corpus needs, to give typst a fair share of the same work.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

IMAGE_SITE_PATH = re.compile(r"(!\[[^\]]*\]\()/")  # ![alt](/x.jpg) -> ![alt](x.jpg)
# pandoc downloads remote pictures into an EPUB; booklet never fetches them (it prints
# the alt text), and the benchmark must not reach the network: the alt text stays.
IMAGE_REMOTE = re.compile(r"!\[([^\]]*)\]\(https?://[^)]*\)")


def split_front_matter(text):
    """Returns (front matter dict, body) of a page."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def combined_markdown(posts):
    parts = []
    for page in sorted(posts.glob("*.md")):
        meta, body = split_front_matter(page.read_text(encoding="utf-8"))
        title = str(meta.get("title") or page.stem)
        parts.append(f"# {title}\n\n" + IMAGE_SITE_PATH.sub(r"\1", IMAGE_REMOTE.sub(r"*\1*", body)) + "\n")
    return "\n".join(parts)


# Characters that start markup in Typst text; a backslash makes each literal.
TYPST_SPECIAL = re.compile(r"([\\*_`$#\[\]<>@=\-+/~])")


def text(s):
    return TYPST_SPECIAL.sub(r"\\\1", s)


def string(s):
    return json.dumps(s, ensure_ascii=False)  # a Typst string literal has JSON's escapes


class Printer:
    def __init__(self, base_url, root):
        self.base_url = base_url
        self.root = root  # the folder book.typ is compiled in

    def inlines(self, items):
        return "".join(self.inline(i) for i in items)

    def inline(self, node):
        kind, c = node["t"], node.get("c")
        # Each function call ends with ';' so that text after it (".x", "[") is text.
        wrap = {"Emph": "emph", "Strong": "strong", "Strikeout": "strike", "Underline": "underline",
                "Superscript": "super", "Subscript": "sub", "SmallCaps": "smallcaps"}
        if kind == "Str":
            return text(c)
        if kind in ("Space", "SoftBreak"):
            return " "
        if kind == "LineBreak":
            return "\\\n"
        if kind in wrap:
            return f"#{wrap[kind]}[{self.inlines(c)}];"
        if kind == "Quoted":
            left, right = ("\u2018", "\u2019") if c[0]["t"] == "SingleQuote" else ("\u201c", "\u201d")
            return left + self.inlines(c[1]) + right
        if kind in ("Code", "Math"):
            return f"#raw({string(c[1])});" if kind == "Code" else text(c[1])
        if kind == "Link":
            url = c[2][0]
            if url.startswith("/") and self.base_url:
                url = self.base_url.rstrip("/") + url
            return f"#link({string(url)})[{self.inlines(c[1])}];"
        if kind == "Image":
            return self.image(c[2][0], c[1])
        if kind in ("Span", "Cite"):
            return self.inlines(c[1])
        if kind == "Note":
            return f"#footnote[{self.blocks(c)}];"
        return ""  # RawInline: HTML the site's components use

    def image(self, src, alt):
        path = "images/" + re.sub(r"\.webp$", ".png", src)
        if not (self.root / path).is_file():
            return f"#emph[{self.inlines(alt)}];"  # the corpus lacks many pictures: the alt text stands in
        return (f"#figure(image({string(path)}, width: 100%, height: 7cm, fit: \"contain\"), "
                f"caption: [{self.inlines(alt)}]);")

    def blocks(self, items):
        return "\n\n".join(b for b in (self.block(i) for i in items) if b)

    def items(self, items):
        return ", ".join(f"[{self.blocks(i)}]" for i in items)

    def block(self, node):
        kind, c = node["t"], node.get("c")
        if kind in ("Para", "Plain"):
            return self.inlines(c)
        if kind == "Header":
            brk = "#pagebreak(weak: true)\n" if c[0] == 1 else ""  # chapters on a new page
            return f"{brk}#heading(level: {c[0]})[{self.inlines(c[2])}]"
        if kind == "BulletList":
            return f"#list({self.items(c)})"
        if kind == "OrderedList":
            return f"#enum(start: {c[0][0]}, {self.items(c[1])})"
        if kind == "BlockQuote":
            return f"#quote(block: true)[{self.blocks(c)}]"
        if kind == "CodeBlock":
            return f"#raw({string(c[1])}, block: true)"
        if kind == "LineBlock":
            return "\\\n".join(self.inlines(line) for line in c)
        if kind == "HorizontalRule":
            return "#line(length: 100%)"
        if kind == "Div":
            return self.blocks(c[1])
        if kind == "DefinitionList":
            return "\n\n".join(f"#strong[{self.inlines(term)}];\n\n" + "\n\n".join(self.blocks(d) for d in defs)
                               for term, defs in c)
        if kind == "Table":
            return self.table(c)
        return ""  # RawBlock, Null

    def table(self, c):
        _attr, _caption, colspecs, head, bodies, _foot = c
        rows = head[1] + [row for body in bodies for row in body[2] + body[3]]
        cells = [f"[{self.blocks(cell[4])}]" for row in rows for cell in row[1]]
        return f"#table(columns: {len(colspecs)}, {', '.join(cells)})"


# The page as booklet's default style sets it (styles/booklet.yaml): A5, its margins,
# Noto Serif 10 pt justified and hyphenated, 1 em indent, Noto Sans headings.
PREAMBLE = """#set page(paper: "a5", margin: (inside: 15mm, outside: 18mm, top: 16mm, bottom: 22.5mm), numbering: "1")
#set text(font: "Noto Serif", size: 10pt, lang: "en", hyphenate: true)
#set par(justify: true, first-line-indent: 1em, leading: 0.6em)
#show heading: set text(font: "Noto Sans")
#show raw: set text(font: "Noto Sans Mono")

"""


def copy_images(images, out):
    for src in images.rglob("*"):
        if not src.is_file():
            continue
        dest = out / src.relative_to(images)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.suffix.lower() == ".webp":
            subprocess.run(["dwebp", "-quiet", str(src), "-o", str(dest.with_suffix(".png"))], check=True)
        else:
            shutil.copyfile(src, dest)


def main():
    posts, images, out = (pathlib.Path(a) for a in sys.argv[1:4])
    base_url = sys.argv[4] if len(sys.argv) > 4 else ""
    out.mkdir(parents=True, exist_ok=True)
    markdown = combined_markdown(posts)
    (out / "book.md").write_text(markdown, encoding="utf-8")
    tree = json.loads(subprocess.run(["pandoc", "-f", "gfm", "-t", "json"], input=markdown,
                                     capture_output=True, text=True, check=True).stdout)
    copy_images(images, out / "images")
    (out / "book.typ").write_text(PREAMBLE + Printer(base_url, out).blocks(tree["blocks"]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
