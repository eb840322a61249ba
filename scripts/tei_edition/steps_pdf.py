"""Build step ``pdf``: xslt/print.xsl writes the article as a Typst document,
which the Typst compiler (the ``typst`` package, in this process) typesets into
output/pdf/article.pdf: PDF/A-3b and PDF/UA-1, tagged, the TEI source attached.

Parameters read from ``ctx.params``:

* ``paper``: ``'a4'`` (default) or ``'letter'`` (US Letter); anything else fails
  the step before anything runs. It is handed to print.xsl as its ``paper``
  parameter.
* every other parameter goes to print.xsl as it goes to the other stylesheets
  (``edition-url`` for the suggested citation, say).

The ``typst`` module is imported only here, when the step runs.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from .findings import ERROR, WARNING, BuildError, Finding, format_text
from .paths import display_path
from .transform import run

STYLESHEET = "print.xsl"  # the step's writer (compiled ahead by a build's worker)

PDF_NAME = "article.pdf"
PAPERS = {"a4": "a4", "letter": "letter", "us-letter": "letter"}
# The standards the PDF claims; Typst refuses to write a file that breaks them.
PDF_STANDARDS = ["a-3b", "ua-1"]


def paper_param(value: str | None) -> str:
    """The print.xsl ``paper`` parameter for a ``--paper`` value (None: A4)."""
    if value is None or value == "":
        return "a4"
    key = str(value).strip().lower()
    if key not in PAPERS:
        raise BuildError(f"paper must be 'a4' or 'letter', not {value!r}")
    return PAPERS[key]


def build_pdf(ctx) -> None:
    out = ctx.fresh_dir("pdf")
    params = dict(ctx.params)
    params["paper"] = paper_param(params.get("paper"))
    document = run(ctx.stylesheet(STYLESHEET), ctx.tree, out, params, source_path=ctx.source)
    if document is None:
        raise BuildError("xslt/print.xsl produced no document")
    # The bytes that were validated, not the file as it may be now.
    pdf, warnings = typeset(document, ctx.source.name, ctx.document.data)
    for warning in warnings:
        print(format_text(warning), file=sys.stderr)
    (out / PDF_NAME).write_bytes(pdf)


def typeset(document: str, source_name: str, source: bytes) -> tuple[bytes, list[Finding]]:
    """Compile the Typst ``document`` into PDF bytes, with the fonts that come
    with the compiler only (the same on every machine). Typst reads one file,
    the source to attach (``source``, named ``source_name``), from a private
    folder that is the compiler's root, so it can read nothing else."""
    import typst

    with tempfile.TemporaryDirectory(prefix="tei-edition-typst-") as root:
        (Path(root) / source_name).write_bytes(source)
        compiler = typst.Compiler(
            root=root,
            font_paths=typst.Fonts(include_system_fonts=False, include_embedded_fonts=True),
            ignore_system_fonts=True,
            sys_inputs={"source": source_name},
        )
        try:
            pdf, warnings = compiler.compile_with_warnings(
                input=document.encode("utf-8"), format="pdf", pdf_standards=PDF_STANDARDS)
        except typst.TypstError as exc:
            raise BuildError([_finding(exc, ERROR)]) from None
        except BaseException as exc:  # a panic of the compiler (pyo3's PanicException is no Exception)
            if type(exc).__name__ != "PanicException":
                raise
            raise BuildError([_finding(f"the Typst compiler failed: {exc}", ERROR)]) from None
    return pdf, [_finding(w, WARNING) for w in warnings]


_WHERE = re.compile(r"┌─ \S*?:(\d+):(\d+)")


def _finding(diagnostic, severity: str) -> Finding:
    """A Typst error or warning, as a finding of print.xsl, which wrote the
    document; where Typst locates it, the line of the Typst document is said."""
    message = " ".join(str(getattr(diagnostic, "message", diagnostic)).split())
    where = _WHERE.search(str(getattr(diagnostic, "diagnostic", "") or ""))
    if where:
        message += f" (line {where[1]}, column {where[2]} of the Typst document it wrote)"
    hints = [h for h in (getattr(diagnostic, "hints", None) or []) if h]
    if hints:
        message += " (hint: " + "; ".join(" ".join(h.split()) for h in hints) + ")"
    return Finding(display_path(_print_xsl()), None, None, severity, "typst", message)


def _print_xsl():
    from .paths import xslt_dir

    return xslt_dir() / "print.xsl"
