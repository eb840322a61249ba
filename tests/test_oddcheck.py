"""schema/edition.odd, compiled by the TEI Consortium's own ODD processor, agrees with the
edition's schemas (``edition odd-check``, tei_edition/oddcheck.py).

The TEI Stylesheets and the P5 source are on no package registry, so these tests run only
when two environment variables name them (see schema/README.md, "Checking the ODD with the
TEI's own tools"):

    TEI_STYLESHEETS=/path/to/TEIC/Stylesheets  TEI_P5SUBSET=/path/to/p5subset.xml

Without them every test here is skipped, also on CI (CI=true), which has neither.
The parts that need no TEI tools (the comparison of two Schematron schemas, the list of
bogus values, the RELAX NG simplification) are tested always.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree

from tei_edition import oddcheck

ROOT = Path(__file__).resolve().parents[1]
STYLESHEETS = os.environ.get("TEI_STYLESHEETS", "")
P5SUBSET = os.environ.get("TEI_P5SUBSET", "")
WITH_TEI_TOOLS = bool(STYLESHEETS and P5SUBSET)
needs_tei_tools = pytest.mark.skipif(
    not WITH_TEI_TOOLS,
    reason="set TEI_STYLESHEETS (a TEIC/Stylesheets checkout) and TEI_P5SUBSET (p5subset.xml) to compile "
           "the ODD with the TEI's own tools; they are on no package registry (schema/README.md)")


@pytest.fixture(scope="module")
def compiled_report(tmp_path_factory):
    stylesheets, p5subset = Path(STYLESHEETS), Path(P5SUBSET)
    assert stylesheets.is_dir(), f"TEI_STYLESHEETS={STYLESHEETS} is not a folder"
    assert p5subset.is_file(), f"TEI_P5SUBSET={P5SUBSET} is not a file"
    return oddcheck.check(stylesheets, p5subset, tmp_path_factory.mktemp("odd"))


@needs_tei_tools
@pytest.mark.slow
def test_compiled_odd_agrees_with_the_edition_schemas(compiled_report):
    """Every document (article, fixtures, bogus closed-list values) gets the same verdict and
    the same Schematron rules; the extraction is edition.sch; it runs under XSLT 2.0."""
    report = compiled_report
    disagree = [r.case.name for r in report.rows if not r.agree]
    assert disagree == [], oddcheck.format_report(report)
    assert report.schematron_differences == []
    assert report.xslt2 == []
    assert report.compiled.pinned_source.startswith("tei:")
    assert report.ok


@needs_tei_tools
@pytest.mark.slow
def test_every_fixture_and_closed_list_is_checked(compiled_report):
    names = {r.case.name for r in compiled_report.rows}
    fixtures = {f"tests/fixtures/{p.parent.name}/{p.name}" for p in (ROOT / "tests" / "fixtures").glob("*/*.xml")}
    assert fixtures <= names
    for closed in ("idno/@type=", "title/@type=", "titlePart/@type="):
        row = next(r for r in compiled_report.rows if r.case.name.startswith(closed))
        assert row.agree and not row.odd_valid, closed


@needs_tei_tools
@pytest.mark.slow
def test_cli_prints_the_table(tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import cli

    result = CliRunner().invoke(cli, ["odd-check", "--stylesheets", STYLESHEETS, "--p5", P5SUBSET,
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "edition/article.xml" in result.output and "| yes" in result.output
    assert "extracted Schematron = edition.sch: yes" in result.output
    assert (tmp_path / "edition.rng").is_file() and (tmp_path / "edition.isosch").is_file()


# --- without the TEI's tools ------------------------------------------------------------


def test_cli_reports_missing_tools_in_one_line(tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import cli

    result = CliRunner().invoke(cli, ["odd-check", "--stylesheets", str(tmp_path), "--p5",
                                      str(tmp_path / "p5subset.xml")])
    assert result.exit_code == 1
    assert "edition: odd-check:" in result.output and "odd2odd.xsl: not found" in result.output
    assert "Traceback" not in result.output


def test_schematron_comparison_sees_a_changed_test(tmp_path):
    sch = ROOT / "schema" / "edition.sch"
    assert oddcheck.compare_schematron(sch, sch, frozenset()) == []
    text = sch.read_text(encoding="utf-8").replace('test="@resp"', 'test="@resp or @n"', 1)
    changed = tmp_path / "changed.sch"
    changed.write_text(text, encoding="utf-8")
    assert oddcheck.compare_schematron(changed, sch, frozenset()) == ["editorial-note-resp: differs in test"]


def test_schematron_comparison_allows_only_the_odd_grammar_rules(tmp_path):
    sch = ROOT / "schema" / "edition.sch"
    tree = etree.parse(str(sch))
    pattern = etree.SubElement(tree.getroot(), f"{{{oddcheck.SCH_NS}}}pattern")
    rule = etree.SubElement(pattern, f"{{{oddcheck.SCH_NS}}}rule", context="tei:p")
    etree.SubElement(rule, f"{{{oddcheck.SCH_NS}}}assert", id="body-p-n-id", test="@n").text = "no n"
    extracted = tmp_path / "extracted.sch"
    tree.write(str(extracted))
    grammar = oddcheck.grammar_rule_ids(etree.parse(str(ROOT / "schema" / "edition.odd")))
    assert "body-p-n-id" in grammar
    assert oddcheck.compare_schematron(extracted, sch, grammar) == []
    assert oddcheck.compare_schematron(extracted, sch, frozenset()) == [
        "body-p-n-id: in the ODD's extraction, not in edition.sch"]


def test_every_closed_list_gets_a_bogus_value():
    odd = etree.parse(str(ROOT / "schema" / "edition.odd"))
    lists = oddcheck.closed_lists(odd)
    assert ("idno", "type") in lists and ("title", "type") in lists and ("titlePart", "type") in lists
    bogus = [c for c in oddcheck.cases(odd) if oddcheck.BOGUS_VALUE in c.name]
    assert len(bogus) == len(lists)
    assert all(oddcheck.BOGUS_VALUE.encode() in c.data and not c.expect_valid for c in bogus)


def test_rng_simplification_keeps_the_meaning():
    rng = etree.fromstring(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="a">'
        '<oneOrMore><oneOrMore><element name="b"><empty/></element></oneOrMore>'
        '<zeroOrMore><empty/></zeroOrMore></oneOrMore></element></start></grammar>')
    schema = etree.RelaxNG(oddcheck._without_empty_in_groups(etree.ElementTree(rng)))
    assert schema.validate(etree.fromstring("<a><b/><b/></a>"))
    assert not schema.validate(etree.fromstring("<a/>"))
    assert not schema.validate(etree.fromstring("<a><c/></a>"))


def _rows(paths):
    return [oddcheck.Row(oddcheck.Case(str(p), True, p.read_bytes()), oddcheck.Verdict(True),
                         *(oddcheck.Verdict(None),) * 4) for p in paths]


def test_edition_sch_runs_under_xslt2():
    """edition.sch is XPath 1.0 for lxml and must not fail under XSLT 2.0 either (no TEI
    tools needed: the same check odd-check runs on the ODD's extraction)."""
    schemas = oddcheck.OddSchemas(oddcheck.CompiledOdd(ROOT / "schema" / "edition.rng",
                                                       ROOT / "schema" / "edition.sch", "", ""))
    documents = [ROOT / "edition" / "article.xml", *sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.xml"))]
    assert oddcheck.xslt2_failures(schemas, _rows(documents)) == []


def test_xslt2_check_catches_boolean_arithmetic(tmp_path):
    text = (ROOT / "schema" / "edition.sch").read_text(encoding="utf-8")
    assert "100 * number(not(starts-with(@ref, '#')))" in text
    bad = tmp_path / "bad.sch"
    bad.write_text(text.replace("100 * number(not(starts-with(@ref, '#')))", "100 * not(starts-with(@ref, '#'))"),
                   encoding="utf-8")
    schemas = oddcheck.OddSchemas(oddcheck.CompiledOdd(ROOT / "schema" / "edition.rng", bad, "", ""))
    failures = oddcheck.xslt2_failures(schemas, _rows([ROOT / "tests" / "fixtures" / "valid" / "minimal.xml"]))
    assert failures and "XPTY0004" in failures[0]
