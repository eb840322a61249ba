"""Build step ``pdf``: xslt/print.xsl, then WeasyPrint, into output/pdf/article.pdf.

Parameters read from ``ctx.params``:

* ``paper``: ``'a4'`` (default) or ``'letter'`` (US Letter); anything else fails
  the step. It is handed to print.xsl as its ``paper`` parameter.
* every other parameter goes to print.xsl as it goes to the other stylesheets
  (``edition-url`` for the suggested citation, say).

WeasyPrint is loaded only for this step: in the worker process the build starts
for it (``ctx.worker``, see worker.py), which renders while the other steps run,
or, without a worker, here (through ``tei_edition.pdf``).
"""

from __future__ import annotations

import re
import sys
from typing import Callable

from .findings import WARNING, BuildError, Finding, format_text
from .paths import display_path
from .transform import run

PDF_NAME = "article.pdf"


def build_pdf(ctx) -> Callable[[], None] | None:
    """Make the print HTML and have it rendered. With a worker, return the
    function that waits for the rendering (the build calls it after the other
    steps); without one, render here and return None."""
    from . import pdf  # WeasyPrint is imported inside pdf.render_pdf only

    out = ctx.fresh_dir("pdf")
    params = dict(ctx.params)
    params["paper"] = pdf.paper_param(params.get("paper"))
    html = run(ctx.stylesheet("print.xsl"), ctx.tree, out, params, source_path=ctx.source)
    if html is None:
        raise BuildError("xslt/print.xsl produced no document")
    request = {"html": html, "target": str(out / PDF_NAME), "source": ctx.document.data,
               "source_name": ctx.source.name}

    def report(result: pdf.RenderResult) -> None:
        for message in result.warnings:
            print(format_text(_locate(message, ctx)), file=sys.stderr)

    if ctx.worker is None:
        report(pdf.render_pdf(**request))
        return None
    rendered = ctx.worker.submit(request)
    return lambda: report(rendered())


_CSS_AT = re.compile(r"\bat (\d+):(\d+)\b")


def _locate(message: str, ctx) -> Finding:
    """A WeasyPrint warning as a finding. print.xsl inlines xslt/print.css
    at the top of the HTML's only style element, so a location "at L:C" in a
    CSS warning is that file's line and column."""
    where = _CSS_AT.search(message)
    if where:
        css = ctx.stylesheet("print.css")
        return Finding(display_path(css), int(where[1]), int(where[2]), WARNING, "weasyprint", message)
    return Finding(display_path(ctx.stylesheet("print.xsl")), None, None, WARNING, "weasyprint", message)
