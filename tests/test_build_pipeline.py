"""The build: validate first, build into a temporary folder, swap in only on success."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from conftest import leftovers
from tei_edition import atomic, build, transform
from tei_edition.findings import BuildError
from tei_edition.paths import ROOT

BROKEN_STATIC = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:value-of select="$undeclared"/>
  </xsl:template>
</xsl:stylesheet>
"""

BROKEN_DYNAMIC = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/">
    <xsl:result-document href="half.html"><p>half</p></xsl:result-document>
    <xsl:sequence select="error(QName('urn:edition', 'E42'), 'no register entry')"/>
  </xsl:template>
</xsl:stylesheet>
"""


def test_build_writes_the_result_documents(run_edition, mini):
    result = run_edition("build", mini.source, "--out", mini.out, "--format", "html", "--format", "data")
    assert result.returncode == 0, result.stderr
    assert "<title>Mini edition</title>" in (mini.out / "html" / "index.html").read_text()
    assert "Enver met Ibrahim Bek in Bukhara." in (mini.out / "html" / "pages" / "body.html").read_text()
    assert 'persons="1"' in (mini.out / "data" / "edition.xml").read_text()
    assert leftovers(mini.base) == []


def test_quiet_build_prints_nothing(run_edition, mini):
    result = run_edition("build", mini.source, "--out", mini.out, "--format", "data", "--quiet")
    assert result.returncode == 0
    assert result.stdout == result.stderr == ""


def test_stylesheet_parameters_reach_saxon(mini):
    build.build(mini.source, mini.out, ["html"], {"title": "From a parameter"})
    assert "<title>From a parameter</title>" in (mini.out / "html" / "index.html").read_text()


def test_invalid_source_builds_nothing(run_edition, mini, tree_snapshot):
    (mini.out / "html").mkdir(parents=True)
    (mini.out / "html" / "index.html").write_text("previous")
    before = tree_snapshot(mini.out)
    bad = mini.write("bad.xml", mini.source.read_text().replace("<teiHeader>", "<teiHeader><forbidden/>"))
    result = run_edition("build", bad, "--out", mini.out, "--format", "html")
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(str(bad))}:\d+:\d+: error: .*\[relaxng\]$", result.stderr, re.M)
    assert "nothing was built" in result.stderr
    assert tree_snapshot(mini.out) == before
    assert leftovers(mini.base) == []


@pytest.mark.parametrize("broken, where, rule", [
    (BROKEN_STATIC, "html.xsl:4:", "XPST0008"),
    (BROKEN_DYNAMIC, "html.xsl:5:", "E42"),
])
def test_failed_step_leaves_previous_output_byte_identical(run_edition, mini, tree_snapshot, tmp_path,
                                                            broken, where, rule):
    ok = run_edition("build", mini.source, "--out", mini.out, "--format", "html", "--format", "data")
    assert ok.returncode == 0, ok.stderr
    (mini.out / "pdf").mkdir()
    (mini.out / "pdf" / "edition.pdf").write_bytes(b"%PDF-1.7 previous")
    before = tree_snapshot(mini.out)

    broken_xslt = tmp_path / "broken-xslt"
    shutil.copytree(mini.xslt, broken_xslt)
    (broken_xslt / "html.xsl").write_text(broken, encoding="utf-8")
    result = run_edition("build", mini.source, "--out", mini.out, "--format", "data", "--format", "html",
                         env={"EDITION_XSLT_DIR": str(broken_xslt)})

    assert result.returncode == 1
    assert re.search(rf"^{re.escape(str(broken_xslt))}/{where}\d+: error: .*\[{rule}\]$", result.stderr, re.M), \
        result.stderr
    assert "build failed in step html" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_snapshot(mini.out) == before
    assert leftovers(mini.base) == []


def test_format_keeps_the_other_formats(mini, tree_snapshot):
    build.build(mini.source, mini.out, ["html", "data"])
    (mini.out / "pdf").mkdir()
    (mini.out / "pdf" / "edition.pdf").write_bytes(b"%PDF-1.7 previous")
    (mini.out / "html" / "stale.html").write_text("from an older build")
    atomic.write_manifest(mini.out)  # as if that older build had written it
    keep = {k: v for k, v in tree_snapshot(mini.out).items() if not k.startswith(("html/", ".edition-build"))}

    build.build(mini.source, mini.out, ["html"])

    after = tree_snapshot(mini.out)
    assert {k: v for k, v in after.items() if not k.startswith(("html/", ".edition-build"))} == keep
    assert "html/stale.html" not in after  # the rebuilt step's folder is replaced whole
    assert "html/index.html" in after


def test_a_crashing_step_is_a_located_build_failure(mini, tree_snapshot, add_step):
    # A real step module, written for this test, that crashes half-way through.
    add_step("crash",
             "def build_crash(ctx):\n"
             "    (ctx.out_dir / 'crash').mkdir()\n"
             "    (ctx.out_dir / 'crash' / 'half.txt').write_text('half')\n"
             "    raise KeyError('no such register')\n")
    build.build(mini.source, mini.out, ["data"])
    before = tree_snapshot(mini.out)
    with pytest.raises(build.StepFailed) as info:
        build.build(mini.source, mini.out, ["data", "crash"])
    assert info.value.step == "crash"
    assert "KeyError" in str(info.value)
    assert tree_snapshot(mini.out) == before
    assert leftovers(mini.base) == []


def test_atomic_swap_only_on_success(tmp_path, tree_snapshot):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("old")
    with pytest.raises(RuntimeError):
        with atomic.replaced_dir(out, set()) as tmp:
            (tmp / "a.txt").write_text("new")
            raise RuntimeError("step failed")
    assert tree_snapshot(out) == {"a.txt": b"old"}
    with atomic.replaced_dir(out, set()) as tmp:
        assert (tmp / "a.txt").read_text() == "old"  # previous output carried over
        (tmp / "b.txt").write_text("new")
    assert tree_snapshot(out) == {"a.txt": b"old", "b.txt": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_transform_reports_missing_stylesheet(mini, tmp_path):
    with pytest.raises(BuildError) as info:
        transform.run(tmp_path / "nope.xsl", "<TEI/>", tmp_path / "o")
    assert info.value.findings[0].message == "stylesheet not found"


def test_transform_never_hands_a_doctype_to_saxon(mini, tmp_path):
    (tmp_path / "echo.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text"/><xsl:template match="/">[<xsl:value-of select="."/>]</xsl:template>'
        "</xsl:stylesheet>"
    )
    out = transform.run(tmp_path / "echo.xsl", "<!DOCTYPE r>\n<r>é Ω 😀</r>", tmp_path / "o")
    assert out == "[é Ω 😀]"


def test_pdf_is_imported_only_when_its_step_runs(run_edition, mini):
    probe = (
        "import sys; from tei_edition import build; "
        f"build.build({str(mini.source)!r}, {str(mini.out)!r}, ['html', 'data']); "
        "print('typst' in sys.modules)"
    )
    import subprocess

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**__import__("os").environ, **mini.env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# --- the real stylesheets (need xslt/, schema/ and edition/article.xml) --------------------


def test_real_html_and_data_build(run_edition, tmp_path):
    out = tmp_path / "output"
    result = run_edition("build", "--out", out, "--format", "html", "--format", "data")
    assert result.returncode == 0, result.stderr
    assert list((out / "html").rglob("*.html"))
    assert any((out / "data").rglob("*"))


def test_real_broken_stylesheet_leaves_output_byte_identical(run_edition, tmp_path, tree_snapshot):
    out = tmp_path / "output"
    first = run_edition("build", "--out", out, "--format", "html", "--format", "data")
    assert first.returncode == 0, first.stderr
    before = tree_snapshot(out)

    broken = tmp_path / "xslt"
    shutil.copytree(ROOT / "xslt", broken)
    html = broken / "html.xsl"
    text = html.read_text(encoding="utf-8")
    # An unused template with an undeclared variable: a static error on a known line.
    end = text.rindex("</xsl:stylesheet>")
    bad = '<xsl:template name="broken-for-test"><xsl:value-of select="$no-such-variable"/></xsl:template>\n'
    text = text[:end] + bad + text[end:]
    html.write_text(text, encoding="utf-8")
    line = text[:end].count("\n") + 1

    result = run_edition("build", "--out", out, "--format", "html", env={"EDITION_XSLT_DIR": str(broken)})
    assert result.returncode == 1
    assert f"{broken}/html.xsl:{line}:" in result.stderr, result.stderr
    assert "XPST0008" in result.stderr
    assert tree_snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_every_step_works_from_the_bytes_that_were_validated(tmp_path, monkeypatch):
    # The source is replaced on disk just after it was validated (an editor
    # saving, a checkout): the PDF and the data must carry what was validated.
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "article.xml"
    validated = (ROOT / "edition" / "article.xml").read_bytes()
    source.write_bytes(validated)
    real_validate = build.validate_document

    def validate_then_replace(doc, **options):
        findings = real_validate(doc, **options)
        source.write_bytes(validated.replace(b"Anvar Posho", b"Someone Else"))
        return findings

    monkeypatch.setattr(build, "validate_document", validate_then_replace)
    out = tmp_path / "output"
    build.build(source, out, ["pdf", "data"])
    assert (out / "data" / "article.xml").read_bytes() == validated
    attached = pypdf.PdfReader(str(out / "pdf" / "article.pdf")).attachments
    assert attached == {"article.xml": [validated]}
