"""The ``edition`` command line: exit codes, output formats, help, serve, stats."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request

import click
import pytest

from tei_edition import cli as cli_module
from tei_edition import paths
from tei_edition.findings import Finding, format_text

ROOT = paths.ROOT

INVALID_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <text>
    <body>
      <p>fine</p>
      <forbidden/>
      <measure>twelve</measure>
      <p/>
    </body>
  </text>
</TEI>
"""


def test_paths_point_at_the_project():
    assert (paths.ROOT / "pyproject.toml").is_file()
    assert paths.DEFAULT_SOURCE == paths.ROOT / "edition" / "article.xml"
    assert paths.SHARED_TEI == paths.ROOT.parent / "shared" / "tei"


def test_finding_text_form():
    f = Finding("edition/article.xml", 12, 5, "error", "relaxng", "bad\n   thing")
    assert format_text(f) == "edition/article.xml:12:5: error: bad thing [relaxng]"
    assert format_text(Finding("x.xml", None, None, "warning", "r", "m")) == "x.xml: warning: m [r]"


def test_version(run_edition):
    result = run_edition("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"edition \d+\.\d+\.\d+\n", result.stdout)


def test_every_option_has_help():
    def walk(command: click.Command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(cli_module.cli):
        assert command.help, f"{command.name} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{command.name} {param.opts} has no help text"


# --- validate ------------------------------------------------------------------------------


def test_valid_file_exits_0(run_edition, mini):
    result = run_edition("validate", mini.source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{mini.source}: valid\n"


def test_invalid_file_exits_1_with_one_located_finding_per_line(run_edition, mini):
    path = mini.write("invalid.xml", INVALID_TEI)
    result = run_edition("validate", path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 errors, 1 warning in 1 file"
    findings = lines[:-1]
    assert f"{path}:2:1: error: a TEI document needs a teiHeader [header-required]" in findings
    # libxml2's RELAX NG names the outermost element whose content fails.
    assert any(re.match(rf"{re.escape(str(path))}:\d+:\d+: error: .*\[relaxng\]$", line) for line in findings)
    assert any(line.startswith(f"{path}:7:7: error:") and line.endswith("[xsd]") for line in findings)
    assert f"{path}:8:7: warning: empty paragraph [empty-p]" in findings
    assert all(re.match(rf"{re.escape(str(path))}:\d+:\d+: (error|warning): .+ \[[\w -]+\]$", line)
               for line in findings)


def test_json_format(run_edition, mini):
    path = mini.write("invalid.xml", INVALID_TEI)
    result = run_edition("validate", "--format", "json", path, mini.source)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert (report["errors"], report["warnings"]) == (3, 1)
    first, second = report["files"]
    assert first["path"] == str(path) and not first["valid"]
    assert second == {"path": str(mini.source), "valid": True, "findings": []}
    assert set(first["findings"][0]) == {"path", "line", "col", "severity", "rule", "message"}


def test_several_files_get_a_summary(run_edition, mini):
    result = run_edition("validate", mini.source, mini.source)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "0 errors, 0 warnings in 2 files"


def test_warnings_alone_do_not_fail(run_edition, mini):
    path = mini.write("warn.xml", mini.source.read_text().replace("<p>Test</p>", "<p> </p>", 1))
    result = run_edition("validate", path)
    assert result.returncode == 0
    assert "warning: empty paragraph [empty-p]" in result.stdout
    assert f"{path}: valid (1 warning)" in result.stdout


@pytest.mark.parametrize("args", [
    ["validate", "no-such-file.xml"],
    ["validate", "--format", "yaml"],
    ["validate", "--nope"],
    ["build", "--format", "docx"],
    ["no-such-command"],
])
def test_usage_errors_exit_2(run_edition, mini, args):
    result = run_edition(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Error:" in result.stderr


def test_a_directory_is_a_usage_error(run_edition, tmp_path):
    result = run_edition("validate", tmp_path)
    assert result.returncode == 2
    assert "is a directory" in result.stderr


def test_missing_schema_is_a_clear_finding(run_edition, mini, tmp_path):
    result = run_edition("validate", mini.source, env={"EDITION_SCHEMA_DIR": str(tmp_path / "none")})
    assert result.returncode == 1
    assert "edition.rng: error: RELAX NG schema not found" in result.stdout
    assert "Traceback" not in result.stderr


def test_internal_errors_are_one_line_without_traceback(capsys):
    @cli_module.cli.command("explode-for-test")
    def explode():
        """Fail on purpose."""
        raise RuntimeError("kaboom\nsecond line")

    try:
        with pytest.raises(SystemExit) as info:
            cli_module.main(["explode-for-test"])
    finally:
        cli_module.cli.commands.pop("explode-for-test")
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert err == "edition: internal error: RuntimeError: kaboom second line\n"


def test_real_edition_is_valid(run_edition):
    """The edition's own source against its own schemas (needs schema/ and edition/)."""
    result = run_edition("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "edition/article.xml: valid\n"


def test_a_bad_iso_date_is_one_readable_xsd_finding(run_edition, tmp_path):
    """xmlschema reports a failed union type once per member type, with Python class
    names in it; the user sees one finding in the edition's words."""
    text = (ROOT / "edition" / "article.xml").read_text(encoding="utf-8")
    bad = tmp_path / "bad-date.xml"
    bad.write_text(text.replace('<date when="1918-02" corresp="#ev-kokand-massacre">',
                                '<date when="1918-13" corresp="#ev-kokand-massacre">'), encoding="utf-8")
    result = run_edition("validate", str(bad))
    assert result.returncode == 1
    xsd = [line for line in result.stdout.splitlines() if line.endswith("[xsd]")]
    assert len(xsd) == 1, result.stdout
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: error: attribute when='1918-13' is not an ISO 8601 date", xsd[0])
    assert "<class" not in result.stdout


@pytest.mark.slow
def test_real_edition_conforms_to_tei_all(tei_all):
    from conftest import conformance

    assert [format_text(f) for f in conformance(paths.DEFAULT_SOURCE)] == []


# --- stats -----------------------------------------------------------------------------------

STATS_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
    <publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
  <text>
    <body>
      <p><persName ref="#enver">Enver</persName> left <placeName ref="#bukhara">Bukhara</placeName>
         on <date when="1921-11-08">8 November 1921</date> with <persName ref="#enver">him</persName>.<note resp="#ed">An editorial note of seven words.</note></p>
      <p>The <orgName ref="#basmachi">Basmachi</orgName> <choice><sic>fougth</sic><corr>fought</corr></choice> on.<ref type="citation" target="#bib1">[1]</ref></p>
    </body>
  </text>
  <standOff>
    <listPerson><person xml:id="enver"/><person xml:id="ibrahim"/></listPerson>
    <listPlace><place xml:id="bukhara"/></listPlace>
    <listOrg><org xml:id="basmachi"/></listOrg>
    <listEvent><event xml:id="e1"/></listEvent>
    <listBibl><biblStruct xml:id="bib1"/></listBibl>
  </standOff>
</TEI>
"""


def test_stats(run_edition, tmp_path):
    path = tmp_path / "stats.xml"
    path.write_text(STATS_TEI, encoding="utf-8")
    result = run_edition("stats", "--format", "json", path)
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert {k["kind"]: (k["entries"], k["mentions"]) for k in numbers["kinds"]} == {
        "person": (2, 2), "place": (1, 1), "org": (1, 1), "event": (1, 0), "bibl": (1, 1), "relation": (0, 0)}
    assert numbers["datedMentions"] == 1 and numbers["chronology"] == 2
    # Words are split at white space, as the source prints them:
    # "Enver left Bukhara on 8 November 1921 with him." + "The Basmachi fougth on.[1]"
    assert numbers["words"] == 9 + 4
    text = run_edition("stats", path)
    assert text.returncode == 0
    assert "persons" in text.stdout and "dated mentions" in text.stdout


def test_stats_of_the_article_agree_with_the_tei(run_edition):
    from lxml import etree

    result = run_edition("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    tree = etree.parse(str(ROOT / "edition" / "article.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    count = lambda xpath: int(tree.xpath(f"count({xpath})", namespaces=ns))  # noqa: E731
    kinds = {k["kind"]: k for k in numbers["kinds"]}
    assert {kind: k["entries"] for kind, k in kinds.items()} == {
        "person": count("//t:standOff//t:person"), "place": count("//t:standOff//t:place"),
        "org": count("//t:standOff//t:org"), "event": count("//t:standOff//t:event"),
        "bibl": count("//t:standOff//t:biblStruct"), "relation": count("//t:standOff//t:relation")}
    assert kinds["person"]["mentions"] == count("//t:text//t:persName[@ref]")
    assert kinds["bibl"]["mentions"] == count("//t:text//t:ref[@type='citation']")
    # The dates of the chronology: title page, abstract and body, not notes
    # (the reference list's dates are not dated mentions).
    assert numbers["datedMentions"] == count("//t:text/t:front//t:date[not(ancestor::t:note)]"
                                             " | //t:text/t:body//t:date[not(ancestor::t:note)]")
    assert numbers["chronology"] == numbers["datedMentions"] + count("//t:standOff//t:event")
    # The published article has 1,886 words without the omitted telephone line
    # (test_source_fidelity compares them one by one).
    assert numbers["words"] == 1886


def test_stats_of_a_document_that_is_not_tei_exits_1(run_edition, tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<html>\n<body/></html>", encoding="utf-8")
    result = run_edition("stats", path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:1:1: error: the root element is html, not TEI")
    assert "Traceback" not in result.stderr


def test_stats_of_a_broken_file_exits_1(run_edition, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<TEI>", encoding="utf-8")
    result = run_edition("stats", path)
    assert result.returncode == 1
    assert "not well-formed" in result.stderr


# --- serve -----------------------------------------------------------------------------------


def test_serve_answers_on_loopback_only(tmp_path):
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>hi</title>", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "tei_edition.cli", "serve", "--port", "0", "--dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/index.html", timeout=5) as r:
                    assert b"<title>hi</title>" in r.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_without_a_build_is_a_usage_error(run_edition, tmp_path):
    result = run_edition("serve", "--dir", tmp_path / "missing")
    assert result.returncode == 2
    assert "run `edition build` first" in result.stderr


# --- build options ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://example.org/anvar/", "https://example.org/anvar"])
def test_edition_url_reaches_the_citations(run_edition, tmp_path, url):
    out = tmp_path / "out"
    result = run_edition("build", "--format", "html", "--edition-url", url, "--out", out)
    assert result.returncode == 0, result.stderr
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    # One slash between the folder and the page, with or without the slash typed.
    assert "https://example.org/anvar/index.html#p3" in page and "anvar//" not in page
    assert result.stdout == ""  # not a terminal: quiet


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "example.org/anvar/", "https:///no-host", "https://ex.org/a b"])
def test_a_bad_edition_url_is_a_usage_error(run_edition, tmp_path, url):
    result = run_edition("build", "--format", "html", "--edition-url", url, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "absolute http(s) URL" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the compiled XSD kept between runs ----------------------------------------------------


def test_compiled_xsd_is_cached_and_a_damaged_cache_is_rebuilt(run_edition, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("EDITION_CACHE_DIR", str(cache))
    first = run_edition("validate")
    assert first.returncode == 0, first.stderr
    kept = list(cache.glob("xsd-*.pickle"))
    assert len(kept) == 1
    kept[0].write_bytes(b"not a pickle")
    # A damaged cache is not trusted: the schema is built again, and the verdict holds.
    again = run_edition("validate")
    assert again.returncode == 0 and again.stdout == "edition/article.xml: valid\n"
    assert kept[0].read_bytes() != b"not a pickle"
    text = (ROOT / "edition" / "article.xml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.xml"
    bad.write_text(text.replace('when="1918-02"', 'when="1918-13"', 1), encoding="utf-8")
    refused = run_edition("validate", str(bad))
    assert refused.returncode == 1 and "[xsd]" in refused.stdout


def test_bench_compares_with_a_tei_route_round_by_round():
    """A relative target is the median of each round's ratio, not the ratio of the medians
    (the two differ when the machine's speed drifts between rounds)."""
    from tei_edition.bench import paired_ratio

    results = [{"stage": "build", "size": 1, "walls": [1.0, 4.0, 1.2]},
               {"stage": "tei-pdf", "size": 1, "walls": [2.0, 4.0, 1.0]}]
    assert paired_ratio(results, "build", "tei-pdf") == 1.0  # ratios 0.5, 1.0, 1.2; medians 1.2 / 2.0 = 0.6
    results[1]["walls"] = [2.0, 4.0]  # a round the route did not finish: no pairs, no ratio
    assert paired_ratio(results, "build", "tei-pdf") is None


def test_bench_compares_with_the_tei_routes_when_given_their_stylesheets(run_edition, tmp_path):
    # The TEI Stylesheets come from no registry; a stand-in with the same layout
    # (html/html.xsl, fo/fo.xsl), run by the same real saxonche, tests the plumbing.
    minimal_fo = ('<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"><fo:layout-master-set>'
                  '<fo:simple-page-master master-name="p"><fo:region-body/></fo:simple-page-master>'
                  '</fo:layout-master-set><fo:page-sequence master-reference="p"><fo:flow flow-name="xsl-region-body">'
                  '<fo:block>article</fo:block></fo:flow></fo:page-sequence></fo:root>')
    for route, result in (("html", "<html><body><p>article</p></body></html>"), ("fo", minimal_fo)):
        (tmp_path / "tei" / route).mkdir(parents=True)
        (tmp_path / "tei" / route / f"{route}.xsl").write_text(
            '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
            f'<xsl:template match="/">{result}</xsl:template></xsl:stylesheet>', encoding="utf-8")
    result = run_edition("bench", "--runs", "1", "--sizes", "1", "--stages", "html+data",
                         "--tei-stylesheets", tmp_path / "tei")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^  tei-html +x1 +wall +\d+\.\d\ds", result.stdout, re.M), result.stdout
    # The PDF route is timed where Apache FOP is installed (Debian's fop), else said to be left out.
    assert (re.search(r"^  tei-pdf +x1 +wall", result.stdout, re.M)
            or "tei-pdf: not timed, Apache FOP (`fop`) is not on the PATH" in result.stdout), result.stdout
    assert re.search(r"^target html\+data vs tei-html +<= 1 x tei-html: \d+\.\d\d x \(the median of the rounds' "
                     r"ratios; medians \d+\.\d\d s and \d+\.\d\d s\) (met|MISSED)$", result.stdout, re.M), result.stdout
