"""Build step ``pdf``: xslt/print.xsl, then WeasyPrint, into output/pdf/article.pdf.

Parameters read from ``ctx.params``:

* ``paper``: ``'a4'`` (default) or ``'letter'`` (US Letter); anything else fails
  the step. It is handed to print.xsl as its ``paper`` parameter.
* every other parameter goes to print.xsl as it goes to the other stylesheets
  (``edition-url`` for the suggested citation, say).

WeasyPrint is loaded only here (through ``tei_edition.pdf``), when this step runs.
"""

from __future__ import annotations

import sys

from .paths import display_path
from .transform import run

PDF_NAME = "article.pdf"


def build_pdf(ctx) -> None:
    from . import pdf  # WeasyPrint is imported inside pdf.render_pdf only

    out = ctx.fresh_dir("pdf")
    params = dict(ctx.params)
    params["paper"] = pdf.paper_param(params.get("paper"))
    html = run(ctx.stylesheet("print.xsl"), ctx.tree, out, params, source_path=ctx.source)
    if html is None:
        from .findings import BuildError

        raise BuildError("xslt/print.xsl produced no document")
    target = out / PDF_NAME
    result = pdf.render_pdf(html, target, source=ctx.source.read_bytes(), source_name=ctx.source.name)
    for message in result.warnings:
        print(f"{display_path(ctx.stylesheet('print.xsl'))}: weasyprint {message}", file=sys.stderr)
