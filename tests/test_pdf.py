"""The print PDF (issue 13): xslt/print.xsl writes Typst, the Typst compiler
typesets output/pdf/article.pdf (PDF/A-3b and PDF/UA-1).

The PDF is built for real (no mocks) once per session in A4 and once in US
Letter. Expectations are read from the TEI source with lxml, not from the
stylesheets, so that a test fails when the PDF stops saying what the source
says. The PDF is read three ways: its text and links with pypdf, its structure
tree and metadata with pikepdf, its lines as laid out with poppler's
``pdftotext -layout`` (what a reader copies).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import textwrap
import unicodedata
from functools import cached_property
from pathlib import Path

import pytest
from lxml import etree

from conftest import missing_tool, run_step

from tei_edition import paths, xmlsafe
from tei_edition.findings import BuildError

pypdf = pytest.importorskip("pypdf")
pikepdf = pytest.importorskip("pikepdf")

SOURCE = paths.DEFAULT_SOURCE
ARTIFACTS = paths.ROOT / "tests" / "artifacts" / "pdf"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
APPENDIX_HEADINGS = ["Chronology", "Index", "Persons", "Places", "Organisations"]
SOFT_HYPHEN = "\u00ad"


# --- building ---------------------------------------------------------------------------


def build_pdf(out_dir: Path, params: dict | None = None) -> Path:
    """Run the real pdf step on the edition's source into ``out_dir``; what it
    reports on stderr (Typst's warnings) is kept in ``out_dir/stderr.txt``."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        pdf_dir = run_step("pdf", out_dir, params)
    (out_dir / "stderr.txt").write_text(err.getvalue(), encoding="utf-8")
    return pdf_dir / "article.pdf"


class Built:
    """A built PDF and what the tests read from it (each read once)."""

    def __init__(self, path: Path):
        self.path = path
        self.reader = pypdf.PdfReader(str(path))
        self.pike = pikepdf.open(str(path))
        self.stderr = (path.parent.parent / "stderr.txt").read_text(encoding="utf-8")

    @cached_property
    def page_texts(self) -> list[str]:
        """Each page's text; the margin's page-break mark (an artifact, set
        where the break is in the line) stands apart from the words around it."""
        return [(page.extract_text() or "").replace("orig.\xa0p.", " orig. p. ") for page in self.reader.pages]

    @cached_property
    def reading(self) -> tuple[list[str], list[int]]:
        """The words of the pages in order, without the running heads and page
        numbers (each page's first and last line), a word broken over a page
        joined, and the page of each word."""
        stream: list[str] = []
        page_of: list[int] = []
        carry = ""
        for number, text in enumerate(self.page_texts, start=1):
            lines = text.splitlines()
            body = "\n".join(lines[1 if number > 1 else 0:-1])
            page_words = words(body)
            if carry and page_words:
                page_words[0] = carry + page_words[0]
                carry = ""
            if re.search(r"\w[\-\u00ad]\s*$", body) and page_words:
                carry = page_words.pop()
            stream += page_words
            page_of += [number] * len(page_words)
        return stream, page_of

    @cached_property
    def layout_pages(self) -> list[list[str]]:
        """Each page's lines as poppler lays them out (``pdftotext -layout``)."""
        tool = shutil.which("pdftotext")
        if tool is None:
            missing_tool("pdftotext (poppler-utils) not installed", "CI must check the PDF with it")
        text = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(self.path), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
        return [page.splitlines() for page in text.split("\f")[: len(self.reader.pages)]]

    @cached_property
    def page_index(self) -> dict[tuple[int, int], int]:
        """(object number, generation) of each page -> its 1-based number."""
        return {page.indirect_reference.idnum: n for n, page in enumerate(self.reader.pages, start=1)}

    def destination(self, annot) -> tuple[int, float] | None:
        """The page and height a link goes to (None for a URI link)."""
        dest = annot.get("/Dest")
        if dest is None:
            return None
        dest = dest.get_object()
        return self.page_index[dest[0].idnum], float(dest[3])

    @cached_property
    def links(self) -> list[dict]:
        """Every internal link: its page, rectangle, text inside it, target page and height."""
        found = []
        for number in range(1, len(self.reader.pages) + 1):
            chunks = text_chunks(self, number)
            for annot in self.reader.pages[number - 1].get("/Annots", []):
                annot = annot.get_object()
                target = self.destination(annot)
                if target is None:
                    continue
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                inside = "".join(t for x, y, t in chunks if x1 - 0.5 <= x < x2 - 0.5 and y1 - 1 <= y <= y2)
                found.append({"page": number, "rect": (x1, y1, x2, y2), "text": inside, "to": target[0],
                              "y": target[1], "alt": str(annot.get("/Contents", ""))})
        return found

    @cached_property
    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, page) for every outline item, in order."""
        items: list[tuple[int, str, int]] = []

        def walk(nodes, level):
            for node in nodes:
                if isinstance(node, list):
                    walk(node, level + 1)
                else:
                    items.append((level, node.title, self.reader.get_destination_page_number(node) + 1))

        walk(self.reader.outline, 1)
        return items

    @cached_property
    def marked_text(self) -> list[list[tuple[str, tuple[str, ...], str | None]]]:
        """Per page, every piece of text with the marked-content tags around it
        (outermost first: '/Artifact', '/Span', ...) and its language: the
        innermost /Lang of those tags, else that of the structure element the
        marked content belongs to (or of its nearest ancestor that has one),
        else the document's."""
        pages = []
        for number, page in enumerate(self.reader.pages, start=1):
            stack: list[tuple[str, str | None, int | None]] = []
            pieces: list[tuple[str, tuple[str, ...], str | None]] = []

            def before(op, args, cm, tm):
                if op == b"BDC":
                    props = args[1] if len(args) > 1 and hasattr(args[1], "get") else {}
                    lang = props.get("/Lang")
                    if lang is not None:  # a PDF string: its bytes, not pypdf's guess at an encoding
                        lang = getattr(lang, "original_bytes", str(lang).encode()).decode("latin-1")
                    stack.append((str(args[0]), lang, props.get("/MCID")))
                elif op == b"BMC":
                    stack.append((str(args[0]), None, None))
                elif op == b"EMC" and stack:
                    stack.pop()

            def text(t, cm, tm, font, size):
                if t:
                    langs = [lang for _, lang, _ in stack if lang]
                    mcids = [mcid for _, _, mcid in stack if mcid is not None]
                    lang = langs[-1] if langs else self.struct_lang.get((number, int(mcids[-1]))) if mcids else None
                    pieces.append((t, tuple(tag for tag, _, _ in stack), lang or str(self.pike.Root.Lang)))

            page.extract_text(visitor_operand_before=before, visitor_text=text)
            pages.append(pieces)
        return pages

    @cached_property
    def struct_lang(self) -> dict[tuple[int, int], str]:
        """(page, MCID) -> the /Lang of the structure element that holds the
        marked content, or of its nearest ancestor that has one."""
        found: dict[tuple[int, int], str] = {}

        def walk(node, lang, page):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid, lang, page)
                return
            if isinstance(node, int):
                if page is not None and lang:
                    found[(self.page_index[page.objgen[0]], int(node))] = lang
                return
            if not isinstance(node, pikepdf.Dictionary):
                return
            if node.get("/Type") == "/MCR":
                walk(int(node.MCID), lang, node.get("/Pg", page))
                return
            if "/K" in node:
                walk(node.K, str(node.Lang) if "/Lang" in node else lang, node.get("/Pg", page))

        walk(self.pike.Root.StructTreeRoot.K, None, None)
        return found

    @cached_property
    def struct(self) -> list[dict]:
        """The structure tree, depth first: one dict per element with its
        type, depth, attributes, parent index and the pages of its content."""
        elements: list[dict] = []

        def pages_of(node) -> set[int]:
            found: set[int] = set()
            kids = node.get("/K")
            if kids is None:
                return found
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            page = node.get("/Pg")
            for kid in kids:
                if isinstance(kid, int) and page is not None:
                    found.add(self.page_index[page.objgen[0]])
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in ("/MCR", "/OBJR"):
                    kid_page = kid.get("/Pg", page)
                    if kid_page is not None:
                        found.add(self.page_index[kid_page.objgen[0]])
            return found

        def walk(node, depth, parent):
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid, depth, parent)
                return
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return
            index = len(elements)
            elements.append({"type": str(node["/S"]), "depth": depth, "node": node, "parent": parent,
                             "pages": pages_of(node)})
            if "/K" in node:
                walk(node["/K"], depth + 1, index)

        walk(self.pike.Root.StructTreeRoot.K, 0, None)
        return elements

    def descendants(self, index: int) -> list[dict]:
        return [e for e in self.struct if self.is_under(e, index)]

    def is_under(self, element: dict, index: int) -> bool:
        parent = element["parent"]
        while parent is not None:
            if parent == index:
                return True
            parent = self.struct[parent]["parent"]
        return False

    def struct_pages(self, index: int) -> set[int]:
        pages = set(self.struct[index]["pages"])
        for e in self.descendants(index):
            pages |= e["pages"]
        return pages


@pytest.fixture(scope="session")
def a4(tmp_path_factory) -> Built:
    return Built(build_pdf(tmp_path_factory.mktemp("pdf-a4")))


@pytest.fixture(scope="session")
def letter(tmp_path_factory) -> Built:
    return Built(build_pdf(tmp_path_factory.mktemp("pdf-letter"), {"paper": "letter"}))


# --- the source, read independently of the stylesheets -------------------------------------


@pytest.fixture(scope="session")
def tei() -> etree._ElementTree:
    return xmlsafe.load(SOURCE).tree


def text_of(element, skip_notes: bool = True) -> str:
    """The text content of a TEI element, without the editorial notes inside it
    (a name inside a note is read with its own words)."""
    parts = []
    inner_notes = set(element.xpath(".//t:note", namespaces=NS)) if skip_notes else set()
    for node in element.xpath(".//text()"):
        if inner_notes & set(node.getparent().xpath("ancestor-or-self::t:note", namespaces=NS)):
            continue
        parts.append(str(node))
    return " ".join("".join(parts).split())


def norm(text: str) -> str:
    """Text for comparison: NFKC, case folded, typographic quotes straight, no
    hyphens, no space at all."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"[\-\u2010\u2011\u00ad]", "", text)
    return re.sub(r"\s+", "", text).casefold()


def words(text: str) -> list[str]:
    """Words for comparison (hyphenation at line ends and inside words removed)."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'")
    text = re.sub(r"[\-\u2010\u2011\u00ad]\s*\n\s*", "", text)  # a word broken at a line end
    text = re.sub(r"[\-\u2010\u2011\u00ad]", "", text)
    return re.findall(r"\w+", text.casefold())


def mentions_by_entry(tree) -> dict[str, list[etree._Element]]:
    """Mentions in the text (front, body, back) per register id, in document order."""
    found: dict[str, list[etree._Element]] = {}
    for el in tree.xpath("/t:TEI/t:text//*[(self::t:persName or self::t:placeName or self::t:orgName"
                         " or self::t:name) and @ref]", namespaces=NS):
        found.setdefault(el.get("ref").lstrip("#"), []).append(el)
    return found


def text_chunks(built: Built, page_number: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of every piece of text on a page, in PDF points from the bottom left."""
    chunks: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            chunks.append((x, y, text))

    built.reader.pages[page_number - 1].extract_text(visitor_text=visit)
    return chunks


def line_at(built: Built, page: int, y: float) -> str:
    """The text of the line whose baseline is just below height ``y`` of a page
    (a link's target is the top of the line it points to)."""
    chunks = text_chunks(built, page)
    below = [c for c in chunks if y - 30 <= c[1] <= y + 1]
    if not below:
        return ""
    baseline = max(c[1] for c in below)
    return "".join(t for x, yy, t in sorted(chunks) if abs(yy - baseline) < 1.5)


def section_pages(built: Built, title: str, until: str | None = None) -> range:
    first = next(page for level, t, page in built.outline if t == title)
    last = next((page for level, t, page in built.outline if t == until), None) if until else None
    return range(first, (last if last else len(built.reader.pages) + 1))


def body_pages_and_paragraphs(built: Built, tei) -> list[tuple[etree._Element, int, int]]:
    """Each numbered paragraph with the pages of its first and last words."""
    stream, page_of = built.reading
    found = []
    position = 0
    for p in tei.xpath("/t:TEI/t:text/t:body//t:p[@n]", namespaces=NS):
        expected = words(text_of(p))
        head, tail = expected[:8], expected[-6:]
        start = next(i for i in range(position, len(stream)) if stream[i:i + 8] == head)
        end = next(i for i in range(start, len(stream)) if stream[i:i + 6] == tail)
        found.append((p, page_of[start], page_of[end]))
        position = end
    return found


# --- text ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_paragraph_is_in_the_pdf_in_order(a4, tei):
    stream, page_of = a4.reading
    paragraphs = tei.xpath("/t:TEI/t:text/t:body//t:p[@n]", namespaces=NS)
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, 11)]
    position = 0
    for p in paragraphs:
        expected = words(text_of(p))
        head = expected[:8]
        start = next((i for i in range(position, len(stream) - len(head) + 1)
                      if stream[i:i + len(head)] == head), None)
        assert start is not None, f"¶{p.get('n')}: {' '.join(head)!r} is not in the PDF after the previous paragraph"
        # The other words follow in order, next to each other (but for a
        # page-break mark or a footnote call), on the page or the next (the
        # page furniture is left out), or, after a table or a footnote, on a
        # following page with the next few words together.
        position = start + len(head)
        i = len(head)
        while i < len(expected):
            page = page_of[position - 1]
            near = [j for j in range(position, min(position + 6, len(stream)))
                    if stream[j] == expected[i] and page_of[j] - page in (0, 1)]
            if near:
                position = near[0] + 1
                i += 1
                continue
            run = expected[i:i + 4]
            later = next((j for j in range(position, len(stream) - len(run) + 1)
                          if page_of[j] > page and stream[j:j + len(run)] == run), None)
            assert later is not None, f"¶{p.get('n')}: {' '.join(run)!r} not found after word {position}"
            position = later + len(run)
            i += len(run)


@pytest.mark.slow
def test_characters_outside_ascii_survive(a4):
    text = norm("".join(a4.page_texts))
    for sample in ("İsmail Enver", "июля", "Jahon tarixining muhim sanalari", "¶1", "¶10", "“", "”", "–", "’"):
        assert norm(sample) in text, sample


@pytest.mark.slow
def test_paragraph_numbers_in_the_margin_match_the_source(a4, tei):
    # The ¶ label of every paragraph is on the page where the paragraph starts,
    # left of the text block, on the line of the paragraph's first words.
    for p, first, _ in body_pages_and_paragraphs(a4, tei):
        chunks = text_chunks(a4, first)
        label = [c for c in chunks if c[2].strip() == f"¶{p.get('n')}"]
        assert label, p.get("n")
        x, y, _ = label[0]
        line = "".join(t for xx, yy, t in sorted(chunks) if abs(yy - y) < 1.5 and xx > x)
        assert norm(" ".join(text_of(p).split()[:3])) in norm(line), (p.get("n"), line)
        text_left = min(xx for xx, yy, t in chunks if abs(yy - y) < 1.5 and xx > x)
        assert x < text_left - 5


@pytest.mark.slow
def test_editorial_notes_are_footnotes_on_the_page_of_their_call_linked_both_ways(a4, tei):
    notes = tei.xpath("/t:TEI/t:text//t:note[@type='editorial']", namespaces=NS)
    assert notes
    for note in notes:
        note_text = norm(text_of(note, skip_notes=False))[:60]
        pages = [i + 1 for i, text in enumerate(a4.page_texts) if note_text in norm(text)]
        assert len(pages) == 1, f"note {note.get(XML_ID)} found on pages {pages}"
        page = pages[0]
        lead = norm(text_of_before(note).split()[-1])
        assert lead in norm(a4.page_texts[page - 1]), lead
        # The call links to the note and the note's letter back to the call:
        # two links on the page, each going to where the other is.
        same_page = [link for link in a4.links if link["page"] == page and link["to"] == page]
        pairs = [(a, b) for a in same_page for b in same_page
                 if a is not b and a["rect"][1] - 2 <= b["y"] <= a["rect"][3] + 12
                 and b["rect"][1] - 2 <= a["y"] <= b["rect"][3] + 12]
        assert pairs, f"note {note.get(XML_ID)}: no call and note linked to each other on page {page}"
    # A footnote starts at the text block's left edge, not in the margin.
    for page in range(1, len(a4.reader.pages) + 1):
        chunks = text_chunks(a4, page)
        height = float(a4.reader.pages[page - 1].mediabox.height)
        heads = [x for x, y, t in chunks if y > height - 22 * 72 / 25.4]  # the running head starts the text block
        if not heads:
            continue
        body_left = min(heads)
        for x, y, t in chunks:
            if t.startswith("Editorial note"):
                assert min(xx for xx, yy, tt in chunks if abs(yy - y) < 3) >= body_left - 1, (page, t)


def text_of_before(note) -> str:
    """The text of the note's unit that comes before the note."""
    unit = note.xpath("ancestor::t:p[1] | ancestor::t:bibl[@n][1]", namespaces=NS)[-1]
    parts = []
    for node in unit.xpath(".//text()"):
        if node.getparent().xpath("ancestor-or-self::t:note", namespaces=NS):
            if note in node.getparent().xpath("ancestor-or-self::t:note", namespaces=NS):
                break
            continue
        parts.append(str(node))
    return "".join(parts)


@pytest.mark.slow
def test_citations_link_to_the_reference_list(a4, tei):
    printed = {b.get("n"): b for b in tei.xpath("/t:TEI/t:text/t:back//t:bibl[@n]", namespaces=NS)}
    cited = tei.xpath("/t:TEI/t:text/t:body//t:ref[@type='citation']", namespaces=NS)
    links = [link for link in a4.links if re.fullmatch(r"\[\d+\]", link["text"].strip())]
    assert [link["text"].strip() for link in links] == [text_of(ref) for ref in cited]
    for link in links:
        n = link["text"].strip()[1:-1]
        # the link lands on the line where the printed reference starts
        assert norm(text_of(printed[n]))[:20] in norm(line_at(a4, link["to"], link["y"])), n


# --- page furniture -------------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_shows_n_of_N_and_all_but_the_first_the_running_heads(a4, tei):
    author = " ".join(tei.find(".//t:titleStmt/t:author/t:persName", namespaces=NS).itertext()).split()
    total = len(a4.reader.pages)
    height = float(a4.reader.pages[0].mediabox.height)
    for number in range(1, total + 1):
        chunks = text_chunks(a4, number)
        foot = " ".join(t for x, y, t in sorted(chunks) if y < 24 * 72 / 25.4)
        head = " ".join(t for x, y, t in sorted(chunks) if y > height - 22 * 72 / 25.4)
        assert foot.split() == [str(number), "of", str(total)], (number, foot)
        if number == 1:
            assert not set(author) <= set(head.split()), head
        else:
            assert " ".join(author).casefold() in " ".join(head.split()).casefold(), (number, head)


@pytest.mark.slow
def test_running_heads_page_numbers_and_margin_marks_are_artifacts(a4):
    total = len(a4.reader.pages)
    for number, pieces in enumerate(a4.marked_text, start=1):
        artifacts = " ".join(t for t, tags, _ in pieces if "/Artifact" in tags)
        content = " ".join(t for t, tags, _ in pieces if "/Artifact" not in tags)
        assert f"{number} of {total}" in " ".join(artifacts.split())
        assert f"of {total}" not in content
        if number > 1:
            assert "Warlords" in artifacts
        assert "orig.\xa0p." not in content
        if number < section_pages(a4, "Chronology")[0]:  # the chronology's references name paragraphs
            assert not re.search(r"¶\d", content), number
        # every piece of content text belongs to a structure element (an MCID)
        assert all(tags for t, tags, _ in pieces if t.strip()), number


# --- the structure tree (PDF/UA) ----------------------------------------------------------------


@pytest.mark.slow
def test_pdfua_claims_and_tagged_pdf(a4):
    meta = a4.pike.open_metadata()
    assert meta["pdfuaid:part"] == "1"
    assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
    root = a4.pike.Root
    assert root.MarkInfo.Marked is True
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert str(root.Lang) == "en-US"
    for page in a4.pike.pages:
        assert page.get("/Tabs") == "/S"


@pytest.mark.slow
def test_headings_are_nested(a4, tei):
    levels = [int(e["type"][2:]) for e in a4.struct if re.fullmatch(r"/H\d", e["type"])]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    heads = [text_of(h) for h in tei.xpath("/t:TEI/t:text//t:div[not(@type='keywords')]/t:head", namespaces=NS)]
    assert levels.count(1) == len(heads) + 2  # and Chronology, Index
    assert levels.count(2) == 3  # Persons, Places, Organisations
    assert sum(1 for e in a4.struct if e["type"] == "/Title") == 1


@pytest.mark.slow
def test_a_paragraph_stays_one_element_across_a_page_break(a4, tei):
    crossing = [(p, first, last) for p, first, last in body_pages_and_paragraphs(a4, tei) if first != last]
    assert crossing, "no paragraph crosses a page here: the test proves nothing"
    paragraphs = [i for i, e in enumerate(a4.struct) if e["type"] == "/P"]
    for p, first, last in crossing:
        holders = [i for i in paragraphs if {first, last} <= a4.struct_pages(i)]
        assert len(holders) == 1, (p.get("n"), first, last, holders)


@pytest.mark.slow
def test_tables_have_header_cells(a4, tei):
    tables = [i for i, e in enumerate(a4.struct) if e["type"] == "/Table"]
    # the article's two tables and the chronology
    assert len(tables) == len(tei.xpath("//t:table", namespaces=NS)) + 1
    ids = set()
    for index in tables:
        kinds = [e for e in a4.descendants(index)]
        heads = [e for e in kinds if e["type"] == "/TH"]
        assert heads and all(a4.struct[e["parent"]]["type"] == "/TR" for e in heads)
        assert all(a4.struct[a4.struct[e["parent"]]["parent"]]["type"] == "/THead" for e in heads)
        for th in heads:
            attributes = th["node"]["/A"]
            attributes = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
            assert any(a.get("/Scope") == "/Column" for a in attributes if isinstance(a, pikepdf.Dictionary))
            ids.add(bytes(th["node"]["/ID"]))
        assert sum(1 for e in kinds if e["type"] == "/TD") >= 5
    # the ids the data cells' /Headers name are in the structure tree's IDTree
    id_tree = a4.pike.Root.StructTreeRoot.IDTree
    named = set()
    for kid in [id_tree] + list(id_tree.get("/Kids", [])):
        names = kid.get("/Names", [])
        named |= {bytes(names[i]) for i in range(0, len(names), 2)}
    assert ids <= named


@pytest.mark.slow
def test_editorial_notes_are_tagged_as_notes(a4, tei):
    notes = [e for e in a4.struct if e["type"] == "/Note"]
    assert len(notes) == len(tei.xpath("/t:TEI/t:text//t:note[@type='editorial']", namespaces=NS))


@pytest.mark.slow
def test_links_have_alternate_text_and_structure(a4):
    annots = [a.get_object() for page in a4.reader.pages for a in page.get("/Annots", [])]
    assert len(annots) > 100
    for annot in annots:
        assert annot["/Subtype"] == "/Link"
        assert str(annot["/Contents"]).strip(), annot  # what a screen reader says
        assert "/StructParent" in annot
        assert annot["/F"] == 4  # printable, as PDF/A requires
        assert "/JS" not in annot.get("/A", {})
    # each annotation belongs to a Link element of the structure tree
    parents = pikepdf.NumberTree(a4.pike.Root.StructTreeRoot.ParentTree)
    for annot in annots:
        assert parents[int(annot["/StructParent"])].S == "/Link"


@pytest.mark.slow
def test_passages_in_other_languages_carry_their_language(a4):
    by_lang: dict[str | None, str] = {}
    for pieces in a4.marked_text:
        for text, tags, lang in pieces:
            by_lang[lang] = by_lang.get(lang, "") + text
    assert "Anvar Posho".replace(" ", "") in by_lang.get("uz", "").replace(" ", "")
    assert "ANVAR POSHO".replace(" ", "") in by_lang.get("uz", "").replace(" ", "")
    assert "июля" in by_lang.get("ru", "")
    assert "Jahontarixiningmuhimsanalari" in "".join(by_lang.get("uz", "").split())
    assert "İsmail" in by_lang.get("tr", "")
    english = by_lang.get("en-US", "")
    assert "Basmachi" in english
    assert "Anvar Posho" not in english.replace("Anvar Posho Edition", "").replace("Anvar Posho and the", "")


# --- typography -----------------------------------------------------------------------------


def body_lines(built: Built, tei) -> list[list[str]]:
    """The lines of each numbered paragraph as laid out (pdftotext -layout),
    without the margin marks, the page furniture (running heads, page
    numbers) and the footnotes (from a note's first line to the page's end)."""
    return [[line for page, line in lines] for lines in body_lines_on_pages(built, tei)]


def body_lines_on_pages(built: Built, tei) -> list[list[tuple[int, str]]]:
    """The same, each line with its page."""
    paragraphs = tei.xpath("//t:body//t:p[@n]", namespaces=NS)
    starts = [norm(" ".join(text_of(p).split()[:4])) for p in paragraphs]
    ends = [norm(" ".join(text_of(p).split()[-3:])) for p in paragraphs]
    found: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    for number, page in enumerate(built.layout_pages, start=1):
        for raw in page:
            line = re.sub(r"^\s*(¶\d+|orig\.\s+p\.)\s+", "", raw).strip()
            if re.fullmatch(r"\d+ of \d+", line) or (number > 1 and line.startswith("Artikov Zafar")):
                continue
            if re.match(r"^[a-z]Editorial note", line):
                break  # the footnotes, to the page's end
            if not line:
                continue
            if len(found) < len(paragraphs) and norm(line).startswith(starts[len(found)]):
                current = [(number, line)]
                found.append(current)
            elif current is not None:
                current.append((number, line))
                if norm(" ".join(text for _, text in current[-3:])).endswith(ends[len(found) - 1]):
                    current = None
    assert len(found) == len(paragraphs)
    return found


@pytest.mark.slow
def test_lines_hold_60_to_75_characters(a4, letter, tei):
    for built in (a4, letter):
        lengths = [len(line.replace(SOFT_HYPHEN, "-")) for lines in body_lines(built, tei) for line in lines[:-1]
                   if len(line) > 30]
        assert len(lengths) > 150
        assert 60 <= statistics.median(lengths) <= 75, statistics.median(lengths)
        assert sum(60 <= n <= 77 for n in lengths) / len(lengths) > 0.95, sorted(lengths)


@pytest.mark.slow
def test_hyphenation_is_sparse_and_copyable(a4, tei):
    ends = []
    for lines in body_lines(a4, tei):
        for line in lines[:-1]:
            ends.append(line.endswith((SOFT_HYPHEN, "-", "\u2010")))
            if line.endswith(SOFT_HYPHEN):
                # the fragment before the break and the word's rest after it have three letters or more
                fragment = re.search(r"(\w+)" + SOFT_HYPHEN + "$", line)
                assert fragment and len(fragment[1]) >= 3, line
    runs = "".join("h" if e else "." for e in ends)
    assert "hhh" not in runs, runs
    assert runs.count("h") <= len(runs) / 8
    # A word broken at the line end is joined by a soft hyphen, which copying
    # drops: no U+2010 in the text layer, no hard hyphen that was not in the text.
    text = "".join("\n".join(page) for page in a4.layout_pages)
    assert "\u2010" not in text
    for lines in body_lines(a4, tei):
        for first, second in zip(lines, lines[1:]):
            if first.endswith(SOFT_HYPHEN):
                rest = re.match(r"\w+", second)
                word = re.search(r"(\w+)" + SOFT_HYPHEN + "$", first)[1] + (rest[0] if rest else "")
                assert len(rest[0]) >= 3, (first, second)
                assert word.casefold() in norm("".join(text_of(p) for p in tei.xpath("//t:body//t:p[@n]",
                                                                                     namespaces=NS))), word


@pytest.mark.slow
def test_no_widows_or_orphans(a4, letter, tei):
    # A paragraph broken over pages leaves two lines or more on each.
    for built in (a4, letter):
        for lines in body_lines_on_pages(built, tei):
            pages = [page for page, _ in lines]
            for page in set(pages):
                if len(set(pages)) > 1:
                    assert pages.count(page) >= 2, (page, lines[0][1][:40])


@pytest.mark.slow
def test_no_paragraph_ends_in_a_single_short_word(a4, tei):
    for lines in body_lines(a4, tei):
        assert len(lines[-1].split()) >= 2 or len(lines[-1]) >= 15, lines[-1]


# --- the index ------------------------------------------------------------------------------


def index_links(built: Built) -> list[dict]:
    pages = section_pages(built, "Index")
    return [link for link in built.links if link["page"] in pages and re.fullmatch(r"\d+", link["text"].strip())]


@pytest.mark.slow
def test_every_index_page_number_points_to_a_page_naming_the_entry(a4, tei):
    names = {}
    for entry in tei.xpath("/t:TEI/t:standOff/*/*[@xml:id]", namespaces=NS):
        names[entry.get(XML_ID)] = {norm(text_of(m)) for m in mentions_by_entry(tei).get(entry.get(XML_ID), [])}
    all_forms = {text_of(m) for ms in mentions_by_entry(tei).values() for m in ms}
    links = index_links(a4)
    assert len(links) > 60
    for link in links:
        # the number printed is the page the link goes to ...
        assert link["text"].strip() == str(link["to"]), link
        # ... and the line it lands on ends a name of the index (the anchor
        # follows a name's last letter)
        line = norm(line_at(a4, link["to"], link["y"]))
        assert any(norm(form.split()[-1]) in line for form in all_forms), (link, line)


@pytest.mark.slow
def test_index_lists_each_page_once_per_line(a4):
    lines: dict[tuple[int, float], list[str]] = {}
    for link in index_links(a4):
        width = float(a4.reader.pages[link["page"] - 1].mediabox.width)
        column = link["rect"][0] >= width / 2
        lines.setdefault((link["page"], round(link["rect"][1]), column), []).append(link["text"].strip())
    for where, numbers in lines.items():
        assert len(numbers) == len(set(numbers)), (where, numbers)
        assert [int(n) for n in numbers] == sorted(int(n) for n in numbers), (where, numbers)


@pytest.mark.slow
def test_index_has_every_named_entry_inverted_by_one_rule(a4, tei):
    mentions = mentions_by_entry(tei)
    index_text = norm("".join(a4.page_texts[n - 1] for n in section_pages(a4, "Index")))
    raw = " ".join(a4.page_texts[n - 1] for n in section_pages(a4, "Index"))
    for entry in tei.xpath("/t:TEI/t:standOff/t:listPerson/t:person | /t:TEI/t:standOff/t:listPlace/t:place"
                           " | /t:TEI/t:standOff/t:listOrg/t:org", namespaces=NS):
        if entry.get(XML_ID) not in mentions:
            continue
        for name in entry.xpath("t:persName | t:placeName | t:orgName", namespaces=NS):
            if name.get("type") == "main" and name.find(f"{{{TEI}}}surname") is not None:
                surname = text_of(name.find(f"{{{TEI}}}surname"))
                rest = " ".join(text_of(n) for n in name if n.tag != f"{{{TEI}}}surname")
                assert norm(f"{surname}, {rest}") in index_text, text_of(name)
            elif name.get("type") == "main" and text_of(name).lower().startswith("the "):
                assert norm(text_of(name)[4:] + ", the") in index_text, text_of(name)
            else:
                assert norm(text_of(name)) in index_text, text_of(name)
    assert " see " in " ".join(raw.split())
    assert "((" not in raw and ") (" not in raw and "))" not in raw


@pytest.mark.slow
def test_index_columns_are_balanced(a4):
    pages = section_pages(a4, "Index")
    for number in pages:
        chunks = text_chunks(a4, number)
        width = float(a4.reader.pages[number - 1].mediabox.width)
        heads = sorted((y for x, y, t in chunks if t.strip() in ("Persons", "Places", "Organisations")), reverse=True)
        bottom = min(y for x, y, t in chunks if y > 80)
        bounds = heads + [bottom - 1]
        for top, low in zip(bounds, bounds[1:]):
            part = [(x, y) for x, y, t in chunks if low <= y < top and t.strip()]
            left = {round(y) for x, y in part if x < width / 2 - 20}
            right = {round(y) for x, y in part if x >= width / 2}
            if right:
                assert abs(len(left) - len(right)) <= 2, (number, len(left), len(right))


# --- chronology -----------------------------------------------------------------------------


@pytest.mark.slow
def test_chronology_lists_the_events_in_date_order_with_ranges_shortened(a4, tei):
    text = norm("".join(a4.page_texts[n - 1] for n in section_pages(a4, "Chronology", "Index")))
    events = tei.xpath("/t:TEI/t:standOff/t:listEvent/t:event", namespaces=NS)

    def start(event):  # what neither source dates comes last
        return (event.get("when") or event.get("from") or event.get("notBefore") or "~").ljust(10, "0")

    positions = [text.find(norm(event.findtext(f"{{{TEI}}}eventName"))) for event in sorted(events, key=start)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert norm("3–24 July 1908") in text
    # World War I, which neither source dates, is listed undated: no year is invented.
    assert norm("undated World War I") in text and norm("1914–1918") not in text
    assert norm("3 July 1908–24 July 1908") not in text


@pytest.mark.slow
def test_chronology_prints_the_page_each_reference_goes_to(a4):
    checked = 0
    for link in a4.links:
        if link["page"] in section_pages(a4, "Chronology", "Index") and "(p." in link["text"]:
            assert re.search(r"\(p\.\s?(\d+)\)", link["text"])[1] == str(link["to"]), link
            checked += 1
    assert checked > 20


# --- the file -------------------------------------------------------------------------------


@pytest.mark.slow
def test_outline_matches_the_headings(a4, tei):
    heads = [text_of(h) for h in tei.xpath("/t:TEI/t:text//t:div[not(@type='keywords')]/t:head", namespaces=NS)]
    assert [t for _, t, _ in a4.outline] == [*heads, *APPENDIX_HEADINGS]
    levels = {t: level for level, t, _ in a4.outline}
    assert levels["Introduction"] == 1 and levels["Persons"] == 2
    for level, heading, page in a4.outline:
        assert norm(heading) in norm(a4.page_texts[page - 1]), heading


@pytest.mark.slow
def test_document_metadata_comes_from_the_tei(a4, tei):
    meta = a4.reader.metadata
    header = tei.find(f"{{{TEI}}}teiHeader")
    main = " ".join(header.findtext(f".//{{{TEI}}}titleStmt/{{{TEI}}}title[@type='main']").split())
    sub = " ".join(header.findtext(f".//{{{TEI}}}titleStmt/{{{TEI}}}title[@type='sub']").split())
    author = text_of(header.find(f".//{{{TEI}}}titleStmt/{{{TEI}}}author/{{{TEI}}}persName"))
    abstract = text_of(header.find(f".//{{{TEI}}}profileDesc/{{{TEI}}}abstract"))
    keywords = [text_of(t) for t in header.iterfind(f".//{{{TEI}}}keywords/{{{TEI}}}term")]
    when = header.find(f"{{{TEI}}}fileDesc/{{{TEI}}}publicationStmt/{{{TEI}}}date").get("when")
    assert meta.title == f"{main}: {sub}"
    assert meta.author == author
    assert meta.subject == abstract
    assert meta["/Keywords"] == ", ".join(keywords)
    stamp = "D:" + when.replace("-", "") + "000000Z"
    assert meta["/CreationDate"].startswith(stamp[:10]) and meta["/ModDate"] == meta["/CreationDate"]
    xmp = a4.pike.open_metadata()
    assert xmp["dc:title"] == f"{main}: {sub}"
    assert xmp["dc:creator"] == [author]
    assert xmp["xmp:CreateDate"].startswith(when)


@pytest.mark.slow
def test_qpdf_finds_no_structural_error(a4):
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        missing_tool("qpdf not installed", "CI must check the PDF with it")
    result = subprocess.run([qpdf, "--check", str(a4.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.slow
def test_tei_source_is_attached_as_source(a4):
    source = SOURCE.read_bytes()
    assert a4.reader.attachments == {"article.xml": [source]}
    associated = [ref.get_object() for ref in a4.reader.trailer["/Root"]["/AF"]]
    assert len(associated) == 1
    spec = associated[0]
    assert spec["/Type"] == "/Filespec" and spec["/UF"] == "article.xml"
    assert spec["/AFRelationship"] == "/Source"
    stream = spec["/EF"]["/F"].get_object()
    assert stream.get_data() == source
    assert stream["/Subtype"] == "/application/tei+xml"
    assert stream["/Params"]["/ModDate"] == "D:20261124000000Z"


@pytest.mark.slow
def test_fonts_are_the_compilers_own_embedded_and_cover_every_character(a4, tei):
    fonts = {}
    for page in a4.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        # Libertinus Serif only: a character it lacks would have fallen back to another font
        assert re.fullmatch(r"/[A-Z]{6}\+LibertinusSerif-[A-Za-z]+(-Identity-H)?", name), name
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
    printed = unicodedata.normalize("NFC", "".join(a4.page_texts))
    text = unicodedata.normalize("NFC", text_of(tei.find(f"{{{TEI}}}text")))
    assert {c for c in text if not c.isspace() and c not in "'\""} <= set(printed)


@pytest.mark.slow
def test_typesetting_gives_no_warnings(a4, letter):
    assert a4.stderr == "" and letter.stderr == ""


@pytest.mark.slow
def test_paper_sizes(a4, letter):
    for page in a4.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for page in letter.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    assert "Organisations" in "".join(letter.page_texts)


def test_unknown_paper_is_refused_before_anything_is_typeset(tmp_path):
    with pytest.raises(BuildError, match="paper must be 'a4' or 'letter'"):
        build_pdf(tmp_path, {"paper": "a5"})
    assert not (tmp_path / "pdf" / "article.pdf").exists()


def test_a_typst_error_is_a_finding_of_print_xsl():
    from tei_edition.steps_pdf import typeset

    with pytest.raises(BuildError) as caught:
        typeset('#set document(title: "t")\n#let x = \n', SOURCE.name, b"")
    (finding,) = caught.value.findings
    assert finding.path == "xslt/print.xsl" and finding.rule == "typst" and finding.severity == "error"
    assert finding.message == "expected expression (line 2, column 8 of the Typst document it wrote)"


@pytest.mark.slow
def test_two_builds_are_byte_identical(a4, tmp_path):
    # The second build in another interpreter, with other hash seeds (set and
    # dict orders), at another time and in another folder.
    script = textwrap.dedent(f"""
        from pathlib import Path
        from tei_edition import build
        build.build(out_dir={str(tmp_path / "again")!r}, formats=["pdf"])
    """)
    for seed in ("1", "4242"):
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600,
                                env={**os.environ, "PYTHONHASHSEED": seed, "TZ": "Pacific/Kiritimati"})
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "again" / "pdf" / "article.pdf").read_bytes() == a4.path.read_bytes(), seed


def test_building_html_alone_does_not_import_typst(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from tei_edition import build
        build.load_step("pdf")
        build.build(out_dir={str(tmp_path / "out")!r}, formats=["html"], params={{"paper": "letter"}})
        print(sorted(m for m in sys.modules if m.split(".")[0] == "typst"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- one escaping function per Typst context (print-escape.xsl) --------------------------------

# Every character Typst markup gives meaning to, alone, at a line's start, inside
# a word, after a function call, and the constructs they make.
SPECIALS = "#$*_`<>@[]\\/~=-+.:;(){}'\"|"
MARKUP_CASES = [
    *SPECIALS,
    *(f"word{c}word" for c in SPECIALS),
    *(f"\n{c} line" for c in SPECIALS),
    "// a comment", "/* a block comment */", "a // b", "#import \"x.typ\"", "#read(\"/etc/passwd\")",
    "#let x = 1", "$x^2$", "<label>", "@ref", "= Heading", "- item", "+ item", "/ term: description",
    "1. item", "*bold*", "_emph_", "`raw`", "```py raw```", "\\u{41}", "\\", "~", "--", "---", "...", "-?",
    "https://example.org/a_b*c", "]#[", "a;b", "(x)", ".field", "\u2028= after a line separator",
    "\u0085+ after NEL", "line\n\nbreak", "'single' and \"double\" quotes", "Enver Pasha's",
    "#{panic()}", "#[#panic()]", "\\#escaped", "[1]", "x<y>z", "a\\\nb",
]


def escape_with_saxon(function: str, cases: list[str], select: str = "parse-json($cases)?*") -> list[str]:
    """Each case (or each string ``select`` gives) through ``pr:<function>`` of
    xslt/print-escape.xsl, run by Saxon."""
    from tei_edition.transform import processor

    sheet = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:pr="urn:x-anvar-posho-edition:print">
      <xsl:import href="{(paths.ROOT / 'xslt' / 'print-escape.xsl').as_uri()}"/>
      <xsl:param name="cases"/>
      <xsl:output method="json"/>
      <xsl:template name="xsl:initial-template">
        <xsl:sequence select="array {{ ({select}) ! pr:{function}(.) }}"/>
      </xsl:template>
    </xsl:stylesheet>"""
    xslt = processor().new_xslt30_processor()
    executable = xslt.compile_stylesheet(stylesheet_text=sheet)
    executable.set_parameter("cases", processor().make_string_value(json.dumps(cases)))
    return json.loads(executable.call_template_returning_string(None))


def typst_query(document: str, label: str):
    import typst

    return json.loads(typst.query(document.encode("utf-8"), f"<{label}>", field="value", one=True))


def test_markup_escaping_leaves_nothing_but_text(tmp_path):
    escaped = escape_with_saxon("markup", MARKUP_CASES)
    # Each case in a content block, right after a function call: what Typst
    # makes of it holds only text, spaces and smart quotes, and its text is the
    # case's, white space collapsed.
    document = textwrap.dedent("""\
        #let flat(c) = if c.has("children") { c.children.map(flat).flatten() } else if c.has("body") { flat(c.body) } else { (c,) }
        #let kinds(c) = flat(c).map(x => repr(x.func())).dedup()
        #let plain(c) = flat(c).map(x => if x.has("text") { x.text } else if x.func() == smartquote { if x.double { "\\"" } else { "'" } } else if x.func() == [ ].func() { " " } else { "?" }).join()
        #let cases = (
        """)
    for case in escaped:
        document += f"  [#emph[x]{case}],\n"
    document += ")\n#metadata(cases.map(c => (kinds(c), plain(c)))) <probe>\n"
    results = typst_query(document, "probe")
    assert len(results) == len(MARKUP_CASES)
    for case, (kinds, plain) in zip(MARKUP_CASES, results):
        assert set(kinds) <= {"text", "symbol", "space", "smartquote", "emph"}, (case, kinds)
        expected = "x" + re.sub(r"[\s\u0085\u2028\u2029]+", " ", case)
        assert plain == expected, (case, plain)


def test_string_escaping_gives_the_same_string():
    cases = [*MARKUP_CASES, '"', '\\"', 'a"b\\c', "\\n", "\\u{41}", "\" + read(\"/etc/passwd\") + \""]
    escaped = escape_with_saxon("string", cases)
    document = "#metadata((" + "".join(f"{s}, " for s in escaped) + ")) <probe>\n"
    values = typst_query(document, "probe")
    assert values == [" ".join(c.replace("\u0085", " ").replace("\u2028", " ").split()) for c in cases]


UNPRINTABLE = {"\U0001f600": "[U+1F600]", "\ufeff": "[U+FEFF]", "\ue000": "[U+E000]", "\U0010fffd": "[U+10FFFD]", "\u0627": "[U+0627]",
               "\u4e2d": "[U+4E2D]", "\u200b": "[U+200B]", "\u3000": " ", "\u00ad": "\u00ad"}


def test_characters_the_fonts_lack_are_printed_as_their_code():
    cases = [f"a{c}b" for c in UNPRINTABLE]
    assert escape_with_saxon("markup", cases) == [
        "a" + re.sub(r"([\[\]+])", r"\\\1", code) + "b" for code in UNPRINTABLE.values()]
    assert escape_with_saxon("string", cases) == [f'"a{code}b"' for code in UNPRINTABLE.values()]


@pytest.mark.slow
def test_every_printable_character_can_be_set_in_pdfa_and_pdfua():
    import typst

    # All of the repertoire at once, as the pdf step compiles it.
    text = escape_with_saxon("markup", [], select="string-join((33 to 55295, 57344 to 65533) ! codepoints-to-string(.)"
                                                  "[matches(., '[' || $pr:repertoire || ']')], ' ')")[0]
    assert len(text) > 3000
    document = f'#set document(title: "t")\n#set text(font: "Libertinus Serif", lang: "en")\n{text}\n'
    compiler = typst.Compiler(font_paths=typst.Fonts(include_system_fonts=False), ignore_system_fonts=True)
    assert compiler.compile(input=document.encode("utf-8"), format="pdf", pdf_standards=["a-3b", "ua-1"])


# --- looking at the pages -------------------------------------------------------------------------


@pytest.mark.slow
def test_pages_render_to_png(a4, letter):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        missing_tool("pdftoppm (poppler-utils) not installed", "CI must check the PDF with it")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    for name, built in (("a4", a4), ("letter", letter)):
        subprocess.run([pdftoppm, "-r", "60", "-png", str(built.path), str(ARTIFACTS / name)], check=True)
        pngs = sorted(ARTIFACTS.glob(f"{name}-*.png"))
        assert len(pngs) == len(built.reader.pages)
        for png in pngs:
            data = png.read_bytes()
            assert data.startswith(b"\x89PNG") and len(data) > 5000, png  # not a blank page


# --- the PDF agrees with the other outputs -------------------------------------------------------


@pytest.mark.slow
def test_the_pdf_chronology_holds_the_items_of_the_model_that_stats_and_the_data_count(a4, tmp_path):
    """The print chronology has one row per item of the shared model's chronology:
    as many as `edition stats` counts and as chronology.json holds."""
    from conftest import run_step
    from tei_edition.stats import edition_stats

    tables = [i for i, e in enumerate(a4.struct) if e["type"] == "/Table"]
    assert len(tables) == 3  # Table 1, Table 2, the chronology
    chronology = tables[-1]
    rows = [e for e in a4.struct if e["type"] == "/TR" and a4.is_under(e, chronology)]
    header_rows = 1
    data = json.loads((run_step("data", tmp_path) / "chronology.json").read_text(encoding="utf-8"))
    assert len(rows) - header_rows == len(data["chronology"]) == edition_stats(SOURCE)["chronology"] > 20
