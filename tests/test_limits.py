"""Validation of long and very broken documents: the paragraph-numbering rule
looks at the paragraph before (not at every one before), and each check stops
collecting findings after a limit and says how many more there were."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_edition import paths, validate, xmlsafe

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
ARTICLE = paths.DEFAULT_SOURCE.read_bytes()


def body_paragraphs(tree) -> list:
    return tree.xpath("//t:body//t:p[not(ancestor::t:note)]", namespaces=NS)


def numbering_errors(tree) -> list:
    doc = xmlsafe.load_bytes(etree.tostring(tree), "mutant.xml")
    return [f for f in validate.check_schematron(doc).findings if f.rule == "p-numbering"]


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_paragraph_numbering_holds_exactly_when_numbers_run_1_to_n(data):
    tree = etree.fromstring(ARTICLE).getroottree()
    paragraphs = body_paragraphs(tree)
    numbers = data.draw(st.one_of(
        st.permutations(range(1, len(paragraphs) + 1)),
        st.lists(st.integers(1, len(paragraphs) + 2), min_size=len(paragraphs), max_size=len(paragraphs)),
    ))
    for p, n in zip(paragraphs, numbers):
        p.set("n", str(n))
    # Notes with paragraphs of their own, inside body paragraphs: never counted.
    for index in data.draw(st.lists(st.integers(0, len(paragraphs) - 1), max_size=3)):
        note = etree.SubElement(paragraphs[index], f"{{{TEI}}}note")
        etree.SubElement(note, f"{{{TEI}}}p").text = "a note"
    errors = numbering_errors(tree)
    assert bool(errors) == (list(numbers) != list(range(1, len(paragraphs) + 1)))
    if errors:  # the first paragraph out of sequence is named, with the number it must have
        first = next(i for i, n in enumerate(numbers) if n != i + 1)
        assert f'must be n="{first + 1}"' in errors[0].message


def test_thousands_of_errors_are_cut_off_with_a_count(tmp_path):
    text = ARTICLE.decode("utf-8")
    at = text.index("<p ", text.index("<body"))
    broken = text[:at] + '<p n="1" xml:id="p0">' + '<hi rend="x" bogus="1">a</hi>\n' * 20_000 + "</p>" + text[at:]
    source = tmp_path / "broken.xml"
    source.write_text(broken, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tei_edition.cli", "validate", str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    located = [line for line in lines if re.match(rf"{re.escape(str(source))}:\d+:\d+: error: ", line)]
    # The shown findings, then the line that says more were cut off, located too.
    assert 100 < len(located) <= validate.MAX_FINDINGS + 1
    assert re.match(rf"{re.escape(str(source))}:\d+:\d+: error: more errors \(at least one\) not shown "
                    r"\(the listing stops here\): .*\[more-errors\]$", lines[-2]), lines[-3:]
    assert "Traceback" not in result.stderr
