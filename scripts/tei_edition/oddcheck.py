"""Compile ``schema/edition.odd`` with the TEI Consortium's own ODD processor and check that
it gives the same verdicts as the edition's hand-kept schemas.

The chain is the one the TEI uses for its own schemas: ``odds/odd2odd.xsl`` (merge the
customization into the P5 source, ``p5subset.xml``), then ``odds/odd2relax.xsl`` (RELAX NG)
and ``odds/extract-isosch.xsl`` (ISO Schematron), all run by saxonche. Neither the
Stylesheets nor the P5 source is on a package registry, so the caller passes their paths
(a checkout of TEIC/Stylesheets, and a ``p5subset.xml`` built from TEIC/TEI with
``P5/Utilities/expand.xsl`` then ``subset.xsl``: ``build_p5subset`` does that).

What is compared, document by document (the article, every fixture, and one copy of a
valid document per closed value list with a value outside the list):

- the edition's verdict: ``edition.rng`` + ``edition.xsd`` + ``edition.sch`` (what
  ``edition validate`` runs); the ODD's verdict: its compiled RELAX NG + its extracted
  Schematron, both run by lxml (the Schematron therefore has to be XPath 1.0);
- the Schematron rule ids that fire (errors and warnings) on both sides;
- the extracted Schematron against ``edition.sch``: the same namespaces, keys and
  assertions (context, test, role, lets, message), and nothing else;
- the project's own assertions once more under XSLT 2.0 semantics (Saxon), where an
  XPath-1-only idiom such as ``100 * not(...)`` is a type error.

The ODD pins its P5 version (``schemaSpec/@source``, a ``tei:x.y.z`` Vault address that needs
the network); the check substitutes the given ``p5subset.xml`` in a temporary copy of the
ODD and prints both versions.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import tempfile
from pathlib import Path

from lxml import etree, isoschematron

from . import validate as edition_validate
from .findings import ERROR
from .paths import ROOT, display_path, schema_dir
from .xmlsafe import XMLInputError, load_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS, "sch": SCH_NS, "xsl": XSL_NS, "svrl": SVRL_NS}

ODD_FILE = "edition.odd"
SCHEMATRON_FILE = "edition.sch"
ARTICLE = ROOT / "edition" / "article.xml"
FIXTURES = ROOT / "tests" / "fixtures"
# A value that no closed list of the edition holds.
BOGUS_VALUE = "not-in-the-list"


class OddCheckError(Exception):
    """The tools could not be found or run; the message says which and why."""


# --- running the TEI's stylesheets ----------------------------------------------------


def _run(stylesheet: Path, source: Path, output: Path, **params: str) -> None:
    """Run one of the TEI's stylesheets (compiled once per process, by ``transform``)."""
    from saxonche import PySaxonApiError

    from . import transform
    from .findings import BuildError

    try:
        executable = transform.compile(stylesheet)
    except BuildError as exc:
        raise OddCheckError(f"{stylesheet}: cannot be compiled: {' '.join(str(exc).split())}") from None
    try:
        executable.clear_parameters()
        for name, value in params.items():
            executable.set_parameter(name, transform.processor().make_string_value(value))
        executable.transform_to_file(source_file=str(source), output_file=str(output))
    except PySaxonApiError as exc:
        raise OddCheckError(f"{stylesheet.name} failed on {source}: {' '.join(str(exc).split())}") from None
    if not output.is_file() or output.stat().st_size == 0:
        raise OddCheckError(f"{stylesheet.name} wrote nothing for {source}")


def build_p5subset(tei_p5: Path, output: Path) -> Path:
    """Build ``p5subset.xml`` from a TEIC/TEI checkout's ``P5`` folder, as the TEI's own build
    does (``expand.xsl`` on ``Source/guidelines-en.xml``, then ``subset.xsl``).

    ``expand.xsl`` reads ``P5/repodate.xml`` (written by the TEI's Makefile from ``git log``);
    when it is missing the build stops with a message saying how to write it.
    """
    driver = tei_p5 / "Source" / "guidelines-en.xml"
    for needed in (driver, tei_p5 / "Utilities" / "expand.xsl", tei_p5 / "Utilities" / "subset.xsl"):
        if not needed.is_file():
            raise OddCheckError(f"{needed}: not found (expected a TEIC/TEI checkout's P5 folder)")
    if not (tei_p5 / "repodate.xml").is_file():
        raise OddCheckError(
            f"{tei_p5 / 'repodate.xml'}: not found; write it as the TEI Makefile does: git log "
            "--max-count=1 --pretty=format:'<info type=\"git\"><entry><commit revision=\"%h\"><date>%ai"
            "</date></commit></entry></info>' > P5/repodate.xml")
    with tempfile.TemporaryDirectory() as tmp:
        expanded = Path(tmp) / "p5.xml"
        _run(tei_p5 / "Utilities" / "expand.xsl", driver, expanded)
        _run(tei_p5 / "Utilities" / "subset.xsl", expanded, output)
    return output


@dataclasses.dataclass
class CompiledOdd:
    rng: Path
    isosch: Path
    pinned_source: str  # schemaSpec/@source as written in the ODD
    p5_version: str  # the edition of the p5subset.xml actually used


def p5_version(p5subset: Path) -> str:
    """'4.12.0' (or '4.9.0a, revision 112b3b64b') from a p5subset.xml's editionStmt."""
    try:
        tree = etree.parse(str(p5subset), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OddCheckError(f"{p5subset}: not a p5subset.xml: {' '.join(str(exc).split())}") from None
    edition = tree.find(f".//{{{TEI_NS}}}editionStmt/{{{TEI_NS}}}edition")
    if edition is None:
        return "unknown"
    text = " ".join("".join(edition.itertext()).split())
    version = re.search(r"Version (\S+)", text)
    revision = re.search(r"revision (\S+)", text)
    out = version.group(1).rstrip(".") if version else "unknown"
    return f"{out}, revision {revision.group(1).rstrip('.')}" if revision else out


def compile_odd(odd: Path, stylesheets: Path, p5subset: Path, out_dir: Path) -> CompiledOdd:
    """odd2odd, odd2relax, extract-isosch: ``out_dir`` receives edition.compiled.odd,
    edition.rng and edition.isosch."""
    odds = stylesheets / "odds"
    for needed in ("odd2odd.xsl", "odd2relax.xsl", "extract-isosch.xsl"):
        if not (odds / needed).is_file():
            raise OddCheckError(f"{odds / needed}: not found (expected a TEIC/Stylesheets checkout)")
    if not p5subset.is_file():
        raise OddCheckError(f"{p5subset}: not found (build it with --tei-p5, see schema/README.md)")
    version = p5_version(p5subset)  # refuses a file that is not XML before Saxon runs
    out_dir.mkdir(parents=True, exist_ok=True)
    # The pinned @source is a Vault URL; point the copy at the local p5subset.xml instead.
    try:
        tree = etree.parse(str(odd), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise OddCheckError(f"{odd}: {' '.join(str(exc).split())}") from None
    spec = tree.find(f".//{{{TEI_NS}}}schemaSpec")
    if spec is None:
        raise OddCheckError(f"{odd}: no schemaSpec")
    pinned = spec.get("source", "")
    spec.set("source", p5subset.resolve().as_uri())
    local_odd = out_dir / "edition.local.odd"
    tree.write(str(local_odd), xml_declaration=True, encoding="UTF-8")

    compiled = out_dir / "edition.compiled.odd"
    _run(odds / "odd2odd.xsl", local_odd, compiled, defaultSource=p5subset.resolve().as_uri())
    rng = out_dir / "edition.rng"
    _run(odds / "odd2relax.xsl", compiled, rng)
    isosch = out_dir / "edition.isosch"
    _run(odds / "extract-isosch.xsl", compiled, isosch)
    return CompiledOdd(rng, isosch, pinned, version)


# --- the documents --------------------------------------------------------------------


@dataclasses.dataclass
class Case:
    name: str
    expect_valid: bool
    data: bytes


def closed_lists(odd_tree: etree._ElementTree) -> list[tuple[str, str]]:
    """(element, attribute) for every closed value list of the ODD."""
    out = []
    for att in odd_tree.iterfind(f".//{{{TEI_NS}}}elementSpec/{{{TEI_NS}}}attList/{{{TEI_NS}}}attDef"):
        if att.find(f"{{{TEI_NS}}}valList[@type='closed']") is not None:
            out.append((att.getparent().getparent().get("ident"), att.get("ident")))
    return out


def _attribute_name(ident: str) -> str:
    return f"{{{XML_NS}}}{ident[4:]}" if ident.startswith("xml:") else ident


def cases(odd_tree: etree._ElementTree) -> list[Case]:
    """The article, the fixtures, and a bogus value in each closed list."""
    valid = [ARTICLE, *sorted((FIXTURES / "valid").glob("*.xml"))]
    out = [Case(display_path(p), True, p.read_bytes()) for p in valid]
    out += [Case(display_path(p), False, p.read_bytes()) for p in sorted((FIXTURES / "invalid").glob("*.xml"))]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    trees = [(p, etree.parse(str(p), parser)) for p in valid]
    for element, attribute in closed_lists(odd_tree):
        name = _attribute_name(attribute)
        for path, tree in trees:
            hits = tree.getroot().xpath(f"//tei:{element}[@*[name() = '{attribute}']]", namespaces=NS)
            if hits:
                mutated = copy.deepcopy(tree)
                target = mutated.getroot().xpath(f"//tei:{element}[@*[name() = '{attribute}']]", namespaces=NS)[0]
                target.set(name, BOGUS_VALUE)
                out.append(Case(f"{element}/@{attribute}={BOGUS_VALUE} ({path.name})", False,
                                etree.tostring(mutated, xml_declaration=True, encoding="UTF-8")))
                break
        else:
            out.append(Case(f"{element}/@{attribute}: used by no valid document", False, b""))
    return out


# --- verdicts -------------------------------------------------------------------------


@dataclasses.dataclass
class Verdict:
    valid: bool | None  # None: not checked
    rules: tuple[str, ...] = ()  # rule ids (errors, then "warning:" ids)

    def label(self) -> str:
        if self.valid is None:
            return "-"
        return ("valid" if self.valid else "invalid") + (f" [{', '.join(self.rules)}]" if self.rules else "")


def _recovered(data: bytes) -> etree._ElementTree:
    """A document the safe parser refuses (an xml:id error) parsed leniently, still
    without DTD, entities or network, so that a grammar can judge it."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)
    return etree.ElementTree(etree.fromstring(data, parser))


def edition_verdict(case: Case) -> tuple[Verdict, Verdict, Verdict]:
    """(grammars, Schematron, parser) verdicts of the edition's schemas."""
    try:
        doc = load_bytes(case.data, case.name)
    except XMLInputError as exc:
        rules = tuple(sorted({f.rule for f in exc.findings}))
        return Verdict(None), Verdict(None), Verdict(False, rules)
    grammar = edition_validate.check_relaxng(doc).findings + edition_validate.check_xsd(doc).findings
    sch = edition_validate.check_schematron(doc).findings
    return (Verdict(not any(f.is_error for f in grammar), tuple(sorted({f.rule for f in grammar}))),
            _sch_verdict([(f.rule, f.severity == ERROR) for f in sch]),
            Verdict(True))


def _sch_verdict(fired: list[tuple[str, bool]]) -> Verdict:
    errors = sorted({rule for rule, is_error in fired if is_error})
    warnings = sorted({f"warning:{rule}" for rule, is_error in fired if not is_error})
    return Verdict(not errors, tuple(errors + warnings))


RNG_NS = "http://relaxng.org/ns/structure/1.0"
_REPEATS = {f"{{{RNG_NS}}}{name}" for name in ("zeroOrMore", "oneOrMore", "optional")}
_GROUPS = _REPEATS | {f"{{{RNG_NS}}}group"}


def _without_empty_in_groups(tree: etree._ElementTree) -> etree._ElementTree:
    """Apply two of RELAX NG's own simplification rules (spec section 4.20) to odd2relax's
    output: a repeat of ``empty`` is ``empty``, and ``empty`` beside other patterns in a group
    is dropped. The grammar means the same; libxml2 (lxml) otherwise refuses valid content of
    listPerson, listPlace, listOrg and listEvent, whose TEI content models lose their
    relation/listRelation alternatives in this customization (jing accepts either form)."""
    empty = f"{{{RNG_NS}}}empty"

    def patterns(el):
        return [k for k in el if isinstance(k.tag, str) and k.tag.startswith(f"{{{RNG_NS}}}")]

    changed = True
    while changed:
        changed = False
        for el in list(tree.getroot().iter(*_REPEATS)):
            kids = patterns(el)
            if kids and all(k.tag == empty for k in kids):
                replacement = etree.Element(empty)
                replacement.tail = el.tail
                el.getparent().replace(el, replacement)
                changed = True
        for el in list(tree.getroot().iter(empty)):
            parent = el.getparent()
            if parent.tag in _GROUPS and len(patterns(parent)) > 1:
                parent.remove(el)
                changed = True
    return tree


class OddSchemas:
    """The compiled RELAX NG and extracted Schematron, run by lxml."""

    def __init__(self, compiled: CompiledOdd):
        try:
            self.rng = etree.RelaxNG(_without_empty_in_groups(etree.parse(str(compiled.rng))))
        except etree.LxmlError as exc:
            raise OddCheckError(f"{compiled.rng}: lxml cannot compile the ODD's RELAX NG: {exc}") from None
        try:
            self.sch = isoschematron.Schematron(etree.parse(str(compiled.isosch)), store_report=True,
                                                store_xslt=True)
        except etree.LxmlError as exc:
            raise OddCheckError(
                f"{compiled.isosch}: lxml cannot compile the ODD's Schematron (XPath 1.0): "
                f"{' '.join(str(exc).split())}") from None

    def verdict(self, case: Case, parsed: bool) -> tuple[Verdict, Verdict]:
        if not parsed:
            tree = _recovered(case.data)
            return Verdict(self.rng.validate(tree), ()), Verdict(None)
        tree = load_bytes(case.data, case.name).tree
        rng_ok = self.rng.validate(tree)
        rng_rules = () if rng_ok else ("relaxng",)
        self.sch.validate(tree)
        fired = []
        for node in self.sch.validation_report.getroot().iter(f"{{{SVRL_NS}}}failed-assert",
                                                               f"{{{SVRL_NS}}}successful-report"):
            role = (node.get("role") or "").lower()
            fired.append((node.get("id") or f"(no id) {node.get('test')}",
                          role not in ("warning", "warn", "info", "information", "nonfatal")))
        return Verdict(rng_ok, rng_rules), _sch_verdict(fired)


def grammar_rule_ids(odd_tree: etree._ElementTree) -> frozenset[str]:
    """Ids of the ODD's own constraints inside an elementSpec or classSpec: rules that
    edition.rng and edition.xsd state in their grammar (an attribute required in one
    context, a URL allowed in another) and that the ODD language can only state as
    Schematron. They are not in edition.sch, which stays silent where the grammar reports."""
    return frozenset(
        a.get("id") for a in odd_tree.xpath(
            "//tei:schemaSpec/*[self::tei:elementSpec or self::tei:classSpec]//tei:constraintSpec"
            "//sch:assert[@id] | //tei:schemaSpec/*[self::tei:elementSpec or self::tei:classSpec]"
            "//tei:constraintSpec//sch:report[@id]", namespaces=NS))


@dataclasses.dataclass
class Row:
    case: Case
    parser: Verdict  # the safe parser (xml:id errors refuse a document before any schema)
    grammars: Verdict  # edition.rng + edition.xsd
    schematron: Verdict  # edition.sch
    odd_grammar: Verdict  # the ODD's RELAX NG + its grammar constraints
    odd_schematron: Verdict  # the ODD's other constraints (= edition.sch)
    odd_rng_valid: bool | None = None  # the ODD's RELAX NG alone

    @property
    def edition_valid(self) -> bool:
        return bool(self.parser.valid) and bool(self.grammars.valid) and self.schematron.valid is not False

    @property
    def odd_valid(self) -> bool:
        return bool(self.odd_grammar.valid) and self.odd_schematron.valid is not False

    @property
    def agree(self) -> bool:
        """The expected verdict from both; the grammar layers agree; the same Schematron
        rules fire (errors and warnings)."""
        if not self.case.data:
            return False
        return (self.edition_valid == self.odd_valid == self.case.expect_valid
                and (bool(self.parser.valid) and bool(self.grammars.valid)) == bool(self.odd_grammar.valid)
                and self.schematron.rules == self.odd_schematron.rules)


def verdict_rows(compiled: CompiledOdd, odd: Path, schemas: OddSchemas) -> list[Row]:
    odd_tree = etree.parse(str(odd))
    grammar_ids = grammar_rule_ids(odd_tree)
    rows = []
    for case in cases(odd_tree):
        if not case.data:
            rows.append(Row(case, *(Verdict(None),) * 5))
            continue
        grammars, schematron, parser = edition_verdict(case)
        odd_rng, odd_sch = schemas.verdict(case, parsed=bool(parser.valid))
        in_grammar = tuple(r for r in odd_sch.rules if r in grammar_ids)
        others = tuple(r for r in odd_sch.rules if r not in grammar_ids)
        odd_grammar = Verdict(bool(odd_rng.valid) and not in_grammar, odd_rng.rules + in_grammar)
        odd_schematron = Verdict(None) if odd_sch.valid is None else Verdict(
            not any(not r.startswith("warning:") for r in others), others)
        rows.append(Row(case, parser, grammars, schematron, odd_grammar, odd_schematron, odd_rng.valid))
    return rows


# --- the Schematron, compared ---------------------------------------------------------


def _message(el: etree._Element) -> str:
    """An assertion's message, prefixes left out: ``<sch:name/>`` and ``<name/>`` (in the
    Schematron namespace by default) read the same."""

    def walk(node) -> str:
        out = node.text or ""
        for child in node:
            if isinstance(child.tag, str):
                attrs = "".join(f' {k}="{v}"' for k, v in sorted(child.attrib.items()))
                out += f"<{etree.QName(child).localname}{attrs}>{walk(child)}</>"
            out += child.tail or ""
        return out

    # Whitespace between two elements is the serializer's (extract-isosch indents its
    # output); users see messages with whitespace collapsed anyway.
    return re.sub(r"</> <", "</><", " ".join(walk(el).split()))


def schematron_signature(tree: etree._ElementTree) -> dict[str, object]:
    """What makes two Schematron schemas behave alike: query binding, namespaces, keys,
    and per assertion its context, lets, test, role and message."""
    root = tree.getroot()
    asserts = {}
    for rule in root.iter(f"{{{SCH_NS}}}rule"):
        lets = tuple((let.get("name"), " ".join(let.get("value", "").split()))
                     for let in rule.iterfind(f"{{{SCH_NS}}}let"))
        for test in rule:
            if test.tag not in (f"{{{SCH_NS}}}assert", f"{{{SCH_NS}}}report"):
                continue
            key = test.get("id") or f"(no id) {rule.get('context')} {test.get('test')}"
            asserts[key] = (etree.QName(test).localname, " ".join(rule.get("context", "").split()), lets,
                            " ".join(test.get("test", "").split()), test.get("role"), _message(test))
    keys = sorted({(k.get("name"), k.get("match"), k.get("use")) for k in root.iter(f"{{{XSL_NS}}}key")})
    ns = sorted({(n.get("prefix"), n.get("uri")) for n in root.iter(f"{{{SCH_NS}}}ns")})
    return {"queryBinding": root.get("queryBinding"), "ns": ns, "keys": keys, "asserts": asserts}


def compare_schematron(extracted: Path, edition_sch: Path, grammar_ids: frozenset[str]) -> list[str]:
    """Differences between the ODD's extracted Schematron and edition.sch ([] if none).
    The extraction may hold the ODD's grammar constraints (``grammar_ids``) besides, and
    namespaces that it declares for itself but no assertion uses."""
    got = schematron_signature(etree.parse(str(extracted)))
    want = schematron_signature(etree.parse(str(edition_sch)))
    out = []
    if got["queryBinding"] != want["queryBinding"]:
        out.append(f"queryBinding: extracted {got['queryBinding']!r}, edition.sch {want['queryBinding']!r}")
    missing_ns = set(want["ns"]) - set(got["ns"])
    if missing_ns:
        out.append(f"namespaces missing from the extraction: {sorted(missing_ns)}")
    if got["keys"] != want["keys"]:
        out.append(f"keys: extracted {got['keys']}, edition.sch {want['keys']}")
    for rule in sorted(set(got["asserts"]) | set(want["asserts"])):
        a, b = got["asserts"].get(rule), want["asserts"].get(rule)
        if a is None:
            out.append(f"{rule}: in edition.sch, not in the ODD")
        elif b is None and rule not in grammar_ids:
            out.append(f"{rule}: in the ODD's extraction, not in edition.sch")
        elif b is None:
            continue
        elif a != b:
            fields = ("kind", "context", "lets", "test", "role", "message")
            diff = [f for f, x, y in zip(fields, a, b) if x != y]
            out.append(f"{rule}: differs in {', '.join(diff)}")
    return out


# --- XPath 2.0 --------------------------------------------------------------------------


def xslt2_failures(schemas: OddSchemas, rows: list[Row]) -> list[str]:
    """Run the Schematron that lxml generated from the extraction once more under XSLT 2.0
    (Saxon, version="2.0": no XPath 1.0 compatibility mode) on every parsed document;
    an expression that only XPath 1.0 accepts fails here (e.g. XPTY0004)."""
    from saxonche import PySaxonApiError

    from .transform import processor as saxon_processor

    xslt = copy.deepcopy(schemas.sch.validator_xslt)
    xslt.getroot().set("version", "2.0")
    processor = saxon_processor()
    compiler = processor.new_xslt30_processor()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        stylesheet = Path(tmp) / "schematron.xsl"
        xslt.write(str(stylesheet))
        try:
            executable = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
        except PySaxonApiError as exc:
            return [f"the Schematron does not compile as XSLT 2.0: {' '.join(str(exc).split())}"]
        for row in rows:
            if not row.case.data or not row.parser.valid:
                continue
            try:
                node = processor.parse_xml(xml_text=row.case.data.decode("utf-8"))
                executable.transform_to_string(xdm_node=node)
            except PySaxonApiError as exc:
                out.append(f"{row.case.name}: {' '.join(str(exc).split())[:300]}")
    return out


# --- jing -------------------------------------------------------------------------------


def jing_disagreements(compiled: CompiledOdd, rows: list[Row], jing: str | None = None) -> list[str] | None:
    """The documents on which jing (the reference RELAX NG validator, run on odd2relax's
    output as it is) and lxml (run on the simplified grammar) disagree; None without jing."""
    import shutil
    import subprocess

    jing = jing or shutil.which("jing")
    if not jing:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for n, row in enumerate(rows):
            if row.case.data:
                path = Path(tmp) / f"case{n:03d}.xml"
                path.write_bytes(row.case.data)
                files[str(path)] = row
        done = subprocess.run([jing, str(compiled.rng), *files], capture_output=True, text=True, timeout=600)
        refused = {line.split(":", 1)[0] for line in (done.stdout + done.stderr).splitlines() if line.strip()}
    unknown = refused - set(files)
    if unknown:
        return [f"jing: {' '.join((done.stdout + done.stderr).split())[:300]}"]
    out = []
    for path, row in files.items():
        lxml_valid = bool(row.odd_rng_valid)
        if (path not in refused) != lxml_valid:
            out.append(f"{row.case.name}: jing {'refuses' if path in refused else 'accepts'}, "
                       f"lxml {'accepts' if lxml_valid else 'refuses'}")
    return out


# --- the report -----------------------------------------------------------------------


@dataclasses.dataclass
class Report:
    compiled: CompiledOdd
    rows: list[Row]
    schematron_differences: list[str]
    xslt2: list[str]
    jing: list[str] | None  # None: jing is not installed

    @property
    def ok(self) -> bool:
        return (all(r.agree for r in self.rows) and not self.schematron_differences and not self.xslt2
                and not self.jing and bool(self.compiled.pinned_source))


def check(stylesheets: Path, p5subset: Path, out_dir: Path | None = None) -> Report:
    odd = schema_dir() / ODD_FILE
    with tempfile.TemporaryDirectory() as tmp:
        compiled = compile_odd(odd, stylesheets, p5subset, out_dir or Path(tmp))
        schemas = OddSchemas(compiled)
        rows = verdict_rows(compiled, odd, schemas)
        grammar_ids = grammar_rule_ids(etree.parse(str(odd)))
        differences = compare_schematron(compiled.isosch, schema_dir() / SCHEMATRON_FILE, grammar_ids)
        missing = sorted(grammar_ids - set(schematron_signature(etree.parse(str(compiled.isosch)))["asserts"]))
        differences += [f"{rule}: a grammar constraint of the ODD missing from the extraction" for rule in missing]
        xslt2 = xslt2_failures(schemas, rows)
        jing = jing_disagreements(compiled, rows)
    return Report(compiled, rows, differences, xslt2, jing)


def format_report(report: Report) -> str:
    lines = [
        f"ODD schemaSpec/@source: {report.compiled.pinned_source or '(none: the ODD pins no P5 version)'}",
        f"P5 source used: {report.compiled.p5_version}",
        "",
    ]
    header = ("document", "expected", "edition rng+xsd", "ODD rng+grammar rules", "edition sch", "ODD sch",
              "agree")
    table = [header]
    for r in report.rows:
        grammars = r.parser.label() if r.parser.valid is False else r.grammars.label()
        table.append((r.case.name, "valid" if r.case.expect_valid else "invalid", grammars, r.odd_grammar.label(),
                      r.schematron.label(), r.odd_schematron.label(), "yes" if r.agree else "NO"))
    widths = [min(max(len(row[i]) for row in table), 60) for i in range(len(header))]
    for row in table:
        lines.append(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if row is header:
            lines.append("-+-".join("-" * w for w in widths))
    agree = sum(r.agree for r in report.rows)
    lines += ["", f"{agree}/{len(report.rows)} documents: same verdict"]
    lines.append("extracted Schematron = edition.sch: " + ("yes" if not report.schematron_differences else "NO"))
    lines += [f"  {d}" for d in report.schematron_differences]
    lines.append("Schematron under XSLT 2.0: " + ("no error" if not report.xslt2 else "ERRORS"))
    lines += [f"  {d}" for d in report.xslt2]
    if report.jing is None:
        lines.append("jing: not installed (the ODD's RELAX NG was run by lxml only)")
    else:
        lines.append("jing on the ODD's RELAX NG, as compiled: " + ("same verdicts as lxml" if not report.jing
                                                                  else "DIFFERENT verdicts"))
        lines += [f"  {d}" for d in report.jing]
    return "\n".join(lines)
