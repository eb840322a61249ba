"""Render the print HTML (from xslt/print.xsl) to a PDF/A-3b file with WeasyPrint.

WeasyPrint is imported inside the functions that need it, never at module level,
so that importing the package (or building only the HTML) does not load it.

The print HTML is rendered in two parts, so that the article is laid out once:

* the article: every child of the body but the back matter (``data-part="back"``:
  the chronology and the index), whose layout fixes the page of every anchor;
* the back matter, on its own, with those page numbers written into its links
  as text (``write_page_numbers``): in each ``span.locators`` of the index the
  first link to each page, numbered; each ``a.unit-ref`` of the chronology
  with its page in ``data-page``. Its page counter starts after the article's
  last page; it opens with one empty page, dropped, that takes the title
  page's ``@page :first`` rules, so that its own first page is an ordinary one.

The two renderings' pages are joined into one document (``Document.copy``),
whose links WeasyPrint resolves across both. Page numbers written as text
spare WeasyPrint ``target-counter()``, which lays out again every page whose
references it resolves late, and the second rendering of the whole article
that finding the pages would otherwise take.

What the rendering adds besides:

* PDF/A-3b (``pdf_variant='pdf/a-3b'``, sRGB output intent, XMP metadata),
  tagged (``pdf_tags=True``), the TEI source embedded as an associated file
  with ``/AFRelationship /Source``;
* determinism: the document's dates come from the HTML's ``dcterms.created`` and
  ``dcterms.modified`` (the TEI's edition date), the attachment's dates from the
  same, and the file identifier from the SHA-256 of the source, so that two
  builds of the same source give byte-identical files.
"""

from __future__ import annotations

import copy
import hashlib
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree, html as lxml_html

from .findings import BuildError

PDF_VARIANT = "pdf/a-3b"
SOURCE_DESCRIPTION = "TEI P5 source of this edition (the file the PDF was made from)"
PAPERS = {"a4": "a4", "letter": "letter", "us-letter": "letter"}


def paper_param(value: object) -> str:
    """The build parameter ``paper`` as 'a4' or 'letter'; BuildError otherwise."""
    key = str(value if value is not None else "a4").strip().lower() or "a4"
    if key not in PAPERS:
        raise BuildError(f"paper must be 'a4' or 'letter', not {value!r}")
    return PAPERS[key]


@dataclass
class RenderResult:
    pages: int
    warnings: list[str] = field(default_factory=list)
    locators_removed: int = 0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _edition_datetime(html: str) -> datetime:
    """The edition's date from the HTML's dcterms.created (set by print.xsl)."""
    m = re.search(r'<meta name="dcterms\.created" content="(\d{4})-(\d{2})-(\d{2})', html)
    if not m:
        raise BuildError("print HTML has no dcterms.created date (print.xsl must set it from the TEI)")
    return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=timezone.utc)


def _anchor_pages(document) -> dict[str, int]:
    """Anchor name -> page number (1-based) in a rendered WeasyPrint document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def _serialize(root) -> str:
    return etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def split_parts(html: str) -> tuple[etree._Element, etree._Element]:
    """The print HTML as two documents with the same head: the article (the
    body without its ``data-part="back"`` children) and the back matter (those
    children alone, after an empty first element). BuildError if the body has
    no back matter."""
    article = lxml_html.document_fromstring(html)
    back = copy.deepcopy(article)
    article_body, back_body = article.find("body"), back.find("body")
    if not any(child.get("data-part") == "back" for child in back_body):
        raise BuildError('print HTML has no back matter (print.xsl marks the chronology and '
                         'the index with data-part="back")')
    for child in list(article_body):
        if child.get("data-part") == "back":
            article_body.remove(child)
    for child in list(back_body):
        if child.get("data-part") != "back":
            back_body.remove(child)
    # The empty page that takes the @page :first rules (see the module's doc).
    # It breaks the page itself: the back matter's own style need not.
    back_body.insert(0, etree.Element("div", {"class": "title-page-stand-in", "style": "break-after: page"}))
    return article, back


def write_page_numbers(back: etree._Element, anchor_pages: dict[str, int], first_page: int) -> int:
    """Write into the back matter the page of each anchor it links to, and start
    its page numbering at ``first_page`` (the stand-in page is ``first_page - 1``).

    In each ``span.locators`` the first link to each page is kept and numbered,
    and the others removed (keeping any text that follows them); each
    ``a.unit-ref`` gets its page in ``data-page``. Returns the number of links
    removed. BuildError if a link points to an anchor the article lacks.
    """
    links = _page_links(back)
    missing = sorted({anchor for _, anchor in links if anchor not in anchor_pages})
    if missing:
        raise BuildError(f"the back matter links to {len(missing)} anchor(s) the article does not have: "
                         + ", ".join(f"#{a}" for a in missing[:5]))
    removed = 0
    # Keyed by the element itself: lxml keeps one proxy per element while it is
    # referenced, whereas id() of a dropped proxy can come back for another.
    seen: dict[etree._Element, set[int]] = {}
    for link, anchor in links:
        page = anchor_pages[anchor]
        if "unit-ref" in _classes(link):
            link.set("data-page", str(page))
            continue
        pages = seen.setdefault(link.getparent(), set())
        if page in pages:
            remove_keeping_tail(link)
            removed += 1
        else:
            pages.add(page)
            link.text = str(page)
    style = etree.SubElement(back.find("head"), "style")
    style.text = f"@page :first {{ counter-reset: page {first_page - 1}; }}"
    return removed


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` from its parent, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _page_links(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(link, anchor) for each link that prints a page: the index's
    ``span.locators > a`` and the chronology's ``a.unit-ref``."""
    links = []
    for link in root.iter("a"):
        href = link.get("href") or ""
        if not href.startswith("#"):
            continue
        parent = link.getparent()
        if "unit-ref" in _classes(link) or (parent.tag == "span" and "locators" in _classes(parent)):
            links.append((link, href[1:]))
    return links


def _finisher(document, pdf) -> None:
    """Tidy WeasyPrint's PDF/A-3 output before it is written.

    * WeasyPrint lists each embedded file twice in the catalogue's /AF array
      (once from the name tree, once from the file specification): keep one.
    * In a tagged PDF it gives each internal link the anchor's name as its
      /Contents (the text a screen reader speaks, "m-enver-12"): say where the
      link goes instead.
    """
    import pydyf

    af = pdf.catalog.get("AF")
    if af is not None:
        unique = []
        for reference in af:
            if reference not in unique:
                unique.append(reference)
        af.clear()
        af.extend(unique)

    pages = _anchor_pages(document)
    for obj in pdf.objects:
        if not isinstance(obj, dict) or obj.get("Subtype") != "/Link" or "Dest" not in obj:
            continue
        anchor = getattr(obj["Dest"], "string", None)
        if anchor in pages and "Contents" in obj:
            obj["Contents"] = pydyf.String(f"Go to page {pages[anchor]}")


def render_pdf(
    html: str,
    target: str | Path,
    *,
    source: bytes,
    source_name: str = "article.xml",
) -> RenderResult:
    """Render ``html`` to ``target`` as PDF/A-3b with ``source`` attached."""
    import weasyprint  # only here: building the HTML alone must not load it
    from weasyprint import HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    created = _edition_datetime(html)
    digest = hashlib.sha256(source).hexdigest()
    options = {
        "pdf_variant": PDF_VARIANT,
        "pdf_tags": True,
        "pdf_identifier": digest[:32].encode("ascii"),
    }

    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        fonts = FontConfiguration()
        article_root, back_root = split_parts(html)
        article = HTML(string=_serialize(article_root)).render(font_config=fonts, **options)
        removed = write_page_numbers(back_root, _anchor_pages(article), first_page=len(article.pages) + 1)
        back = HTML(string=_serialize(back_root)).render(font_config=fonts, **options)
        # Drop the back matter's stand-in first page.
        document = article.copy(article.pages + back.pages[1:])
        attachment = Attachment(
            file_obj=io.BytesIO(source),
            name=source_name,
            description=SOURCE_DESCRIPTION,
            created=created,
            modified=created,
            relationship="Source",
        )
        document.write_pdf(
            str(target),
            finisher=_finisher,
            attachments=[attachment],
            **options,
        )
    except BuildError:
        raise
    except Exception as exc:  # WeasyPrint's own errors, located as well as it can
        raise BuildError(f"WeasyPrint {weasyprint.__version__} failed: {type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(collect)
    # Each rendering repeats the same warnings: report each once.
    warnings = list(dict.fromkeys(collect.messages))
    return RenderResult(pages=len(document.pages), warnings=warnings, locators_removed=removed)
