"""Render the print HTML (from xslt/print.xsl) to a PDF/A-3b file with WeasyPrint.

WeasyPrint is imported inside the functions that need it, never at module level,
so that importing the package (or building only the HTML) does not load it.

What the rendering adds to the HTML:

* the back-of-book index prints the page of each linked mention with
  ``target-counter()``; the document is rendered once to learn on which page
  each anchor lies, then in every ``span.locators`` only the first link to each
  page is kept and the document is rendered again, so that no page number is
  listed twice (the numbers themselves are still the renderer's);
* PDF/A-3b (``pdf_variant='pdf/a-3b'``, sRGB output intent, XMP metadata),
  tagged (``pdf_tags=True``), the TEI source embedded as an associated file
  with ``/AFRelationship /Source``;
* determinism: the document's dates come from the HTML's ``dcterms.created`` and
  ``dcterms.modified`` (the TEI's edition date), the attachment's dates from the
  same, and the file identifier from the SHA-256 of the source, so that two
  builds of the same source give byte-identical files.
"""

from __future__ import annotations

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


def _locator_links(root) -> list[tuple[etree._Element, etree._Element, str]]:
    """(span.locators, a, anchor name) for every page link of the index."""
    links = []
    for span in root.iter("span"):
        if "locators" not in (span.get("class") or "").split():
            continue
        for link in span:
            href = link.get("href") or ""
            if href.startswith("#"):
                links.append((span, link, href[1:]))
    return links


def _serialize(root) -> str:
    return etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")


def first_pass_html(html: str) -> str:
    """The HTML without what only the final rendering needs (``data-pass="final"``,
    the index): enough to learn on which page each mention lies."""
    root = lxml_html.document_fromstring(html)
    for element in root.xpath('//*[@data-pass="final"]'):
        element.getparent().remove(element)
    return _serialize(root)


def dedupe_locators(html: str, anchor_pages: dict[str, int]) -> tuple[str, int]:
    """Keep, in each ``span.locators``, the first link to each page, and write its
    page number into it.

    The numbers are those of a rendering without the index, which follows every
    mention and so cannot move them; the caller checks them against the final
    rendering. Written as text they spare WeasyPrint ``target-counter()``, which
    lays out again every page whose references resolve late: the cost that grew
    faster than the text. Links whose target page is unknown are kept empty, and
    the style sheet's ``target-counter()`` numbers them. Returns the new HTML and
    the number of links removed.
    """
    root = lxml_html.document_fromstring(html)
    removed = 0
    seen: dict[int, set[int]] = {}
    for span, link, anchor in _locator_links(root):
        page = anchor_pages.get(anchor)
        if page is None:
            continue
        pages = seen.setdefault(id(span), set())
        if page in pages:
            if link.tail:  # print.xsl writes none, but keep any text that follows
                previous = link.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + link.tail
                else:
                    span.text = (span.text or "") + link.tail
            span.remove(link)
            removed += 1
        else:
            pages.add(page)
            link.text = str(page)
    return _serialize(root), removed


def _locator_anchors(html: str) -> set[str]:
    return {anchor for _, _, anchor in _locator_links(lxml_html.document_fromstring(html))}


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
        # Pass 1, without the index: the page of every mention. The index
        # follows all the mentions, so adding it cannot move them; should the
        # final layout disagree all the same, dedupe again from it.
        pages = _anchor_pages(HTML(string=first_pass_html(html)).render(**options))
        anchors = _locator_anchors(html)
        for _ in range(3):
            deduped, removed = dedupe_locators(html, pages)
            document = HTML(string=deduped).render(**options)
            final = _anchor_pages(document)
            if all(final.get(a) == pages.get(a) for a in anchors):
                break
            pages = final
        else:
            raise BuildError("the index's page numbers did not settle after three renderings")
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
