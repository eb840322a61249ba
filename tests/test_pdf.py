"""The print PDF (issue 4): xslt/print.xsl + WeasyPrint -> output/pdf/article.pdf.

The PDF is built for real (no mocks) once per session in A4, and once more in
US Letter and a second time in A4 for the tests that need them. Expectations
are read from the TEI source with lxml, not from the stylesheet, so that a test
fails when the PDF stops saying what the source says.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
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

SOURCE = paths.DEFAULT_SOURCE
ARTIFACTS = paths.ROOT / "tests" / "artifacts" / "pdf"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
APPENDIX_HEADINGS = ["Chronology", "Index", "Persons", "Places", "Organisations"]


# --- building ---------------------------------------------------------------------------


def build_pdf(out_dir: Path, params: dict | None = None) -> Path:
    """Run the real pdf step on the edition's source into ``out_dir``; what it
    reports on stderr (WeasyPrint's warnings) is kept in ``out_dir/stderr.txt``."""
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
        self.stderr = (path.parent.parent / "stderr.txt").read_text(encoding="utf-8")

    @cached_property
    def page_texts(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    @cached_property
    def destinations(self) -> dict[str, int]:
        """Named destination (anchor) -> 1-based page number."""
        return {
            name: self.reader.get_destination_page_number(dest) + 1
            for name, dest in self.reader.named_destinations.items()
        }

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
    """The text content of a TEI element, without its editorial notes."""
    parts = []
    for node in element.xpath(".//text()"):
        if skip_notes and node.getparent().xpath("ancestor-or-self::t:note", namespaces=NS):
            continue
        parts.append(str(node))
    return " ".join("".join(parts).split())


def norm(text: str) -> str:
    """Text for comparison: NFKC, case folded, no hyphens, no space at all."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\-\u2010\u2011\u00ad]", "", text)
    return re.sub(r"\s+", "", text).casefold()


def words(text: str) -> list[str]:
    """Words for comparison (hyphenation at line ends and inside words removed)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\-\u2010\u2011\u00ad]\s*\n\s*", "", text)  # a word broken at a line end
    text = re.sub(r"[\-\u2010\u2011\u00ad]", "", text)
    return re.findall(r"\w+", text.casefold())


def mentions_by_entry(tree) -> dict[str, list[etree._Element]]:
    """Mentions in the text (front, body, back) per register id, in document order:
    the n-th is the one whose anchor is m-<id>-<n>."""
    found: dict[str, list[etree._Element]] = {}
    for el in tree.xpath("/t:TEI/t:text//*[(self::t:persName or self::t:placeName or self::t:orgName"
                         " or self::t:name) and @ref]", namespaces=NS):
        found.setdefault(el.get("ref").lstrip("#"), []).append(el)
    return found


# --- text ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_paragraph_is_in_the_pdf_in_order(a4, tei):
    stream: list[str] = []
    page_of: list[int] = []
    for number, text in enumerate(a4.page_texts, start=1):
        page_words = words(text)
        stream += page_words
        page_of += [number] * len(page_words)
    paragraphs = tei.xpath("/t:TEI/t:text/t:body//t:p[@n]", namespaces=NS)
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, 11)]
    position = 0
    for p in paragraphs:
        expected = words(text_of(p))
        # The paragraph starts where its first eight words stand together, after
        # the previous paragraph ...
        head = expected[:8]
        start = next((i for i in range(position, len(stream) - len(head) + 1)
                      if stream[i:i + len(head)] == head), None)
        assert start is not None, f"¶{p.get('n')}: {' '.join(head)!r} is not in the PDF after the previous paragraph"
        # ... and its other words follow in order: next to each other on a page
        # (but for a ¶ or page-break mark, a footnote call), or, where the page
        # ends, on a following page with the next few words together (the
        # page's furniture comes between).
        position = start + len(head)
        i = len(head)
        while i < len(expected):
            page = page_of[position - 1]
            near = [j for j in range(position, min(position + 6, len(stream)))
                    if stream[j] == expected[i] and page_of[j] == page]
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
    text = unicodedata.normalize("NFC", "".join(a4.page_texts))
    for sample in ("İsmail Enver", "июля", "Jahon tarixining muhim sanalari", "¶1", "¶10", "“", "”", "–"):
        assert sample in text, sample


@pytest.mark.slow
def test_paragraph_numbers_in_the_margin_match_the_source(a4, tei):
    # The ¶ label of every paragraph lies on the page where the paragraph starts.
    for p in tei.xpath("/t:TEI/t:text/t:body//t:p[@n]", namespaces=NS):
        page = a4.destinations[p.get(XML_ID)]
        assert f"¶{p.get('n')}" in a4.page_texts[page - 1], p.get("n")


@pytest.mark.slow
def test_editorial_notes_are_footnotes_on_the_page_of_their_call(a4, tei):
    notes = tei.xpath("/t:TEI/t:text//t:note[@type='editorial']", namespaces=NS)
    assert notes
    for note in notes:
        note_text = norm(text_of(note, skip_notes=False))[:60]
        pages = [i + 1 for i, text in enumerate(a4.page_texts) if note_text in norm(text)]
        assert len(pages) == 1, f"note {note.get(XML_ID)} found on pages {pages}"
        # The footnote body carries the note's id; the words just before the
        # call are on that page too (a float: footnote lands where it is called).
        assert a4.destinations[note.get(XML_ID)] == pages[0]
        lead = norm(" ".join(text_of_before(note).split()[-4:]))
        assert lead in norm(a4.page_texts[pages[0] - 1]), lead


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
    refs = tei.xpath("/t:TEI/t:text/t:back//t:bibl[@corresp]", namespaces=NS)
    by_record = {b.get("corresp").lstrip("#"): b for b in refs}
    cited = tei.xpath("/t:TEI/t:text/t:body//t:ref[@type='citation']", namespaces=NS)
    assert cited
    ordinals: dict[str, int] = {}
    for ref in cited:
        record = ref.get("target").lstrip("#")
        ordinals[record] = ordinals.get(record, 0) + 1
        printed = by_record[record]
        target = printed.get(XML_ID)
        # On the page of the citation (its anchor cite-<record>-<n>), a link
        # goes to the printed reference, and that page shows the reference.
        page = a4.destinations[f"cite-{record}-{ordinals[record]}"]
        dests = {str(a.get_object().get("/Dest")) for a in a4.reader.pages[page - 1].get("/Annots", [])}
        assert target in dests, f"no link to {target} on page {page}"
        assert norm(text_of(printed))[:40] in norm(a4.page_texts[a4.destinations[target] - 1])


# --- page furniture -------------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_shows_its_number_and_all_but_the_first_the_running_heads(a4, tei):
    """The back matter is laid out apart from the article (pdf.py): its pages
    must still number on from the article's and carry the running heads."""
    author = " ".join(tei.find(".//t:titleStmt/t:author/t:persName", namespaces=NS).itertext()).split()
    height = float(a4.reader.pages[0].mediabox.height)
    for number in range(1, len(a4.reader.pages) + 1):
        chunks = text_chunks(a4, number)
        foot = "".join(t for x, y, t in sorted(chunks, key=lambda c: c[0]) if y < 24 * 72 / 25.4).split()
        head = " ".join(t for x, y, t in sorted(chunks, key=lambda c: c[0]) if y > height - 22 * 72 / 25.4)
        assert foot == [str(number)], (number, foot)
        if number == 1:
            assert not set(author) <= set(head.split()), head
        else:
            assert " ".join(author) in " ".join(head.split()), (number, head)


# --- the index ------------------------------------------------------------------------------


def index_pages(built: Built) -> range:
    first = next(page for level, title, page in built.outline if title == "Index")
    return range(first, len(built.reader.pages) + 1)


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


def page_link_texts(built: Built, page_number: int) -> dict[str, list[str]]:
    """Internal links on a page: destination -> the text printed inside each of its boxes."""
    chunks = text_chunks(built, page_number)
    links: dict[str, list[str]] = {}
    for annot in built.reader.pages[page_number - 1].get("/Annots", []):
        annot = annot.get_object()
        if "/Dest" not in annot:
            continue
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
        x1, x2 = sorted((x1, x2))
        y1, y2 = sorted((y1, y2))
        inside = "".join(t for x, y, t in chunks if x1 - 0.5 <= x < x2 - 0.5 and y1 <= y <= y2)
        links.setdefault(str(annot["/Dest"]), []).append(inside)
    return links


def page_links(built: Built, page_number: int) -> dict[str, set[str]]:
    """Internal links on a page: destination -> the digits printed inside the link's boxes."""
    return {dest: {d for text in texts for d in re.findall(r"\d+", text)}
            for dest, texts in page_link_texts(built, page_number).items()}


@pytest.mark.slow
def test_every_index_page_number_points_to_a_page_naming_the_entry(a4, tei):
    mentions = mentions_by_entry(tei)
    checked = 0
    for number in index_pages(a4):
        for dest, printed in page_links(a4, number).items():
            m = re.fullmatch(r"m-(.+)-(\d+)", dest)
            if not m:
                continue
            entry, ordinal = m[1], int(m[2])
            mention = mentions[entry][ordinal - 1]
            target = a4.destinations[dest]
            # the number printed is the page the link goes to ...
            assert printed == {str(target)}, f"{dest}: prints {printed}, goes to page {target}"
            # ... and that page names the entry in the form the text uses there
            assert norm(text_of(mention)) in norm(a4.page_texts[target - 1]), (dest, text_of(mention), target)
            checked += 1
    assert checked > 50


@pytest.mark.slow
def test_index_lists_each_page_once_per_line(a4, tei):
    """Per entry, one link per page for all its mentions and one per page for
    each form the text uses (when it uses more than one)."""
    mentions = mentions_by_entry(tei)
    registers = tei.xpath("/t:TEI/t:standOff/t:listPerson/t:person | /t:TEI/t:standOff/t:listPlace/t:place"
                          " | /t:TEI/t:standOff/t:listOrg/t:org", namespaces=NS)
    expected = 0
    for entry in registers:
        found = mentions.get(entry.get(XML_ID), [])
        if not found:
            continue
        anchors = [f"m-{entry.get(XML_ID)}-{i}" for i in range(1, len(found) + 1)]
        expected += len({a4.destinations[a] for a in anchors})
        forms: dict[str, set[int]] = {}
        for anchor, mention in zip(anchors, found):
            # A mention inside an editorial note (footnote) is read with its own words.
            in_note = bool(mention.xpath("ancestor::t:note", namespaces=NS))
            forms.setdefault(text_of(mention, skip_notes=not in_note).lower(), set()).add(a4.destinations[anchor])
        if len(forms) > 1:
            expected += sum(len(pages) for pages in forms.values())
    links = 0
    for number in index_pages(a4):
        page = a4.reader.pages[number - 1]
        # WeasyPrint may give one link several boxes (the number, the comma): count
        # each link once, by its destination and its line.
        seen = set()
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            dest = str(annot.get("/Dest", ""))
            if dest.startswith("m-"):
                seen.add((dest, round(float(annot["/Rect"][1]), 1)))
        links += len(seen)
    assert links == expected


@pytest.mark.slow
def test_index_has_every_named_entry_and_its_other_names(a4, tei):
    mentions = mentions_by_entry(tei)
    index_text = "".join(a4.page_texts[n - 1] for n in index_pages(a4))
    for entry in tei.xpath("/t:TEI/t:standOff/t:listPerson/t:person | /t:TEI/t:standOff/t:listPlace/t:place"
                           " | /t:TEI/t:standOff/t:listOrg/t:org", namespaces=NS):
        ident = entry.get(XML_ID)
        if ident not in mentions:
            continue
        assert f"ix-{ident}" in a4.destinations, ident
        for name in entry.xpath("t:persName | t:placeName | t:orgName", namespaces=NS):
            if name.get("type") == "main" and name.find(f"{{{TEI}}}surname") is not None:
                # indexed under the surname: "Kakurin, Nikolai E."
                surname = text_of(name.find(f"{{{TEI}}}surname"))
                rest = " ".join(text_of(n) for n in name if n.tag != f"{{{TEI}}}surname")
                assert norm(f"{surname}, {rest}") in norm(index_text), (ident, text_of(name))
            elif name.get("type") == "main" and text_of(name).lower().startswith("the "):
                # indexed without the article: "Caliph, the"
                assert norm(text_of(name)[4:] + ", the") in norm(index_text), (ident, text_of(name))
            else:
                assert norm(text_of(name)) in norm(index_text), (ident, text_of(name))
    assert "see" in index_text


# --- chronology -----------------------------------------------------------------------------


@pytest.mark.slow
def test_chronology_lists_the_events_in_date_order(a4, tei):
    first = next(page for level, title, page in a4.outline if title == "Chronology")
    last = next(page for level, title, page in a4.outline if title == "Index")
    text = norm("".join(a4.page_texts[first - 1:last - 1]))
    events = tei.xpath("/t:TEI/t:standOff/t:listEvent/t:event", namespaces=NS)

    def start(event):
        return (event.get("when") or event.get("from") or event.get("notBefore")).ljust(10, "0")

    positions = [text.find(norm(event.findtext(f"{{{TEI}}}eventName"))) for event in sorted(events, key=start)]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert "¶" in text


@pytest.mark.slow
def test_chronology_prints_the_page_each_reference_goes_to(a4):
    first = next(page for level, title, page in a4.outline if title == "Chronology")
    last = next(page for level, title, page in a4.outline if title == "Index")
    checked = 0
    for number in range(first, last):
        for dest, texts in page_link_texts(a4, number).items():
            printed = {m for text in texts for m in re.findall(r"\(p\. ?(\d+)\)", text)}
            assert printed == {str(a4.destinations[dest])}, (dest, texts)
            checked += 1
    assert checked > 20


# --- the file -------------------------------------------------------------------------------


@pytest.mark.slow
def test_outline_matches_the_headings(a4, tei):
    header = tei.find(f"{{{TEI}}}teiHeader/{{{TEI}}}fileDesc/{{{TEI}}}titleStmt")
    title = " ".join(header.findtext(f"{{{TEI}}}title[@type='main']").split()) + ": " + " ".join(
        header.findtext(f"{{{TEI}}}title[@type='sub']").split())
    heads = [text_of(h) for h in tei.xpath("/t:TEI/t:text//t:div/t:head", namespaces=NS)]
    assert [t for _, t, _ in a4.outline] == [title, *heads, *APPENDIX_HEADINGS]
    levels = {t: level for level, t, _ in a4.outline}
    assert levels["Introduction"] == 1 and levels["Persons"] == 2
    for level, heading, page in a4.outline[1:]:
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
    assert meta["/CreationDate"] == stamp and meta["/ModDate"] == stamp
    assert a4.reader.trailer["/Root"]["/Lang"] == tei.getroot().get("{http://www.w3.org/XML/1998/namespace}lang")

    xmp = a4.reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert f"<xmp:CreateDate>{when}T00:00:00Z</xmp:CreateDate>" in xmp
    assert f">{main}: {sub}</rdf:li>" in xmp
    assert f"<rdf:li>{author}</rdf:li>" in xmp


@pytest.mark.slow
def test_pdfa_structure(a4):
    root = a4.reader.trailer["/Root"]
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intents[0].get_object()
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject): tagged
    assert "/StructTreeRoot" in root
    assert "/Encrypt" not in a4.reader.trailer
    assert len(a4.reader.trailer["/ID"]) == 2
    for page in a4.reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert annot["/F"] == 4  # printable, as PDF/A requires
            assert "/JS" not in annot.get("/A", {})
            if "/Dest" in annot:  # a tagged link says where it goes, not the anchor's name
                assert str(annot["/Contents"]).startswith("Go to page ")
    data = a4.path.read_bytes()
    assert data.startswith(b"%PDF-1.7\n%")
    assert all(byte > 127 for byte in data[10:14])  # the binary comment PDF/A asks for
    assert data.rstrip().endswith(b"%%EOF")


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
    root = a4.reader.trailer["/Root"]
    associated = [ref.get_object() for ref in root["/AF"]]
    assert len(associated) == 1
    spec = associated[0]
    assert spec["/Type"] == "/Filespec" and spec["/UF"] == "article.xml"
    assert spec["/AFRelationship"] == "/Source"
    stream = spec["/EF"]["/F"].get_object()
    assert stream.get_data() == source
    assert stream["/Subtype"] in ("/text/xml", "/application/xml", "/application/tei+xml")
    assert stream["/Params"]["/ModDate"] == "D:20261124000000Z"


def fonts_used(reader) -> dict[str, dict]:
    found = {}
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
    return found


@pytest.mark.slow
def test_every_font_is_dejavu_embedded_and_subset(a4):
    fonts = fonts_used(a4.reader)
    assert fonts
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+DejaVu-[A-Za-z-]+", name), name
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
            "/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
    assert {"Serif", "Sans"} <= {n.split("+DejaVu-")[1].split("-")[0] for n in fonts}


@pytest.mark.slow
def test_the_fonts_have_a_glyph_for_every_character(a4):
    # Only DejaVu is used (above); no character of the text may fall back to
    # the .notdef glyph, which PDF/A forbids: every one is in a DejaVu face.
    from fontTools.ttLib import TTFont

    fc_match = shutil.which("fc-match")
    if fc_match is None:
        pytest.skip("fc-match (fontconfig) not installed")
    serif = Path(subprocess.run([fc_match, "-f", "%{file}", "DejaVu Serif"], capture_output=True, text=True,
                                check=True).stdout)
    assert serif.name.startswith("DejaVuSerif"), serif
    covered: set[int] = set()
    for face in serif.parent.glob("DejaVu*.ttf"):
        covered |= set(TTFont(str(face), lazy=True).getBestCmap())
    used = {c for text in a4.page_texts for c in text if not c.isspace()}
    assert {"İ", "ю", "я", "¶", "“", "”"} <= used
    assert sorted(c for c in used if ord(c) not in covered) == []


@pytest.mark.slow
def test_rendering_gives_no_warnings(a4, letter):
    assert a4.stderr == "" and letter.stderr == ""


@pytest.mark.slow
def test_pdffonts_reports_every_font_embedded(a4):
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        missing_tool("pdffonts (poppler-utils) not installed", "CI must check the PDF with it")
    lines = subprocess.run([pdffonts, str(a4.path)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line.split() for line in lines[2:] if line.strip()]
    assert rows
    for row in rows:
        # name type... encoding emb sub uni object ID: emb/sub/uni are the 5th-3rd from the end
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


@pytest.mark.slow
def test_paper_sizes(a4, letter):
    for page in a4.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for page in letter.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    # The same text in both: the last heading of the index is there.
    assert "Organisations" in letter.page_texts[-1] or "Organisations" in "".join(letter.page_texts)


def test_unknown_paper_is_refused_before_anything_is_rendered(tmp_path):
    with pytest.raises(BuildError, match="paper must be 'a4' or 'letter'"):
        build_pdf(tmp_path, {"paper": "a5"})
    assert not (tmp_path / "pdf" / "article.pdf").exists()


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
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "again" / "pdf" / "article.pdf").read_bytes() == a4.path.read_bytes(), seed


# --- the page numbers written into the back matter, on their own ----------------------------


BACK_MATTER = ('<!DOCTYPE html><html><head><title>t</title></head><body><main id="a"></main>'
               '<section data-part="back"><p><a class="unit-ref" href="#c">¶2</a></p><p>'
               '<span class="locators"><a class="pg" href="#a"></a><a class="pg" href="#b"></a>'
               '<a class="pg" href="#c"></a>, and<a class="pg" href="#b"></a></span>'
               '<span class="locators"><a class="pg" href="#b"></a></span></p></section></body></html>')


def test_the_back_matter_is_split_off_after_a_stand_in_page():
    from tei_edition.pdf import split_parts

    article, back = split_parts(BACK_MATTER)
    assert [child.tag for child in article.find("body")] == ["main"]
    assert [child.tag for child in back.find("body")] == ["div", "section"]
    assert back.find("body")[0].text is None and len(back.find("body")[0]) == 0  # the empty stand-in
    assert article.findtext("head/title") == back.findtext("head/title") == "t"


def test_page_numbers_are_written_once_per_page_in_each_list():
    from tei_edition.pdf import split_parts, write_page_numbers

    _, back = split_parts(BACK_MATTER)
    removed = write_page_numbers(back, {"a": 1, "b": 1, "c": 2}, first_page=4)
    html = etree.tostring(back, encoding="unicode", method="html")
    assert removed == 2
    # The first link to each page of a list is kept and numbered; the text after a
    # removed link stays; each list has its own pages.
    assert re.findall(r'href="#(\w)">(\d*)</a>', html) == [("a", "1"), ("c", "2"), ("b", "1")]
    assert '<a class="pg" href="#c">2</a>, and</span>' in html
    # The chronology's link carries its page for the style sheet's ::after.
    assert '<a class="unit-ref" href="#c" data-page="2">' in html
    # The back matter's pages are numbered on from the article's: its stand-in
    # first page is page 3, so its first page of text is page 4.
    assert back.findall("head/style")[-1].text == "@page :first { counter-reset: page 3; }"


def test_a_link_to_an_anchor_the_article_lacks_fails_the_build():
    from tei_edition.pdf import split_parts, write_page_numbers

    _, back = split_parts(BACK_MATTER)
    with pytest.raises(BuildError, match=r"1 anchor\(s\) the article does not have: #c"):
        write_page_numbers(back, {"a": 1, "b": 1}, first_page=2)


def test_print_html_without_back_matter_is_refused():
    from tei_edition.pdf import split_parts

    with pytest.raises(BuildError, match='data-part="back"'):
        split_parts(BACK_MATTER.replace(' data-part="back"', ""))


# --- WeasyPrint is loaded only for the PDF ------------------------------------------------------


def test_building_html_alone_does_not_import_weasyprint(tmp_path):
    # The real build of the HTML, in a fresh interpreter that has also imported
    # the command line and the pdf step's modules.
    script = textwrap.dedent(f"""
        import importlib, sys
        from tei_edition import build
        for name in ("cli", "steps_html", "steps_pdf", "pdf", "transform"):
            try:
                importlib.import_module("tei_edition." + name)
            except ModuleNotFoundError as exc:
                if exc.name != "tei_edition." + name:
                    raise
        build.load_step("pdf")
        build.build(out_dir={str(tmp_path / "out")!r}, formats=["html"], params={{"paper": "letter"}})
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("weasyprint", "pydyf", "tinycss2", "cssselect2")))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "out" / "html").is_dir()
    assert not (tmp_path / "out" / "pdf").exists()


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
