#!/usr/bin/python3
"""The mechanical rules of PDF/UA-1 (ISO 14289-1) on finished PDF files.

Usage: pdfua_check.py FILE.pdf [FILE.pdf ...]      exit 0 when every file passes

Each rule names the Matterhorn Protocol 1.1 checkpoint it covers (docs/TAGGED_PDF.md):
  01-005  every piece of content is marked: inside a structure element's marked
          content (an MCID) or an /Artifact
  01-004/01-006  marked content belongs to an element; element types are standard
  06-001..003    catalog /Metadata with pdfuaid:part 1 and dc:title
  07-001  /ViewerPreferences /DisplayDocTitle true
  11-001  the catalog's /Lang
  13-004  every Figure has /Alt
  14-002/14-003  the first heading is H1; heading levels never skip going down
  15-003  every TH has a /Scope (tables: at least one TH)
  28-002  every Link annotation has a /StructParent pointing at a Link element
          that holds it (OBJR); 28-004 it has /Contents; 28-011..012 /Tabs /S
  and the ParentTree: the entry of each page lists, for every MCID on the page,
  the element whose /K holds that MCID (Matterhorn 01-004 in practice).
Reads the file with PyMuPDF (python3-fitz); needs nothing else.
"""

import re
import sys

import fitz

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}


class Ref:
    def __init__(self, num):
        self.num = num

    def __eq__(self, other):
        return isinstance(other, Ref) and other.num == self.num

    def __hash__(self):
        return hash(self.num)

    def __repr__(self):
        return f"{self.num} 0 R"


class Name(str):
    pass


class Op(str):
    pass


TOKEN = re.compile(
    rb"\s*(?:(<<|>>|\[|\]|\{|\})|(/[^\s/\[\]<>(){}%]*)|(\((?:\\.|[^\\)])*\))|(<[0-9A-Fa-f\s]*>)|"
    rb"([+-]?(?:\d+\.?\d*|\.\d+))|([^\s/\[\]<>(){}%]+)|(%[^\n]*))",
    re.S,
)


def tokens(data):
    pos = 0
    while pos < len(data):
        m = TOKEN.match(data, pos)
        if not m or m.end() == pos:
            if data[pos:].strip() == b"":
                return
            # Nested parentheses inside a literal string: read it by hand.
            if data[pos:pos + 1] == b"(" or data.lstrip()[:1] == b"(":
                start = data.index(b"(", pos)
                depth, i = 0, start
                while i < len(data):
                    c = data[i:i + 1]
                    if c == b"\\":
                        i += 2
                        continue
                    depth += c == b"("
                    depth -= c == b")"
                    i += 1
                    if depth == 0:
                        break
                yield ("string", data[start:i])
                pos = i
                continue
            raise ValueError(f"cannot read PDF syntax at {data[pos:pos + 30]!r}")
        pos = m.end()
        delim, name, string, hexstring, number, word, comment = m.groups()
        if comment:
            continue
        if delim:
            yield ("delim", delim)
        elif name is not None:
            yield ("name", Name(name[1:].decode("latin-1")))
        elif string:
            yield ("string", string)
        elif hexstring:
            yield ("string", hexstring)
        elif number:
            text = number.decode()
            yield ("number", float(text) if "." in text else int(text))
        elif word:
            yield ("word", word.decode("latin-1"))


def parse_objects(data):
    """Objects and operators of a content stream or an object's text, in order."""
    stack = [[]]
    for kind, value in tokens(data):
        top = stack[-1]
        if kind == "delim":
            if value in (b"<<", b"["):
                stack.append([])
            elif value == b"]":
                items = stack.pop()
                stack[-1].append(items)
            elif value == b">>":
                items = stack.pop()
                d = {}
                for i in range(0, len(items) - 1, 2):
                    d[items[i]] = items[i + 1]
                stack[-1].append(d)
        elif kind == "word":
            if value == "R" and len(top) >= 2 and isinstance(top[-1], int) and isinstance(top[-2], int):
                top.pop()
                top.append(Ref(top.pop()))
            elif value in ("true", "false"):
                top.append(value == "true")
            elif value == "null":
                top.append(None)
            else:
                top.append(Op(value))
        else:
            top.append(value)
    return stack[0]


class Pdf:
    def __init__(self, path):
        self.doc = fitz.open(path)
        self.cache = {}

    def obj(self, ref):
        if not isinstance(ref, Ref):
            return ref
        if ref.num not in self.cache:
            text = self.doc.xref_object(ref.num, compressed=True).encode("latin-1", "replace")
            parsed = parse_objects(text)
            self.cache[ref.num] = parsed[0] if parsed else None
        return self.cache[ref.num]

    def catalog(self):
        return self.obj(Ref(self.doc.pdf_catalog()))


def text_of(pdf_string):
    if isinstance(pdf_string, bytes) and pdf_string.startswith(b"<"):
        raw = bytes.fromhex(pdf_string[1:-1].decode().replace(" ", ""))
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be")
        return raw.decode("latin-1")
    if isinstance(pdf_string, bytes):
        return pdf_string[1:-1].decode("latin-1")
    return str(pdf_string or "")


def number_tree(pdf, node, out):
    node = pdf.obj(node)
    nums = node.get("Nums", [])
    for i in range(0, len(nums) - 1, 2):
        out[nums[i]] = nums[i + 1]
    for kid in node.get("Kids", []):
        number_tree(pdf, kid, out)
    return out


PAINT = {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"}


def name_tree(pdf, node, out):
    """The (string) key -> value pairs of a name tree."""
    node = pdf.obj(node) or {}
    names = pdf.obj(node.get("Names")) or []
    for key, value in zip(names[0::2], names[1::2]):
        out[key] = value
    for kid in pdf.obj(node.get("Kids")) or []:
        name_tree(pdf, kid, out)
    return out


def check_content(pdf, page, problems):
    """Marked content of one page: every painting operator inside an MCID or an
    Artifact; returns the MCIDs in stream order."""
    data = b"".join(pdf.doc.xref_stream(x) for x in page.get_contents())
    mcids, stack, operands = [], [], []
    for item in parse_objects(data):
        if not isinstance(item, Op):
            operands.append(item)
            continue
        op = str(item)
        if op == "BDC":
            tag, props = operands[-2], operands[-1]
            props = pdf.obj(props) if isinstance(props, Ref) else props
            mcid = props.get("MCID") if isinstance(props, dict) else None
            if mcid is not None:
                if any(m is not None for _, m in stack):
                    problems.append(f"page {page.number + 1}: MCID {mcid} nested in another MCID (01-005)")
                mcids.append(mcid)
                if tag not in STANDARD:
                    problems.append(f"page {page.number + 1}: marked content tagged /{tag} (01-006)")
            stack.append((tag, mcid))
        elif op == "BMC":
            stack.append((operands[-1], None))
        elif op == "EMC":
            if not stack:
                problems.append(f"page {page.number + 1}: EMC without BDC/BMC")
            else:
                stack.pop()
        elif op in PAINT:
            covered = any(tag == "Artifact" or m is not None for tag, m in stack)
            if not covered:
                problems.append(f"page {page.number + 1}: '{op}' outside marked content and artifacts (01-005)")
        operands = []
    if stack:
        problems.append(f"page {page.number + 1}: marked content left open")
    return mcids


def check_file(path):
    problems = []
    pdf = Pdf(path)
    catalog = pdf.catalog()
    mark_info = pdf.obj(catalog.get("MarkInfo")) or {}
    if mark_info.get("Marked") is not True:
        problems.append("catalog: no /MarkInfo <</Marked true>> (01-002)")
    if not catalog.get("Lang"):
        problems.append("catalog: no /Lang (11-001)")
    prefs = pdf.obj(catalog.get("ViewerPreferences")) or {}
    if prefs.get("DisplayDocTitle") is not True:
        problems.append("catalog: no /ViewerPreferences /DisplayDocTitle true (07-001)")
    metadata = catalog.get("Metadata")
    xmp = pdf.doc.xref_stream(metadata.num).decode("utf-8", "replace") if isinstance(metadata, Ref) else ""
    if not re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
        problems.append("catalog: no XMP metadata with pdfuaid:part 1 (06-002)")
    if "<dc:title>" not in xmp:
        problems.append("XMP metadata: no dc:title (06-003)")
    root = pdf.obj(catalog.get("StructTreeRoot"))
    if not isinstance(root, dict):
        return problems + ["catalog: no /StructTreeRoot (01-001)"]

    # The tree: every element once, kids in order.
    page_of_xref = {page.xref: page.number for page in pdf.doc}
    owner = {}            # (page number, mcid) -> element ref
    annotation_owner = {}  # annotation xref -> element ref
    headings, problems_tree = [], []
    seen = set()
    note_ids = {}  # /ID -> Note element

    def walk(ref, parent_page):
        if ref in seen:
            problems_tree.append(f"element {ref} appears twice in the tree")
            return
        seen.add(ref)
        element = pdf.obj(ref)
        kind = element.get("S")
        if kind not in STANDARD:
            problems_tree.append(f"element {ref} has the non-standard type /{kind} and no RoleMap entry (02-001)")
        if kind == "Note":
            note_id = element.get("ID")
            if note_id is None:
                problems_tree.append(f"Note {ref} has no /ID (19-003)")
            elif note_id in note_ids:
                problems_tree.append(f"Note {ref} has the /ID of another Note (19-004)")
            else:
                note_ids[note_id] = ref
        if kind == "Figure" and not text_of(element.get("Alt")) and not element.get("ActualText"):
            problems_tree.append(f"Figure {ref} has no /Alt (13-004)")
        if kind and re.fullmatch(r"H[1-6]", kind):
            headings.append(int(kind[1]))
        if kind == "TH":
            attributes = pdf.obj(element.get("A")) or {}
            if isinstance(attributes, list):
                attributes = {k: v for a in attributes if isinstance(pdf.obj(a), dict) for k, v in pdf.obj(a).items()}
            if "Scope" not in attributes:
                problems_tree.append(f"TH {ref} has no /Scope (15-003)")
        page = element.get("Pg", parent_page)
        kids = element.get("K", [])
        if not isinstance(kids, list):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                owner[(page_of_xref.get(page.num if page else -1), kid)] = ref
            elif isinstance(kid, Ref):
                walk(kid, page)
            elif isinstance(kid, dict) and kid.get("Type") == "MCR":
                owner[(page_of_xref.get(kid["Pg"].num), kid["MCID"])] = ref
            elif isinstance(kid, dict) and kid.get("Type") == "OBJR":
                annotation_owner[kid["Obj"].num] = ref
        if kind == "Table":
            def has_th(r):
                e = pdf.obj(r)
                if e.get("S") == "TH":
                    return True
                ks = e.get("K", [])
                ks = ks if isinstance(ks, list) else [ks]
                return any(has_th(k) for k in ks if isinstance(k, Ref))
            if not has_th(ref):
                problems_tree.append(f"Table {ref} has no TH (15-003)")

    top = root.get("K")
    for kid in top if isinstance(top, list) else [top]:
        walk(kid, None)
    problems += problems_tree[:20]

    if headings and headings[0] != 1:
        problems.append(f"the first heading is H{headings[0]}, not H1 (14-002)")
    for before, after in zip(headings, headings[1:]):
        if after > before + 1:
            problems.append(f"heading levels skip from H{before} to H{after} (14-003)")
            break

    # Every Note's /ID finds it through the /IDTree (a name tree).
    id_tree = name_tree(pdf, root.get("IDTree", {}), {})
    for note_id, ref in note_ids.items():
        if id_tree.get(note_id) != ref:
            problems.append(f"Note {ref}: its /ID is not in the /IDTree, or leads elsewhere (19-003)")
            break

    parent_tree = number_tree(pdf, root.get("ParentTree", {}), {})
    for page in pdf.doc:
        mcids = check_content(pdf, page, problems)
        page_dict = pdf.obj(Ref(page.xref))
        if mcids:
            key = page_dict.get("StructParents")
            entry = pdf.obj(parent_tree.get(key)) if key is not None else None
            if not isinstance(entry, list):
                problems.append(f"page {page.number + 1}: no ParentTree entry for its MCIDs")
            else:
                for mcid in mcids:
                    if mcid >= len(entry) or entry[mcid] != owner.get((page.number, mcid)):
                        problems.append(f"page {page.number + 1}: ParentTree entry of MCID {mcid} is not the "
                                        f"element that holds it")
                        break
            if len(set(mcids)) != len(mcids):
                problems.append(f"page {page.number + 1}: an MCID is used twice")
        annots = pdf.obj(page_dict.get("Annots")) or []
        for annot_ref in annots:
            annot = pdf.obj(annot_ref)
            if annot.get("Subtype") != "Link":
                continue
            if page_dict.get("Tabs") != "S":
                problems.append(f"page {page.number + 1}: annotations but no /Tabs /S (28-011)")
            if not text_of(annot.get("Contents")):
                problems.append(f"page {page.number + 1}: link annotation {annot_ref} without /Contents (28-004)")
            key = annot.get("StructParent")
            element_ref = parent_tree.get(key) if key is not None else None
            if element_ref is None:
                problems.append(f"page {page.number + 1}: link annotation {annot_ref} without /StructParent (28-002)")
            elif pdf.obj(element_ref).get("S") != "Link" or annotation_owner.get(annot_ref.num) != element_ref:
                problems.append(f"page {page.number + 1}: link annotation {annot_ref} is not held by its Link "
                                f"element (28-002)")
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        problems = check_file(path)
        if problems:
            failed += 1
            print(f"{path}: FAIL, {len(problems)} problems")
            for p in problems[:30]:
                print(f"  {p}")
        else:
            print(f"{path}: PASS")
    print(("FAIL" if failed else "PASS") + f" PDF/UA mechanical rules: {len(paths) - failed}/{len(paths)} files")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
