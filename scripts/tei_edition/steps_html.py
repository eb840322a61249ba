"""Build step ``html``: xslt/html.xsl into output/html (minimal; to be replaced)."""

from .transform import run


def build_html(ctx) -> None:
    out = ctx.fresh_dir("html")
    result = run(ctx.stylesheet("html.xsl"), ctx.tree, out, ctx.params, source_path=ctx.source)
    if result is not None:
        (out / "index.html").write_text(result, encoding="utf-8")
