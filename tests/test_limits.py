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


# A program that validates a long document and sends itself SIGINT while the
# Schematron check (seconds of libxml2 work in C) runs: it prints how long the
# interrupt took to act, or that it did not act before the checks ended.
_INTERRUPTED_CHECK = r"""
import os, signal, sys, threading, time
from tei_edition import bench, validate, xmlsafe
from lxml import etree
article = xmlsafe.load(sys.argv[1])
big = etree.tostring(bench.enlarge(article.tree, 200))
doc = xmlsafe.load_bytes(big, "big.xml")
validate.check_schematron(xmlsafe.load_bytes(etree.tostring(article.tree), "small.xml"))  # compiled
sent = []
schematron_started = threading.Event()
check_schematron = validate.check_schematron
def check_schematron_noted(*args):
    schematron_started.set()
    return check_schematron(*args)
validate.check_schematron = check_schematron_noted
def interrupt():
    schematron_started.wait()
    time.sleep(0.3)
    sent.append(time.monotonic())
    os.kill(os.getpid(), signal.SIGINT)
threading.Thread(target=interrupt, daemon=True).start()
try:
    validate.validate_document(doc)
    print("finished before the interrupt acted")
except KeyboardInterrupt:
    print(f"interrupted after {time.monotonic() - sent[0]:.2f} s")
"""


def test_ctrl_c_acts_at_once_while_libxml2_checks_a_long_document():
    """Ctrl+C (or SIGTERM, which the build turns into it) stops a validation
    within a fraction of a second, also while libxml2 works in C: the checks run
    in a helper thread that the main thread waits for."""
    result = subprocess.run([sys.executable, "-c", _INTERRUPTED_CHECK, str(paths.DEFAULT_SOURCE)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.fullmatch(r"interrupted after (\d+\.\d+) s\n", result.stdout)
    assert found, result.stdout
    # The whole check of this document takes several seconds; the interrupt acts
    # between two waits of 0.05 s (bound generous for a loaded machine).
    assert float(found[1]) < 1.5, result.stdout
