"""Validate an edition source against the edition's three schemas.

The source is parsed safely once (``xmlsafe``), then checked with
RELAX NG (lxml), W3C XSD (xmlschema) and ISO Schematron (lxml.isoschematron).
Each schema is compiled once per process. Every problem is a located ``Finding``.
"""

from __future__ import annotations

import dataclasses
import threading
import os
import pickle
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Callable

from lxml import etree

from .findings import ERROR, WARNING, Finding
from .paths import display_path, schema_dir
from .xmlsafe import SourceDocument, XMLInputError, load

RELAXNG_FILE = "edition.rng"
XSD_FILE = "edition.xsd"
SCHEMATRON_FILE = "edition.sch"
TEI_NS = "http://www.tei-c.org/ns/1.0"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
# Findings collected per check before the rest are only counted.
MAX_FINDINGS = 100


class SchemaProblem(Exception):
    """A schema could not be loaded; ``finding`` says which and why."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(finding.message)


def validate(path: str | os.PathLike[str]) -> list[Finding]:
    """All findings for the source at ``path``: input problems, or schema findings."""
    try:
        doc = load(path)
    except XMLInputError as exc:
        return exc.findings
    return validate_document(doc)


def validate_document(doc: SourceDocument, limit: int = MAX_FINDINGS, *,
                      xsd_only_on_error: bool = False) -> list[Finding]:
    """Run RELAX NG, Schematron and XSD on an already safely parsed document.

    Each check stops collecting after ``limit`` findings (a document with
    hundreds of thousands of errors must not take minutes to describe them);
    the first ``limit`` by position are returned, then one finding that says
    how many more there are.

    ``xsd_only_on_error`` (the build's check, ``edition build``): the XSD runs
    only when RELAX NG or Schematron found an error, so that a refused source is
    reported exactly as ``edition validate`` reports it. A source both accept is
    not checked against the XSD: it is the same grammar as the RELAX NG (the
    tests hold the two to the same verdict on every fixture and on random
    mutations), and xmlschema, in Python, took 0.2 s of every build's CPU time."""
    problems: dict[Callable, Finding] = {}
    results: dict[Callable, Checked] = {}
    for check in (check_relaxng, check_schematron, check_xsd):
        if check is check_xsd and xsd_only_on_error and not (
                problems or any(f.is_error for c in results.values() for f in c.findings)):
            continue
        try:
            results[check] = _interruptible(check, doc, limit)
        except SchemaProblem as exc:
            problems[check] = exc.finding
    order = (check_relaxng, check_xsd, check_schematron)  # the order of the report
    schema_problems = [problems[c] for c in order if c in problems]
    checked = [results[c] for c in order if c in results]
    found = [f for c in checked for f in c.findings]
    more = sum(c.more for c in checked)
    exact = all(c.exact for c in checked)
    found = _place_relaxng_summaries(found, doc, "relaxng")
    found.sort(key=lambda f: (f.line or 0, f.col or 0))
    more += max(0, len(found) - limit)
    found = found[:limit]
    if more:
        counted = f"{more} more errors" if exact else "more errors (at least one)"
        # Located where the listing stops, so that every line reads PATH:LINE:COL.
        last = next((f for f in reversed(found) if f.line is not None), None)
        line, col = (last.line, last.col or 1) if last else (1, 1)
        found.append(Finding(doc.display, line, col, ERROR, "more-errors",
                             f"{counted} not shown (the listing stops here): each schema's check stops "
                             f"collecting after {limit} findings; correct these and validate again"))
    return schema_problems + found


def _interruptible(check, *args):
    """Run ``check(*args)`` in a helper thread while this thread waits, so that
    Ctrl+C or SIGTERM acts within a fraction of a second: a signal handler runs
    only in the main thread and only between bytecodes, and libxml2 checking a
    large document (RELAX NG, Schematron) runs in C for seconds at a time. The
    helper is a daemon thread: an interrupted check is abandoned with the
    process (libxml2 releases the interpreter lock while it works)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = check(*args)
        except BaseException as exc:  # handed to the waiting thread
            outcome["error"] = exc

    helper = threading.Thread(target=run, name=f"edition-{check.__name__}", daemon=True)
    helper.start()
    while helper.is_alive():
        helper.join(0.05)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]


@dataclasses.dataclass
class Checked:
    """What one check found: at most ``limit`` findings, and how many more
    errors it saw (``exact``: counted to the end, else at least that many)."""
    findings: list[Finding]
    more: int = 0
    exact: bool = True


_ELEMENT_IN_MESSAGE = re.compile(r"^Element (\S+) ")


def _place_relaxng_summaries(found: list[Finding], doc: SourceDocument, rule: str) -> list[Finding]:
    """libxml2's RELAX NG adds summaries without a place ("Element event failed to
    validate attributes") to its errors. When errors of the check (``rule``) that
    have a place remain, they say it all and the summaries go. Otherwise each is
    placed at the only element of the name it gives, or at the one of that name
    where another check found a problem (the XSD, which locates every error,
    reports the same fault there)."""
    if any(f.rule == rule and f.line is not None for f in found):
        return [f for f in found if f.rule != rule or f.line is not None]
    places = {(f.line, f.col) for f in found if f.line is not None}
    placed = []
    for finding in found:
        m = _ELEMENT_IN_MESSAGE.match(finding.message) if finding.line is None and finding.rule == rule else None
        if m:
            named = doc.tree.xpath("//*[local-name() = $name]", name=m[1].rsplit(":", 1)[-1])
            positions = [doc.position(element) for element in named]
            chosen = positions[0] if len(positions) == 1 else next((p for p in positions if p in places), None)
            if chosen is not None:
                finding = dataclasses.replace(finding, line=chosen[0], col=chosen[1])
        placed.append(finding)
    return placed


# --- loading schemas (once per process) -------------------------------------------


def _schema_file(name: str, what: str) -> Path:
    path = schema_dir() / name
    if not path.is_file():
        raise SchemaProblem(
            Finding(display_path(path), None, None, ERROR, "schema-missing",
                    f"{what} schema not found, so the source was not checked against it")
        )
    return path


def _parse_schema_xml(path: Path, what: str) -> etree._ElementTree:
    # Schemas are the project's own files, but parse them without DTDs or network too.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.parse(str(path), parser)
    except (etree.XMLSyntaxError, OSError) as exc:
        line, col = getattr(exc, "position", (None, None)) or (None, None)
        raise SchemaProblem(
            Finding(display_path(path), line or None, col or None, ERROR, "schema",
                    f"{what} schema is not well-formed: {exc}")
        ) from None


@lru_cache(maxsize=None)
def _relaxng(path: str) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(_parse_schema_xml(Path(path), "RELAX NG"))
    except etree.RelaxNGParseError as exc:
        entry = exc.error_log.last_error if exc.error_log else None
        raise SchemaProblem(
            Finding(display_path(path), getattr(entry, "line", None) or None, None, ERROR, "schema",
                    f"RELAX NG schema cannot be compiled: {exc}")
        ) from None


def _xsd_cache_file(path: str, version: str) -> Path | None:
    """Where the compiled XSD is kept between runs: the user's cache folder, under
    a name made of the schema files' contents and the library's version."""
    base = os.environ.get("EDITION_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "tei-edition")
    import hashlib

    digest = hashlib.sha256(f"{version} {sys.version}".encode())
    try:
        for xsd in sorted(Path(path).parent.glob("*.xsd")):  # the schema and what it imports
            digest.update(xsd.name.encode() + b"\0" + xsd.read_bytes())
    except OSError:
        return None
    return Path(base) / f"xsd-{digest.hexdigest()[:32]}.pickle"


@lru_cache(maxsize=None)
def _xsd(path: str):
    import xmlschema  # imported here: it takes a moment and only validation needs it

    # Building the schema (xmlschema first builds the XSD meta-schema, in Python)
    # takes most of a cold `edition validate`; a compiled copy loads in a tenth of
    # the time. The cache is the user's own; any problem with it means a rebuild.
    cache = _xsd_cache_file(path, xmlschema.__version__)
    if cache is not None and cache.is_file():
        try:
            with cache.open("rb") as f:
                return pickle.load(f)
        except Exception:
            pass
    try:
        # allow="local": imports may come from files but never from the network.
        schema = xmlschema.XMLSchema(path, allow="local", defuse="always")
    except Exception as exc:  # xmlschema raises many kinds for a bad schema
        detail = getattr(exc, "message", None) or _first_line(str(exc))
        where = getattr(exc, "path", None)
        if where:
            detail += f" (at {where})"
        raise SchemaProblem(
            Finding(display_path(path), getattr(exc, "sourceline", None), None, ERROR, "schema",
                    f"XSD schema cannot be compiled: {detail}")
        ) from None
    if cache is not None:
        tmp = None
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".xsd-")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(schema, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except Exception:  # no cache: the next run builds the schema again
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
    return schema


@lru_cache(maxsize=None)
def _schematron(path: str):
    # Imported here, as xmlschema is: a build forks its workers before it validates,
    # and what the build's process imports before then delays every step.
    from lxml import isoschematron

    try:
        return isoschematron.Schematron(_parse_schema_xml(Path(path), "Schematron"), store_report=True)
    except (etree.SchematronParseError, etree.XSLTParseError, etree.XSLTApplyError, etree.LxmlError) as exc:
        raise SchemaProblem(
            Finding(display_path(path), None, None, ERROR, "schema",
                    f"Schematron schema cannot be compiled (it must use queryBinding=\"xslt\", "
                    f"XPath 1.0): {' '.join(str(exc).split())}")
        ) from None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


# --- the three checks ---------------------------------------------------------------


def _locate(doc: SourceDocument, node) -> tuple[int | None, int | None]:
    """Line and column of an element (or of the element owning an attribute/text)."""
    if node is None:
        return None, None
    if not isinstance(node, etree._Element) and hasattr(node, "getparent"):
        node = node.getparent()
    if isinstance(node, etree._Element):
        return doc.position(node)
    return None, None


def _node_at(doc: SourceDocument, xpath: str | None):
    if not xpath:
        return None
    try:
        hits = doc.tree.xpath(xpath)
    except (etree.XPathError, etree.XPathEvalError):
        return None
    return hits[0] if isinstance(hits, list) and hits else None


def check_relaxng(doc: SourceDocument, limit: int = MAX_FINDINGS) -> Checked:
    schema = _relaxng(str(_schema_file(RELAXNG_FILE, "RELAX NG")))
    return _relaxng_findings(schema, doc, "relaxng", limit)


def _relaxng_findings(schema: etree.RelaxNG, doc: SourceDocument, rule: str, limit: int = MAX_FINDINGS) -> Checked:
    """Validate ``doc`` with a compiled RELAX NG schema; one finding per logged error."""
    if schema.validate(doc.tree):
        return Checked([])
    log = schema.error_log
    out = []
    for entry in log[:limit] if len(log) > limit else log:
        line, col = _locate(doc, _node_at(doc, entry.path))
        line = line or entry.line or None
        if line is not None and col is None:
            col = _line_start_column(doc, line)
        out.append(Finding(doc.display, line, col, ERROR, rule, _readable_names(entry.message, doc)))
    return Checked(out, max(0, len(log) - limit))


def _line_start_column(doc: SourceDocument, line: int) -> int:
    """Where a libxml2 error that gives only a line is placed: the first tag on
    that line, or else its first character that is not white space."""
    for element in doc.elements_on_line(line):
        where = doc.position(element)
        if where[0] == line and where[1] is not None:
            return where[1]
    text = doc.lines[line - 1] if 1 <= line <= len(doc.lines) else ""
    return len(text) - len(text.lstrip()) + 1


def check_xsd(doc: SourceDocument, limit: int = MAX_FINDINGS) -> Checked:
    schema = _xsd(str(_schema_file(XSD_FILE, "XSD")))
    out = []
    more = 0
    try:
        errors = list(schema.iter_errors(doc.tree, validation_hook=_stop_after(limit)))
    except Exception as exc:  # a crash inside xmlschema must still be a finding
        return Checked([Finding(doc.display, None, None, ERROR, "xsd",
                                f"XSD validation stopped: {_first_line(str(exc))}")])
    if len(errors) > limit:
        errors, more = errors[:limit], len(errors) - limit
    seen = set()
    for err in errors:
        node = getattr(err, "invalid_child", None)
        if node is None:
            node = getattr(err, "elem", None)
        line, col = _locate(doc, node) if isinstance(node, etree._Element) else (getattr(err, "sourceline", None), None)
        message = _xsd_message(err.reason or err.message or str(err))
        # xmlschema reports a value that fails a union type once per member type:
        # one finding per attribute (or element) and place is enough.
        key = (line, col, _XSD_ATTRIBUTE.match(message).group(1) if _XSD_ATTRIBUTE.match(message) else message)
        if key in seen:
            continue
        seen.add(key)
        out.append(Finding(doc.display, line, col, ERROR, "xsd", _readable_names(message, doc)))
    return Checked(out, more, exact=not more)


def _stop_after(limit: int):
    """A ``validation_hook`` for xmlschema that stops the validation once more
    than ``limit`` errors are collected.

    xmlschema validates the document's root as one unit and only then yields
    its errors, so ``iter_errors`` is not lazy: a document with 200,000 errors
    took minutes (an error costs time in proportion to its element's children).
    The hook is called as each element is entered, by the function that holds
    the validation context; it gives the context an error list that stops the
    validation (``XMLSchemaStopValidation``, which ``iter_errors`` catches and
    then yields what was collected) when one error too many is appended. Should
    a later xmlschema call it elsewhere, the hook does nothing: no cap, but the
    same findings."""
    from xmlschema.validators.exceptions import XMLSchemaStopValidation

    class Capped(list):
        def append(self, error) -> None:
            super().append(error)
            if len(self) > limit:
                raise XMLSchemaStopValidation()

    capped = False

    def hook(element, xsd_element) -> bool:
        nonlocal capped
        if not capped:  # the first call is the root's: its context is the validation's
            capped = True
            context = sys._getframe(1).f_locals.get("context")
            if type(getattr(context, "errors", None)) is list:
                context.errors = Capped(context.errors)
        return False  # validate the element as usual

    return hook


_XSD_ATTRIBUTE = re.compile(r"attribute ([\w:.-]+)='([^']*)'")
_DATE_ATTRIBUTES = {"when", "from", "to", "notBefore", "notAfter"}


def _xsd_message(reason: str) -> str:
    """xmlschema's reason, without Python class names, and in the edition's words
    for ISO dates (a union type, of which xmlschema names only one member)."""
    m = _XSD_ATTRIBUTE.match(reason)
    if m and m.group(1) in _DATE_ATTRIBUTES:
        return (f"attribute {m.group(1)}='{m.group(2)}' is not an ISO 8601 date "
                "(YYYY, YYYY-MM or YYYY-MM-DD)")
    return re.sub(r"\s*for <class '[^']*'>", "", reason)


def check_schematron(doc: SourceDocument, limit: int = MAX_FINDINGS) -> Checked:
    schema = _schematron(str(_schema_file(SCHEMATRON_FILE, "Schematron")))
    try:
        schema.validate(doc.tree)
    except etree.LxmlError as exc:
        return Checked([Finding(doc.display, None, None, ERROR, "schematron",
                                f"Schematron validation stopped: {_first_line(str(exc))}")])
    report = schema.validation_report
    if report is None:
        return Checked([])
    out = []
    more = 0
    rule_context, rule_id = "", None
    for node in report.getroot().iterchildren():
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag == "fired-rule":
            rule_context, rule_id = node.get("context", ""), node.get("id")
        elif tag in ("failed-assert", "successful-report") and len(out) == limit:
            more += 1
        elif tag in ("failed-assert", "successful-report"):
            text_node = node.find(f"{{{SVRL_NS}}}text")
            text = "".join(text_node.itertext()) if text_node is not None else ""
            text = text.strip() or f"test failed: {node.get('test', '')}"
            line, col = _locate(doc, _node_at(doc, node.get("location")))
            role = (node.get("role") or "").lower()
            severity = WARNING if role in ("warning", "warn", "info", "information") else ERROR
            rule = node.get("id") or rule_id or f"schematron {rule_context}"
            out.append(Finding(doc.display, line, col, severity, rule, text))
    return Checked(out, more)


_CLARK = re.compile(r"\{([^{}\s]*)\}([A-Za-z_][\w.\-]*)")


def _readable_names(message: str, doc: SourceDocument) -> str:
    """Write ``{namespace}name`` as ``tei:name`` (or the document's own prefix)."""
    prefixes = {uri: prefix for prefix, uri in (doc.tree.getroot().nsmap or {}).items() if prefix}
    prefixes.setdefault(TEI_NS, "tei")

    def repl(m: re.Match) -> str:
        prefix = prefixes.get(m.group(1))
        return f"{prefix}:{m.group(2)}" if prefix else m.group(2)

    return _CLARK.sub(repl, message)
