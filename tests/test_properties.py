"""Property-based tests: random mutations of the real article never break the tools.

Each example parses ``edition/article.xml`` with lxml, applies one to three random
mutations (drop or change an attribute, break a reference, insert Unicode text,
remove an element), writes the mutant to a file and checks:

* ``validate()`` (and the command line, in-process and for a few as a subprocess)
  never crashes, and every error it reports about a parseable mutant is located
  (line >= 1) in that file;
* a mutant that still validates builds (HTML and data; the PDF for a few), and
  every HTML page it gets is balanced HTML.

Examples are derandomized (the same ones on every run and on CI) and the
stylesheets are compiled once for the whole module (``tei_edition.transform``
caches them per process).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, assume, event, given, note, settings
from hypothesis import strategies as st
from lxml import etree

from tei_edition import build, paths
from tei_edition.cli import cli
from tei_edition.findings import format_text
from tei_edition.validate import validate

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ARTICLE = paths.DEFAULT_SOURCE

SETTINGS = dict(
    deadline=None,
    derandomize=True,   # the same examples on every run: CI failures are reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    print_blob=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain" phase
)


# --- balanced HTML ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Balance(HTMLParser):
    """Every element closed, in order: what the XSLT HTML serializer always writes."""

    def __init__(self, name: str):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []
        self.scripts: list[tuple[dict, list[str]]] = []  # (attributes, pieces of text) of each <script>

    def handle_starttag(self, tag, attrs):
        seen = set()
        for key, _ in attrs:
            if key in seen:
                self.problems.append(f"{self.name}:{self.getpos()[0]}: <{tag}> repeats attribute {key}")
            seen.add(key)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))
        if tag == "script":
            self.scripts.append((dict(attrs), []))

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            self.scripts[-1][1].append(data)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID and not self._foreign():
            self.problems.append(f"{self.name}:{self.getpos()[0]}: <{tag}/> is not a void element")

    def _foreign(self) -> bool:
        return any(t in ("svg", "math") for t, _ in self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"{self.name}:{self.getpos()[0]}: end tag </{tag}> of a void element")
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_ = self.stack[-1][0] if self.stack else "nothing"
            self.problems.append(f"{self.name}:{self.getpos()[0]}: </{tag}> closes <{open_}>")
            if any(t == tag for t, _ in self.stack):
                while self.stack and self.stack.pop()[0] != tag:
                    pass
            return
        self.stack.pop()


def check_balanced_html(text: str, name: str = "page") -> list[tuple[dict, str]]:
    """Fail unless ``text`` is one HTML document whose elements all close, in order.

    Returns the attributes and text of each ``<script>`` element, as a browser would cut them.
    """
    assert text.lstrip().lower().startswith("<!doctype html>"), f"{name}: no <!DOCTYPE html>"
    parser = _Balance(name)
    parser.feed(text)
    parser.close()
    problems = parser.problems + [f"{name}:{line}: <{tag}> is never closed" for tag, (line, _) in parser.stack]
    assert not problems, "\n".join(problems[:10])
    return [(attrs, "".join(pieces)) for attrs, pieces in parser.scripts]


def test_the_balance_check_catches_broken_html():
    check_balanced_html("<!DOCTYPE html><html><body><p>a<br>b</p><svg><path/></svg></body></html>")
    for broken in ("<!DOCTYPE html><html><body><p>a</body></html>",
                   "<!DOCTYPE html><html><body><p>a</div></p></body></html>",
                   "<html><body></body></html>",
                   '<!DOCTYPE html><html><body><a href="x" href="y">a</a></body></html>'):
        with pytest.raises(AssertionError):
            check_balanced_html(broken)


# --- mutations -------------------------------------------------------------------------------

# Characters that stress rendering: right-to-left letters, bidi controls, combining
# marks, astral characters, joiners, NBSP, markup-like ASCII; plus C0/C1-like
# characters that XML allows but HTML does not (U+007F, U+0085).
SPECIAL = (
    "\u05d0\u05d1\u05d2\u05e9"      # Hebrew
    "\u0627\u0644\u0639\u0631\u0628"  # Arabic
    "\u202e\u202d\u202c\u200f\u200e\u2066\u2067\u2068\u2069"  # bidi controls
    "\u0301\u0308\u0327"            # combining marks
    "\U0001f600\U0001d54f\U00020000\U0010fffd"  # astral
    "\u200d\u200b\u00a0\ufeff\ufffd\ufdd0"
    "<>&\"']]>{}\\$%#@;:/\t\n"
    "\u007f\u0085"
)


def _xml_char(c: str) -> bool:
    cp = ord(c)
    return cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF


xml_text = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIAL), st.characters(codec="utf-8").filter(_xml_char)),
    min_size=1, max_size=40,
)

POINTER_ATTRS = ("ref", "target", "corresp", "resp", "who")
ATTRS = ("ref", "when", "n", XML_ID, "type", "target", "corresp", "from", "to", "notBefore", "notAfter",
         "cert", "resp", "rend", "unit", "role", "xml:lang")
ODD_VALUES = ("", " ", "#", "#nope", "nope", "#p1", "#enver #ibrahim-bek", "1922-13-45", "1922-02-30",
              "-1", "0", "1", "x", "p1", "1abc", "#ref1", "http://example.org/", "javascript:alert(1)",
              "\u05d0\u202e", "2026-11-24")


@dataclass(frozen=True)
class Mutation:
    kind: str       # drop-attr, set-attr, break-ref, insert-text, remove-element
    pick: int       # which element (index modulo the candidates)
    attr: str = ""
    value: str = ""
    at: int = 0     # where in the text

    def __str__(self) -> str:
        return f"{self.kind}(pick={self.pick}, attr={self.attr!r}, value={self.value!r}, at={self.at})"


picks = st.integers(min_value=0, max_value=10_000)

drop_attr = st.builds(Mutation, st.just("drop-attr"), picks, st.sampled_from(ATTRS))
set_attr = st.builds(Mutation, st.just("set-attr"), picks, st.sampled_from(ATTRS),
                     st.one_of(st.sampled_from(ODD_VALUES), xml_text))
break_ref = st.builds(Mutation, st.just("break-ref"), picks, st.sampled_from(POINTER_ATTRS),
                      st.sampled_from(("missing", "wrong-kind", "no-hash", "self")))
insert_text = st.builds(Mutation, st.just("insert-text"), picks, st.just(""), xml_text,
                        st.integers(min_value=0, max_value=500))
remove_element = st.builds(Mutation, st.just("remove-element"), picks)

any_mutation = st.one_of(drop_attr, set_attr, break_ref, insert_text, remove_element)
# Mutations that often keep the article valid, for the build property.
mild_mutation = st.one_of(insert_text, insert_text, insert_text, drop_attr, remove_element)


def _clark(attr: str) -> str:
    return "{http://www.w3.org/XML/1998/namespace}lang" if attr == "xml:lang" else attr


def apply(tree: etree._ElementTree, m: Mutation) -> bool:
    """Apply ``m`` to ``tree`` in place; False when it found nothing to act on."""
    root = tree.getroot()
    elements = [e for e in root.iter(etree.Element)]
    if m.kind in ("drop-attr", "set-attr", "break-ref"):
        attr = _clark(m.attr)
        having = [e for e in elements if e.get(attr) is not None]
        if m.kind == "set-attr":
            having = having or elements
        if not having:
            return False
        el = having[m.pick % len(having)]
        if m.kind == "drop-attr":
            del el.attrib[attr]
        elif m.kind == "set-attr":
            el.set(attr, m.value)
        else:
            ids = [e for e in elements if e.get(XML_ID)]
            current = (el.get(attr) or "").lstrip("#").split()[0] if (el.get(attr) or "").strip() else ""
            if m.value == "missing":
                el.set(attr, "#no-such-id-" + str(m.pick))
            elif m.value == "no-hash":
                el.set(attr, current or "x")
            elif m.value == "self":
                el.set(attr, "#" + (el.get(XML_ID) or ids[m.pick % len(ids)].get(XML_ID)))
            else:  # an existing id of another kind of element
                kind = next((e.tag for e in ids if e.get(XML_ID) == current), None)
                others = [e for e in ids if e.tag != kind]
                el.set(attr, "#" + others[m.pick % len(others)].get(XML_ID))
        return True
    if m.kind == "insert-text":
        # Elements that already hold text: their content is (mixed) text.
        texty = [e for e in elements if e.text and e.text.strip()]
        el = texty[m.pick % len(texty)]
        at = m.at % (len(el.text) + 1)
        el.text = el.text[:at] + m.value + el.text[at:]
        return True
    if m.kind == "remove-element":
        removable = [e for e in elements if e.getparent() is not None]
        remove_keeping_tail(removable[m.pick % len(removable)])
        return True
    raise ValueError(m.kind)


def remove_keeping_tail(element: etree._Element) -> None:
    """Remove ``element`` from its parent, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


_ARTICLE_TREE: list[etree._ElementTree] = []


def article_tree() -> etree._ElementTree:
    if not _ARTICLE_TREE:
        from tei_edition.xmlsafe import load

        _ARTICLE_TREE.append(load(ARTICLE).tree)
    return etree.ElementTree(etree.fromstring(etree.tostring(_ARTICLE_TREE[0])))


def write_mutant(mutations: list[Mutation], path: Path) -> list[Mutation]:
    """The article with ``mutations`` applied, written to ``path``; returns those that acted."""
    tree = article_tree()
    applied = [m for m in mutations if apply(tree, m)]
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    for m in applied:
        note(str(m))
    return applied


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mutants")


@pytest.fixture(scope="module", autouse=True)
def _article_is_valid():
    findings = [f for f in validate(ARTICLE) if f.is_error]
    if findings:
        pytest.fail("edition/article.xml itself does not validate, so mutating it tests nothing:\n"
                    + "\n".join(format_text(f) for f in findings[:10]))


# --- validate never crashes, every error is located --------------------------------------------


@settings(max_examples=50, **SETTINGS)
@given(mutations=st.lists(any_mutation, min_size=1, max_size=3))
def test_validate_never_crashes_and_locates_every_error(workdir, mutations):
    path = workdir / "mutant.xml"
    write_mutant(mutations, path)
    findings = validate(path)
    errors = [f for f in findings if f.is_error]
    event("valid" if not errors else "invalid")
    for f in errors:
        assert f.line is not None and f.line >= 1, f"unlocated: {format_text(f)}"
        assert f.path.endswith("mutant.xml"), f"a finding about another file: {format_text(f)}"
        assert f.message.strip() and f.rule.strip()

    # The command line, in-process: same verdict, one located line per finding, no crash.
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == (1 if errors else 0), result.output
    for f in errors:
        assert format_text(f) in result.output


@settings(max_examples=5, **SETTINGS)
@given(mutations=st.lists(any_mutation, min_size=1, max_size=3))
def test_validate_in_a_subprocess_prints_located_lines(workdir, mutations):
    path = workdir / "mutant-cli.xml"
    write_mutant(mutations, path)
    result = subprocess.run([sys.executable, "-m", "tei_edition.cli", "validate", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        lines = result.stdout.splitlines()[:-1]  # the last line is the summary
        assert lines
        for line in lines:
            assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: (error|warning): .+ \[.+\]$", line), line


# --- valid mutants build, and their HTML is balanced ---------------------------------------------


@settings(max_examples=40, **SETTINGS)
@given(mutations=st.lists(mild_mutation, min_size=1, max_size=3))
def test_every_valid_mutant_builds_balanced_html(workdir, mutations):
    path = workdir / "buildable.xml"
    write_mutant(mutations, path)
    errors = [f for f in validate(path) if f.is_error]
    event("valid" if not errors else "invalid")
    assume(not errors)
    out = workdir / "out"
    result = build.build(path, out, ["html", "data"])
    assert result.steps == ["html", "data"]
    pages = sorted((out / "html").rglob("*.html"))
    assert pages
    for page in pages:
        check_balanced_html(page.read_text(encoding="utf-8"), page.name)
    assert (out / "data" / "article.xml").read_bytes() == path.read_bytes()


@pytest.mark.slow
@settings(max_examples=4, **SETTINGS)
@given(mutations=st.lists(insert_text, min_size=1, max_size=2))
def test_valid_mutants_with_unicode_text_build_a_pdf(workdir, mutations):
    path = workdir / "pdf-mutant.xml"
    write_mutant(mutations, path)
    assume(not [f for f in validate(path) if f.is_error])
    out = workdir / "pdf-out"
    build.build(path, out, ["pdf"])
    assert (out / "pdf" / "article.pdf").read_bytes().startswith(b"%PDF-")


# --- the benchmark's enlargements stay valid ---------------------------------------------------


@settings(max_examples=4, **SETTINGS)
@given(factor=st.integers(min_value=2, max_value=6))
def test_enlargements_of_the_article_still_validate(workdir, factor):
    """``edition bench`` times enlargements; they must be valid editions, not error reports."""
    from tei_edition.bench import enlarge

    tree = enlarge(article_tree(), factor)
    path = workdir / f"enlarged-{factor}.xml"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    errors = [format_text(f) for f in validate(path) if f.is_error]
    assert errors == []
    body = tree.getroot().find(f"{{{TEI}}}text/{{{TEI}}}body")
    numbers = [p.get("n") for p in body.iter(f"{{{TEI}}}p") if p.get("n")]
    original = article_tree().getroot().find(f"{{{TEI}}}text/{{{TEI}}}body")
    per_copy = sum(1 for p in original.iter(f"{{{TEI}}}p") if p.get("n"))
    assert numbers == [str(i) for i in range(1, factor * per_copy + 1)]
    ids = [e.get(XML_ID) for e in tree.getroot().iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids))
