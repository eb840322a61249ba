"""The edition's TEI customization (schema/): RELAX NG, XSD, Schematron and the ODD.

- the article and every valid fixture pass all three checks and are tei_all-valid;
- every invalid fixture fails with the rule, at the line, with the message its header
  comment announces (``<!-- expect: RULE @ LINE : substring -->``), and with no other rule:
  once through ``tei_edition.validate.validate()`` (what users run) and once directly with
  lxml / xmlschema / lxml.isoschematron (so the schemas are tested on their own);
- RELAX NG and XSD give the same verdict on every fixture and on seeded random mutations;
- the ODD agrees with the grammars (value lists, element inventory) and with the
  Schematron (constraint specifications), and is itself a valid TEI document.

The compiled schemas are cached at module level; tei_all (several seconds to load) comes
from the session fixture ``tei_all`` in conftest.py, which skips when ../shared/tei is absent.
"""

from __future__ import annotations

import copy
import random
import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree, isoschematron

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema"
RNG_FILE = SCHEMA / "edition.rng"
XSD_FILE = SCHEMA / "edition.xsd"
SCH_FILE = SCHEMA / "edition.sch"
ODD_FILE = SCHEMA / "edition.odd"
ARTICLE = ROOT / "edition" / "article.xml"
FIXTURES = ROOT / "tests" / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
NS = {"tei": TEI_NS, "rng": RNG_NS, "sch": SCH_NS, "xsl": XSL_NS, "svrl": SVRL_NS, "a": A_NS}

EXPECT = re.compile(r"<!--\s*expect:\s*(?P<rule>[\w.-]+)\s*@\s*(?P<line>\d+)\s*:\s*(?P<text>.*?)\s*-->")
EXPECT_WARNING = re.compile(
    r"<!--\s*expect-warning:\s*(?P<rule>[\w.-]+)\s*@\s*(?P<line>\d+)\s*:\s*(?P<text>.*?)\s*-->")
GRAMMAR_RULES = {"relaxng", "xsd"}
# Refused by the XML parser (the xml:id specification) before any schema runs.
PARSER_RULE = "xml-id"
# The parser's error types for xml:id (duplicate, not an NCName).
XML_ID_ERRORS = {"DTD_ID_REDEFINED", "DTD_XMLID_VALUE"}


def _ids(paths):
    return [p.name for p in paths]


# --- compiled schemas, once per module ------------------------------------------------

_CACHE: dict[str, object] = {}


def relaxng() -> etree.RelaxNG:
    if "rng" not in _CACHE:
        _CACHE["rng"] = etree.RelaxNG(etree.parse(str(RNG_FILE)))
    return _CACHE["rng"]


def xsd():
    if "xsd" not in _CACHE:
        import xmlschema

        _CACHE["xsd"] = xmlschema.XMLSchema(str(XSD_FILE), allow="local", defuse="always")
    return _CACHE["xsd"]


def schematron() -> isoschematron.Schematron:
    if "sch" not in _CACHE:
        _CACHE["sch"] = isoschematron.Schematron(etree.parse(str(SCH_FILE)), store_report=True)
    return _CACHE["sch"]


# --- running the three checks directly ---------------------------------------------------

_CLARK = re.compile(r"\{([^{}\s]*)\}([A-Za-z_][\w.\-]*)")


def _readable(message: str) -> str:
    """``{tei-ns}name`` as ``tei:name``, other namespaces dropped (as tei_edition.validate does)."""
    return _CLARK.sub(lambda m: f"tei:{m.group(2)}" if m.group(1) == TEI_NS else m.group(2), message)


class Checked:
    """Direct results of the parser, RELAX NG, XSD and Schematron for one file."""

    def __init__(self, path: Path):
        self.path = path
        self.parse_errors: list[tuple[str, int, str]] = []
        parser = etree.XMLParser()  # its own error log: the exception's log is global
        try:
            self.tree = etree.parse(str(path), parser)
        except etree.XMLSyntaxError:
            self.parse_errors = [(PARSER_RULE if e.type_name in XML_ID_ERRORS else "well-formed", e.line, e.message)
                                 for e in parser.error_log if e.level_name in ("ERROR", "FATAL")]
            # xml:id errors (duplicate, not an NCName) stop lxml's parser; a recovering
            # parser keeps the document so that the grammars can be asked too.
            self.tree = etree.parse(str(path), etree.XMLParser(recover=True))
        rng = relaxng()
        self.rng_ok = rng.validate(self.tree)
        self.rng_errors = [(e.line, e.message) for e in rng.error_log]
        self.xsd_errors = []
        for err in xsd().iter_errors(self.tree):
            node = getattr(err, "invalid_child", None)
            if node is None:
                node = getattr(err, "elem", None)
            line = getattr(node, "sourceline", None) or getattr(err, "sourceline", None)
            self.xsd_errors.append((line, _readable(err.reason or err.message or str(err))))
        sch = schematron()
        sch.validate(self.tree)
        self.sch = []  # (id, role, line, message)
        for node in sch.validation_report.xpath("//svrl:failed-assert | //svrl:successful-report",
                                                namespaces=NS):
            hits = self.tree.xpath(node.get("location"))
            line = hits[0].sourceline if hits else None
            text = " ".join("".join(node.find(f"{{{SVRL_NS}}}text").itertext()).split())
            self.sch.append((node.get("id"), node.get("role"), line, text))

    @property
    def xsd_ok(self) -> bool:
        return not self.xsd_errors

    @property
    def sch_errors(self):
        return [f for f in self.sch if (f[1] or "").lower() not in ("warning", "warn", "info")]

    @property
    def sch_warnings(self):
        return [f for f in self.sch if (f[1] or "").lower() in ("warning", "warn", "info")]

    def findings(self) -> list[tuple[str, int | None, str]]:
        """Every error as (rule, line, message), with the rule names validate() uses."""
        out = list(self.parse_errors)
        out += [("relaxng", line, msg) for line, msg in self.rng_errors]
        out += [("xsd", line, msg) for line, msg in self.xsd_errors]
        out += [(rule, line, msg) for rule, _, line, msg in self.sch_errors]
        return out

    def report(self) -> str:
        return "\n".join(f"  {rule} @ {line}: {msg}" for rule, line, msg in self.findings()) or "  (none)"


_CHECKED: dict[Path, Checked] = {}


def checked(path: Path) -> Checked:
    if path not in _CHECKED:
        _CHECKED[path] = Checked(path)
    return _CHECKED[path]


def expectations(path: Path, pattern=EXPECT) -> list[tuple[str, int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(m["rule"], int(m["line"]), m["text"]) for m in pattern.finditer(text)]


def allowed_rules(expected: list[tuple[str, int, str]]) -> set[str]:
    """A fixture breaks one rule: a grammar rule is reported by both grammars; an xml:id
    that the parser refuses is refused by both grammars too (when they get to see it)."""
    rules = {rule for rule, _, _ in expected}
    if rules & (GRAMMAR_RULES | {PARSER_RULE}):
        rules |= GRAMMAR_RULES
    return rules


# --- the fixtures themselves ------------------------------------------------------------------


def test_fixture_inventory():
    assert (FIXTURES / "valid" / "minimal.xml") in VALID
    assert len(VALID) >= 3, "minimal.xml and at least two other valid fixtures"
    assert len(INVALID) >= 24, f"only {len(INVALID)} invalid fixtures"
    for path in INVALID:
        found = expectations(path)
        assert found, f"{path.name}: no <!-- expect: RULE @ LINE : message --> header"
        assert len({rule for rule, _, _ in found} - GRAMMAR_RULES) <= 1, f"{path.name} expects several rules"
    for path in VALID:
        assert not expectations(path), f"{path.name}: a valid fixture cannot expect an error"


def test_every_schematron_rule_has_a_fixture():
    """Each error assertion of edition.sch is broken by some invalid fixture; each warning is
    shown by some valid fixture."""
    sch = etree.parse(str(SCH_FILE))
    errors = {a.get("id") for a in sch.iterfind(".//sch:assert", NS) if a.get("role") != "warning"}
    warnings = {a.get("id") for a in sch.iterfind(".//sch:assert", NS) if a.get("role") == "warning"}
    broken = {rule for path in INVALID for rule, _, _ in expectations(path)}
    shown = {rule for path in VALID for rule, _, _ in expectations(path, EXPECT_WARNING)}
    assert errors - broken == set(), "Schematron rules without an invalid fixture"
    assert warnings - shown == set(), "Schematron warnings without a valid fixture"


def test_fixture_coverage_of_required_cases():
    """The cases the customization was specified with each have a fixture."""
    names = {p.stem for p in INVALID}
    required = {
        "missing-ref-persname-in-text", "unknown-place-type", "bad-iso-date-month", "when-with-from",
        "reversed-range", "dangling-ref", "persname-points-to-place", "citation-points-to-person",
        "unused-org", "bad-geo-format", "latitude-out-of-range", "empty-persname", "nested-names",
        "javascript-target", "bad-num-value", "p-without-n", "paragraph-number-gap",
        "abstract-mismatch", "citation-number-mismatch", "bad-xml-lang", "unknown-element",
        "bad-email", "duplicate-xml-id", "event-where-to-org",
    }
    assert required - names == set()


# --- the article ----------------------------------------------------------------------------


def test_article_relaxng():
    c = checked(ARTICLE)
    assert c.parse_errors == [] and c.rng_ok, c.report()


def test_article_xsd():
    c = checked(ARTICLE)
    assert c.xsd_ok, c.report()


def test_article_schematron_no_errors_no_warnings():
    c = checked(ARTICLE)
    assert c.sch == [], c.report() + "\n" + repr(c.sch_warnings)


@pytest.mark.slow
def test_article_tei_all(tei_all):
    assert tei_all.validate(etree.parse(str(ARTICLE))), str(tei_all.error_log)


def test_article_through_validate():
    from tei_edition.validate import validate

    findings = validate(ARTICLE)
    assert findings == [], "\n".join(f"{f.rule} @ {f.line}: {f.message}" for f in findings)


# --- valid fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_fixture_passes_all_three(path):
    c = checked(path)
    assert c.findings() == [], c.report()
    expected = sorted((rule, line) for rule, line, _ in expectations(path, EXPECT_WARNING))
    got = sorted((rule, line) for rule, _, line, _ in c.sch_warnings)
    assert got == expected, f"warnings {got}, expected {expected}"
    for rule, line, text in expectations(path, EXPECT_WARNING):
        assert any(r == rule and ln == line and text in msg for r, _, ln, msg in c.sch_warnings), (rule, text)


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_fixture_through_validate(path):
    from tei_edition.validate import validate

    findings = validate(path)
    errors = [f for f in findings if f.is_error]
    assert errors == [], "\n".join(f"{f.rule} @ {f.line}: {f.message}" for f in errors)
    expected = expectations(path, EXPECT_WARNING)
    assert sorted((f.rule, f.line) for f in findings) == sorted((r, ln) for r, ln, _ in expected)
    for rule, line, text in expected:
        assert any(f.rule == rule and f.line == line and text in f.message for f in findings)


@pytest.mark.slow
@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_fixture_tei_all(path, tei_all):
    assert tei_all.validate(etree.parse(str(path))), str(tei_all.error_log)


# --- invalid fixtures -------------------------------------------------------------------------


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_fixture_direct(path):
    """lxml / xmlschema / isoschematron report the expected rule, line and message, and
    nothing else."""
    c = checked(path)
    found = c.findings()
    for rule, line, text in expectations(path):
        # The parser's own words for xml:id errors ("ID p2 already defined") are not
        # the edition's (xmlsafe rephrases them): here only the rule and line count.
        # libxml2 gives some RELAX NG errors no line at all ("Element event failed to
        # validate attributes"): validate places them, as the next test checks.
        assert any(r == rule and (ln == line or (rule == "relaxng" and not ln))
                   and (text in msg or rule == PARSER_RULE) for r, ln, msg in found), (
            f"expected {rule} @ {line} containing {text!r}; got:\n{c.report()}")
    extra = {r for r, _, _ in found} - allowed_rules(expectations(path))
    assert not extra, f"rules broken besides the expected one: {extra}\n{c.report()}"


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_fixture_through_validate(path):
    """What users see: ``tei_edition.validate.validate`` reports the expected finding."""
    from tei_edition.validate import validate

    findings = validate(path)
    shown = "\n".join(f"  {f.rule} @ {f.line}: {f.message}" for f in findings)
    for rule, line, text in expectations(path):
        assert any(f.rule == rule and f.line == line and text in f.message and f.is_error
                   for f in findings), f"expected {rule} @ {line} containing {text!r}; got:\n{shown}"
    extra = {f.rule for f in findings if f.is_error} - allowed_rules(expectations(path))
    assert not extra, f"rules broken besides the expected one: {extra}\n{shown}"


# --- RELAX NG and XSD agree ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [ARTICLE, *VALID, *INVALID], ids=_ids([ARTICLE, *VALID, *INVALID]))
def test_relaxng_and_xsd_same_verdict(path):
    c = checked(path)
    assert c.rng_ok == c.xsd_ok, f"RELAX NG {'accepts' if c.rng_ok else 'refuses'}, XSD does not:\n{c.report()}"
    if any(rule in GRAMMAR_RULES | {PARSER_RULE} for rule, _, _ in expectations(path)):
        assert not c.rng_ok and not c.xsd_ok, "a grammar fixture must be refused by both grammars"


# Every source a schema sees: the parser refuses the xml:id fixtures first, in a build as in validate.
SCHEMA_CASES = [p for p in [ARTICLE, *VALID, *INVALID] if all(r != PARSER_RULE for r, _, _ in expectations(p))]


@pytest.mark.parametrize("path", SCHEMA_CASES, ids=_ids(SCHEMA_CASES))
def test_the_builds_check_reports_what_validate_reports(path):
    """``edition build`` checks the XSD only when RELAX NG or Schematron found an error
    (``xsd_only_on_error``): it must refuse exactly the sources ``edition validate``
    refuses, with the same findings."""
    from tei_edition import xmlsafe
    from tei_edition.validate import validate_document

    doc = xmlsafe.load(path)
    full = validate_document(doc)
    assert validate_document(doc, xsd_only_on_error=True) == full


def test_a_build_of_a_valid_source_does_not_check_the_xsd(tmp_path):
    """The point of ``xsd_only_on_error``: xmlschema (0.2 s of CPU) is not even imported
    by the build of a valid source; the build of an invalid one reports the XSD's
    findings beside the others (the test above)."""
    import subprocess
    import sys

    code = ("import sys; from tei_edition.build import build; "
            f"build({str(ARTICLE)!r}, {str(tmp_path / 'out')!r}, ['data']); "
            "print('xmlschema' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False", shown.stderr


def _mutations(tree: etree._ElementTree, rand: random.Random, count: int):
    """Small random edits: drop, set or change an attribute; drop, copy, rename or move an
    element; put text where it may not be."""
    elements = [e for e in tree.iter(etree.Element)]
    names = sorted({etree.QName(e).localname for e in elements}) + ["hi"]
    attrs = sorted({k for e in elements for k in e.attrib}) + ["rend", "n", "type"]
    values = sorted({v for e in elements for v in e.attrib.values()}) + [
        "", " ", "#", "#1a", "javascript:alert(1)", "1922-02-29", "1924-02-29", "-1", "+5", "007",
        "3.5", "en-", "EN", "12.5 -200.1", "a@b", "xiv", "ftp://a/b"]
    for _ in range(count):
        doc = copy.deepcopy(tree)
        els = list(doc.iter(etree.Element))
        el = rand.choice(els)
        parent = el.getparent()
        op = rand.randrange(7)
        if op == 0 and el.attrib:
            del el.attrib[rand.choice(list(el.attrib))]
        elif op == 1:
            el.set(rand.choice(attrs), rand.choice(values))
        elif op == 2 and parent is not None:
            parent.remove(el)
        elif op == 3 and parent is not None:
            parent.insert(parent.index(el), copy.deepcopy(el))
        elif op == 4:
            el.tag = f"{{{TEI_NS}}}{rand.choice(names)}"
        elif op == 5:
            if len(el):
                el[rand.randrange(len(el))].tail = rand.choice(["word", " "])
            else:
                el.text = rand.choice(["", "word", " "])
        elif op == 6 and parent is not None:
            other = rand.choice(els)
            if other is not el and other is not parent and el not in other.iterancestors():
                parent.remove(el)
                other.append(el)
        # Serialize and re-read, as a file would be (recovering: ids may now clash).
        yield etree.fromstring(etree.tostring(doc), etree.XMLParser(recover=True)).getroottree()


@pytest.mark.parametrize("name", ["minimal.xml", "full-features.xml"])
def test_relaxng_and_xsd_agree_on_random_mutations(name):
    base = etree.parse(str(FIXTURES / "valid" / name))
    rand = random.Random(20261124)
    disagree = []
    for doc in _mutations(base, rand, 250):
        rng_ok, xsd_ok = relaxng().validate(doc), xsd().is_valid(doc)
        if rng_ok != xsd_ok:
            disagree.append((rng_ok, xsd_ok, [e.message for e in relaxng().error_log][:2],
                             [e.reason for e in xsd().iter_errors(doc)][:2]))
    assert disagree == [], disagree[:5]


# --- schema files: documentation, identifiers, locality --------------------------------------


def test_rng_every_define_documented():
    rng = etree.parse(str(RNG_FILE))
    undocumented = [d.get("name") for d in rng.iterfind("rng:define", NS)
                    if d.find("a:documentation", NS) is None and d.find("rng:element/a:documentation", NS) is None]
    assert undocumented == []


def test_rng_one_define_per_element():
    rng = etree.parse(str(RNG_FILE))
    for element in rng.iter(f"{{{RNG_NS}}}element"):
        define = element.getparent()
        assert etree.QName(define).localname == "define", f"element {element.get('name')} outside a define"
        name = define.get("name")
        assert name == element.get("name") or name.startswith(element.get("name") + "."), name


def test_schematron_asserts_have_ids_and_show_values():
    sch = etree.parse(str(SCH_FILE))
    assert sch.getroot().get("queryBinding") == "xslt"
    asserts = list(sch.iterfind(".//sch:assert", NS)) + list(sch.iterfind(".//sch:report", NS))
    ids = [a.get("id") for a in asserts]
    assert None not in ids and len(ids) == len(set(ids))
    without_value = [a.get("id") for a in asserts if a.find("sch:value-of", NS) is None]
    assert without_value == []
    assert len(sch.findall(".//sch:let", NS)) <= 3, "sch:let is to be used sparingly"


def test_xsd_imports_only_local_files():
    xsd_doc = etree.parse(str(XSD_FILE))
    locations = [i.get("schemaLocation") for i in xsd_doc.iter("{http://www.w3.org/2001/XMLSchema}import")]
    assert locations == ["xml.xsd"]
    assert (SCHEMA / "xml.xsd").is_file()


# --- the ODD agrees with the grammars and the Schematron --------------------------------------


def rng_value_lists() -> dict[tuple[str, str], set[str]]:
    """(element, attribute) -> the <value>s its attribute pattern allows, over all the
    element's defines (e.g. persName.mention, persName.entry, persName.loose)."""
    tree = etree.parse(str(RNG_FILE))
    defines = {d.get("name"): d for d in tree.iterfind("rng:define", NS)}

    def walk(node, seen):  # descendants, through refs, not into nested elements
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "element":
                continue
            if local == "ref":
                if child.get("name") not in seen:
                    yield from walk(defines[child.get("name")], seen | {child.get("name")})
                continue
            yield child
            yield from walk(child, seen)

    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for element in tree.iter(f"{{{RNG_NS}}}element"):
        for att in walk(element, frozenset()):
            if etree.QName(att).localname != "attribute":
                continue
            values = {v.text for v in walk(att, frozenset()) if etree.QName(v).localname == "value"}
            if values:
                out[(element.get("name"), att.get("name"))] |= values
    return dict(out)


def xsd_value_lists() -> dict[tuple[str, str], set[str]]:
    import xmlschema

    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for component in xsd().iter_components():
        if isinstance(component, xmlschema.validators.XsdElement):
            for name, att in component.attributes.items():
                enumeration = getattr(att.type, "enumeration", None) if name else None
                if enumeration:
                    out[(component.local_name, _readable(name).split(":")[-1])] |= set(enumeration)
    return dict(out)


def odd_value_lists() -> dict[tuple[str, str], set[str]]:
    odd = etree.parse(str(ODD_FILE))
    out: dict[tuple[str, str], set[str]] = {}
    for att in odd.iterfind(".//tei:schemaSpec//tei:elementSpec/tei:attList/tei:attDef", NS):
        val_list = att.find("tei:valList", NS)
        if val_list is None:
            continue
        assert val_list.get("type") == "closed", att.get("ident")
        element = att.getparent().getparent().get("ident")
        out[(element, att.get("ident"))] = {v.get("ident") for v in val_list.iterfind("tei:valItem", NS)}
    return out


def test_rng_has_closed_lists_for_every_type():
    """Every @type the grammar allows, on any element, is a closed list of values."""
    lists = rng_value_lists()
    rng = etree.parse(str(RNG_FILE))
    typed = {el.get("name") for el in rng.iter(f"{{{RNG_NS}}}element")
             for att in el.iter(f"{{{RNG_NS}}}attribute") if att.get("name") == "type"}
    assert {"persName", "placeName", "orgName", "name", "place", "org", "biblStruct", "date",
            "div", "note", "title", "idno", "eventName"} <= typed
    open_types = sorted(name for name in typed if (name, "type") not in lists)
    assert open_types == [], f"@type without a closed list on {open_types}"
    assert ("biblScope", "unit") in lists and ("date", "cert") in lists


def test_odd_value_lists_equal_rng():
    odd, rng = odd_value_lists(), rng_value_lists()
    assert sorted(odd) == sorted(rng), (set(odd) ^ set(rng))
    different = {k: (sorted(odd[k]), sorted(rng[k])) for k in rng if odd[k] != rng[k]}
    assert different == {}


def test_xsd_enumerations_equal_rng():
    x, rng = xsd_value_lists(), rng_value_lists()
    assert sorted(x) == sorted(rng), (set(x) ^ set(rng))
    different = {k: (sorted(x[k]), sorted(rng[k])) for k in rng if x[k] != rng[k]}
    assert different == {}


def test_odd_includes_exactly_the_rng_elements():
    odd = etree.parse(str(ODD_FILE))
    spec = odd.find(".//tei:schemaSpec", NS)
    assert spec.get("ident") == "edition" and spec.get("start") == "TEI"
    refs = spec.findall("tei:moduleRef", NS)
    assert "tei" in {r.get("key") for r in refs}
    included = [name for r in refs for name in (r.get("include") or "").split()]
    assert len(included) == len(set(included)), "an element is included by two modules"
    rng = etree.parse(str(RNG_FILE))
    assert set(included) == {e.get("name") for e in rng.iter(f"{{{RNG_NS}}}element")}


def _canonical_rules(parent) -> list[str]:
    """sch:rule elements as comparable strings (namespace declarations and layout ignored)."""
    out = []
    for rule in parent.iter(f"{{{SCH_NS}}}rule"):
        rule = copy.deepcopy(rule)
        for node in rule.iter():
            node.tail = " ".join((node.tail or "").split()) or None
            if len(node) or node.text:
                node.text = " ".join((node.text or "").split()) or None
        etree.cleanup_namespaces(rule)
        out.append(re.sub(r"\s+xmlns(:\w+)?=\"[^\"]*\"", "", etree.tostring(rule, encoding="unicode")))
    return out


def test_odd_constraints_equal_schematron():
    sch = etree.parse(str(SCH_FILE))
    odd = etree.parse(str(ODD_FILE))
    patterns = {p.get("id"): _canonical_rules(p) for p in sch.iterfind("sch:pattern", NS)}
    specs = {c.get("ident"): _canonical_rules(c) for c in odd.iterfind(".//tei:schemaSpec/tei:constraintSpec", NS)}
    assert sorted(specs) == sorted(patterns)
    for ident, rules in patterns.items():
        assert specs[ident] == rules, f"constraintSpec {ident} differs from the Schematron pattern"
    decl = odd.find(".//tei:schemaSpec/tei:constraintDecl", NS)
    assert decl.get("queryBinding") == "xslt"
    odd_keys = {(k.get("name"), k.get("match"), k.get("use")) for k in decl.iterfind("xsl:key", NS)}
    sch_keys = {(k.get("name"), k.get("match"), k.get("use")) for k in sch.getroot().iterfind("xsl:key", NS)}
    assert odd_keys == sch_keys
    assert ({(n.get("prefix"), n.get("uri")) for n in decl.iterfind("sch:ns", NS)}
            == {(n.get("prefix"), n.get("uri")) for n in sch.getroot().iterfind("sch:ns", NS)})


def test_odd_documents_the_conventions():
    odd = etree.parse(str(ODD_FILE))
    prose = " ".join(" ".join(d.itertext()) for d in odd.iterfind(".//tei:body/tei:div", NS)
                     if d.find(".//tei:schemaSpec", NS) is None)
    for topic in ["ISO 8601", "ref", "standOff", "editorial", "telephone", "personal-data"]:
        assert topic in prose, topic


@pytest.mark.slow
def test_odd_is_valid_tei(tei_all):
    assert tei_all.validate(etree.parse(str(ODD_FILE))), str(tei_all.error_log)
