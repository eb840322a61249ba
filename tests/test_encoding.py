"""The editorial rules of the editorialDecl, checked on the article itself.

Each rule the header states "one way" is tested where it applies, so that a new
mention, date or quantity that breaks it fails here with the place it breaks it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "edition" / "article.xml"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NAMES = {f"{{{TEI}}}{n}" for n in ("persName", "placeName", "orgName", "name")}


@pytest.fixture(scope="module")
def tei() -> etree._Element:
    return etree.parse(str(ARTICLE), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def texts_to_check(tei):
    """(text node, its parent element) in the text, the standoff notes and the editors'
    sources, where the tagging rule applies: not in words quoted as words, not in the
    titles of journals (containers), not in register values."""
    scopes = [tei.find("t:text", NS), *tei.findall("t:standOff//t:note", NS),
              *tei.findall("t:standOff//t:desc", NS),
              *tei.findall("t:teiHeader/t:fileDesc/t:sourceDesc/t:listBibl/t:bibl", NS)]
    for scope in scopes:
        for node in scope.xpath(".//text()"):
            parent = node.getparent()
            chain = [parent, *parent.iterancestors()]
            if any(etree.QName(a).localname in ("q", "mentioned") for a in chain):
                continue
            if any(etree.QName(a).localname == "title" and a.get("level") == "j" for a in chain):
                continue
            yield node, chain


@pytest.mark.parametrize("word", ["European", "German", "Turkish", "Georgian", "Armenian", "Ottoman",
                                  "Central Asian", "Turkestani", "Bolshevik", "Chekist", "Russian"])
def test_adjectival_forms_are_tagged_everywhere(tei, word):
    untagged = []
    for node, chain in texts_to_check(tei):
        for m in re.finditer(rf"\b{word}\b", str(node)):
            named = any(a.tag in NAMES and a.get("ref") for a in chain)
            following = str(node)[m.end():m.end() + 8]
            if not named and not following.startswith(" Empire"):  # "Russian Empire", "Ottoman Empire" as names
                untagged.append((chain[0].sourceline, str(node)[max(0, m.start() - 30):m.end() + 20]))
    assert untagged == [], untagged


def test_soviet_is_tagged_where_it_names_the_state(tei):
    """'Soviet' names the Soviet state everywhere but in a period or school
    (Post-Soviet, Soviet historiography, the Soviet era) and journal titles."""
    untagged = []
    for node, chain in texts_to_check(tei):
        for m in re.finditer(r"\bSoviet\b", str(node)):
            around = str(node)[max(0, m.start() - 5):m.end() + 15]
            if any(a.tag in NAMES for a in chain) or any(etree.QName(a).localname == "date" for a in chain):
                continue
            if "Post-Soviet" in around or "Soviet historiography" in around or "Soviet Union" in around:
                continue
            untagged.append((chain[0].sourceline, around))
    assert untagged == [], untagged


def test_states_are_organisations(tei):
    assert tei.findall("t:standOff/t:listPlace/t:place[@type='state']", NS) == []
    states = {o.get(XML_ID) for o in tei.findall("t:standOff/t:listOrg/t:org[@type='state']", NS)}
    assert {"ottoman-empire", "russian-empire", "soviet-state", "emirate-of-bukhara"} <= states


def test_vague_bounds_carry_cert_and_exact_periods_do_not_pretend(tei):
    for el in tei.iter():
        if el.get("notBefore") or el.get("notAfter"):
            assert el.get("cert"), (el.sourceline, etree.tostring(el)[:80])
    spring = [d for d in tei.iter(f"{{{TEI}}}date") if "".join(d.itertext()) == "spring 1922"]
    assert spring and all(d.get("notBefore") == "1922-03" and d.get("notAfter") == "1922-05" for d in spring)
    era = [d for d in tei.iter(f"{{{TEI}}}date") if "".join(d.itertext()) == "Soviet era"]
    assert era and all(d.get("cert") for d in era)


def test_quantities_keep_their_hedge(tei):
    found = 0
    for num in tei.find("t:text", NS).iter(f"{{{TEI}}}num"):
        before = (num.getprevious().tail if num.getprevious() is not None else num.getparent().text) or ""
        if before.endswith("up to "):
            assert num.get("atMost") == num.get("value"), num.sourceline
            found += 1
        elif before.endswith("approximately "):
            assert num.get("type") == "approximate", num.sourceline
            found += 1
    assert found == 3  # up to 25,000; approximately 16,000; approximately 10,000
    words = {"".join(n.itertext()): n.get("value") for n in tei.find("t:text", NS).iter(f"{{{TEI}}}num")}
    assert words["two"] == "2" and words["three"] == "3"


def test_register_facts_say_where_they_come_from(tei):
    ids = {e.get(XML_ID): e for e in tei.iter() if e.get(XML_ID)}
    stand = tei.find("t:standOff", NS)
    facts = [*stand.findall("t:listPerson/t:person", NS), *stand.findall("t:listPlace/t:place", NS),
             *stand.findall("t:listOrg/t:org", NS), *stand.findall("t:listEvent/t:event", NS),
             *stand.findall("t:listRelation/t:relation", NS)]
    for entry in facts:
        assert entry.get("source") or entry.get("resp"), entry.get(XML_ID) or entry.get("name")
    for el in tei.iter():
        if el.get("source"):
            target = ids[el.get("source").lstrip("#")]
            kinds = {etree.QName(a).localname for a in [target, *target.iterancestors()]}
            assert kinds & {"p", "table", "titlePage", "bibl"}, el.get("source")
            if "sourceDesc" in kinds:
                assert target.getparent().get("type") == "sources"


def test_reference_5_as_printed_with_the_published_record(tei):
    printed = tei.find(".//t:back//t:bibl[@n='5']", NS)
    words = " ".join("".join(t for t in printed.xpath("text() | *[not(self::t:note)]//text()", namespaces=NS)).split())
    assert "(2014)" in words and "50(4), 619-635" in words
    note = printed.find("t:note[@type='editorial']", NS)
    assert "35" in "".join(note.itertext()) and "40-69" in "".join(note.itertext())
    record = tei.find(".//t:biblStruct[@xml:id='yilmaz2014']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    imprint = record.find("t:monogr/t:imprint", NS)
    assert imprint.find("t:date", NS).get("when") == "1999-10"
    assert imprint.find("t:biblScope[@unit='volume']", NS).text == "35"
    assert imprint.find("t:biblScope[@unit='page']", NS).get("from") == "40"
    for el in (imprint.find("t:date", NS), imprint.find("t:biblScope[@unit='volume']", NS),
               imprint.find("t:biblScope[@unit='page']", NS)):
        assert el.get("resp") == "#edition-team"


def test_authors_of_records_hold_names_only(tei):
    for author in tei.findall("t:standOff/t:listBibl/t:biblStruct//t:author", NS):
        assert (author.text or "").strip() == "" and all((c.tail or "").strip() == "" for c in author)


def test_header_states_the_edition(tei):
    header = tei.find("t:teiHeader", NS)
    assert header.find("t:fileDesc/t:titleStmt/t:title[@type='edition']", NS) is not None
    availability = header.find("t:fileDesc/t:publicationStmt/t:availability", NS)
    assert availability.get("status") == "free"
    assert "creativecommons.org/licenses/by/" in availability.find("t:licence", NS).get("target")
    for ref in header.findall("t:encodingDesc/t:schemaRef", NS):
        assert (ARTICLE.parent / ref.get("url")).is_file(), ref.get("url")
    listing = [d for d in tei.iter(f"{{{TEI}}}date") if d.get("when") == "2015-07-06"]
    assert listing and all(d.get("type") == "listing" for d in listing)
