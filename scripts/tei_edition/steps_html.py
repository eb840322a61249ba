"""Build step ``html``: the reading edition.

``xslt/html.xsl`` writes its pages (index.html, the registers, about.html) with
``xsl:result-document`` into ``ctx.out_dir / "html"`` (the pages are the model's
``ed:pages()``, ``xslt/model-outputs.xsl``). The static files the pages link
to (``xslt/assets/``: edition.css, edition.js, icon.svg) are copied into
``html/assets``. The pages use relative links only, so the folder works from
``file://`` and from any static host.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .findings import BuildError
from .transform import run

STYLESHEET = "html.xsl"  # the step's writer (compiled ahead by a build's worker)

ASSETS = "assets"


def build_html(ctx) -> None:
    out = ctx.fresh_dir("html")
    run(ctx.stylesheet(STYLESHEET), ctx.tree, out, ctx.params, source_path=ctx.source)
    copy_assets(Path(ctx.xslt_dir) / ASSETS, out)


def copy_assets(source: Path, out: Path) -> None:
    """Copy the stylesheet's assets beside the pages.

    A stylesheet folder without assets is fine as long as no page links to them;
    pages that do link to ``assets/`` without the folder would render broken, so
    that is an error rather than a silent half-built edition.
    """
    if source.is_dir():
        shutil.copytree(source, out / ASSETS, ignore=shutil.ignore_patterns(".*", "*~", "__pycache__"))
        return
    linking = sorted(
        page.name for page in out.rglob("*.html")
        if f'"{ASSETS}/' in page.read_text(encoding="utf-8", errors="replace")
    )
    if linking:
        raise BuildError(f"the pages link to {ASSETS}/ but {source} is missing ({', '.join(linking[:3])})")
