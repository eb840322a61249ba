"""The HTML reading edition (xslt/html.xsl + tei_edition.steps_html), without a browser.

The edition is built once per session into a temporary folder by the real build
step. Expected values are computed here from the TEI source with lxml, not from
the stylesheets, so that a regression in the shared XSLT model shows up too.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import missing_tool, run_step

from tei_edition import paths, xmlsafe
from tei_edition.build import BuildContext
from tei_edition.findings import BuildError
from tei_edition.steps_html import build_html

ROOT = paths.ROOT
SOURCE = ROOT / "edition" / "article.xml"
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

PAGES = ["index.html", "persons.html", "places.html", "organisations.html",
         "chronology.html", "bibliography.html", "about.html"]
REGISTER_FILE = {"person": "persons.html", "place": "places.html", "org": "organisations.html",
                 "event": "chronology.html", "biblStruct": "bibliography.html"}
# Files of the other writers that about.html offers for download (output/data, output/pdf).
DOWNLOADS = {
    "../pdf/article.pdf", "../data/article.xml",
    "../data/persons.json", "../data/persons.csv",
    "../data/places.json", "../data/places.csv", "../data/places.geojson",
    "../data/organisations.json", "../data/organisations.csv",
    "../data/chronology.json", "../data/chronology.csv",
    "../data/bibliography.json", "../data/bibliography.csv", "../data/bibliography.csl.json",
    "../data/bibliography.bib", "../data/dublin-core.xml", "../data/sitemap.xml", "../data/outputs.json",
    "../data/relations.json", "../data/relations.csv", "../data/affiliations.json", "../data/affiliations.csv",
    "../data/graph.graphml",
    "../data/schema/edition.rng", "../data/schema/edition.xsd", "../data/schema/edition.sch",
    "../data/schema/edition.odd",
}


# --- building ------------------------------------------------------------------------------


def build_into(out: Path, source_bytes: bytes | None = None, source_path: Path = SOURCE,
               params: dict | None = None) -> Path:
    """Run the real html step on a source (the edition's, or given bytes) into ``out/html``."""
    return run_step("html", out, params, source_path=source_path, source_bytes=source_bytes)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return build_into(tmp_path_factory.mktemp("html-site"))


@pytest.fixture(scope="session")
def tei():
    return etree.parse(str(SOURCE), etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="session")
def pages(site) -> dict[str, lxml_html.HtmlElement]:
    return {name: lxml_html.document_fromstring((site / name).read_text(encoding="utf-8")) for name in PAGES}


def norm(text: str) -> str:
    return " ".join(text.split())


def by_id(root) -> dict[str, lxml_html.HtmlElement]:
    return {el.get("id"): el for el in root.iter(etree.Element) if el.get("id")}


# --- the TEI, read independently of the stylesheets -------------------------------------------


def tei_text(tei):
    return tei.getroot().find("t:text", NS)


def entries(tei) -> dict[str, etree._Element]:
    stand = tei.getroot().find("t:standOff", NS)
    return {el.get(XML_ID): el for el in stand.iter(etree.Element) if el.get(XML_ID)
            and etree.QName(el).localname in REGISTER_FILE}


def name_mentions(tei) -> list[tuple[str, etree._Element, str]]:
    """(mention id, element, target id) for every tagged name in the text, in document order."""
    seen: dict[str, int] = defaultdict(int)
    found = []
    for el in tei_text(tei).iter(etree.Element):
        local = etree.QName(el).localname
        if local in ("persName", "placeName", "orgName", "name") and el.get("ref"):
            target = el.get("ref").lstrip("#")
            seen[target] += 1
            found.append((f"m-{target}-{seen[target]}", el, target))
    return found


def dated_mentions(tei) -> list[tuple[str, etree._Element]]:
    """(d-N, element) for the dates of the front matter and body outside notes."""
    found = []
    for n, el in enumerate(tei_text(tei).iter(f"{{{TEI}}}date"), start=1):
        ancestors = [etree.QName(a).localname for a in el.iterancestors()]
        if ("front" in ancestors or "body" in ancestors) and "note" not in ancestors:
            found.append((f"d-{n}", el))
    return found


def citations(tei) -> list[tuple[str, etree._Element, str]]:
    seen: dict[str, int] = defaultdict(int)
    found = []
    for el in tei_text(tei).iter(f"{{{TEI}}}ref"):
        if el.get("type") == "citation":
            target = el.get("target").lstrip("#")
            seen[target] += 1
            found.append((f"cite-{target}-{seen[target]}", el, target))
    return found


def tei_string(el) -> str:
    return norm("".join(el.itertext()))


def pad(iso: str, end: bool) -> str:
    if re.fullmatch(r"\d{4}", iso):
        return iso + ("-12-31" if end else "-01-01")
    if re.fullmatch(r"\d{4}-\d{2}", iso):
        return iso + ("-31" if end else "-01")
    return iso


def date_sort_key(el) -> str:
    start = next(el.get(a) for a in ("when", "from", "notBefore", "to", "notAfter") if el.get(a))
    stop = next(el.get(a) for a in ("when", "to", "notAfter", "from", "notBefore") if el.get(a))
    return pad(start, False) + "/" + pad(stop, True)


# --- pages ------------------------------------------------------------------------------------


def test_every_page_is_written_as_html5_with_its_assets(site, pages):
    for name in PAGES:
        text = (site / name).read_text(encoding="utf-8")
        assert re.match(r"<!DOCTYPE html>", text, re.I), f"{name}: no HTML5 doctype"
        root = pages[name]
        assert root.get("lang") == "en", name
        assert root.find("head/meta[@charset]") is not None, name
        assert len(root.findall(".//h1")) == 1, f"{name}: one h1 per page"
        assert norm(root.findtext("head/title") or ""), f"{name}: empty title"
        assert root.find(".//main[@id='main']") is not None, name
        nav = [a.get("href") for a in root.findall(".//nav[@class='site-nav']//a")]
        assert nav == PAGES, f"{name}: navigation {nav}"
        current = root.findall(".//nav[@class='site-nav']//a[@aria-current='page']")
        assert [a.get("href") for a in current] == [name]
    for asset in ("edition.css", "edition.js", "icon.svg"):
        assert (site / "assets" / asset).read_bytes() == (ROOT / "xslt" / "assets" / asset).read_bytes()


def test_ids_are_unique_on_every_page(site):
    for name in PAGES:
        ids = re.findall(r'\sid="([^"]+)"', (site / name).read_text(encoding="utf-8"))
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        assert not dupes, f"{name}: duplicate ids {dupes[:10]}"


def test_every_tagged_name_links_to_its_register_entry_with_its_mention_id(tei, pages):
    ids = by_id(pages["index.html"])
    registers = entries(tei)
    mentions = name_mentions(tei)
    assert len(mentions) > 150
    for mention_id, el, target in mentions:
        link = ids.get(mention_id)
        assert link is not None, f"no element with id {mention_id}"
        kind = etree.QName(registers[target]).localname
        if any(a.get("ref") for a in el.iterancestors(f"{{{TEI}}}persName", f"{{{TEI}}}placeName",
                                                      f"{{{TEI}}}orgName", f"{{{TEI}}}name")):
            # A name inside an event's name: the event's name is the link (links do not nest).
            assert link.tag == "span" and link.getparent().tag in ("a", "span"), mention_id
        else:
            assert link.tag == "a", mention_id
            assert link.get("href") == f"{REGISTER_FILE[kind]}#{target}", mention_id
        assert norm(link.text_content()) == tei_string(el), mention_id
        assert link.get("data-card") == f"card-{target}", mention_id
        if el.get(XML_LANG):
            assert link.get("lang") == el.get(XML_LANG), mention_id


def test_every_dated_mention_links_to_the_chronology(tei, pages):
    ids = by_id(pages["index.html"])
    dates = dated_mentions(tei)
    assert len(dates) > 20
    for date_id, el in dates:
        link = ids.get(date_id)
        assert link is not None and link.tag == "a", date_id
        assert link.get("href") == f"chronology.html#{date_id}"
        assert norm(link.text_content()) == tei_string(el)
        if el.get("when"):
            assert link.find("time").get("datetime") == el.get("when")


def test_every_citation_links_to_its_bibliography_entry(tei, pages):
    ids = by_id(pages["index.html"])
    cites = citations(tei)
    assert len(cites) == 10
    for cite_id, el, target in cites:
        link = ids.get(cite_id)
        assert link is not None and link.tag == "a", cite_id
        assert link.get("href") == f"bibliography.html#{target}"
        assert norm(link.text_content()) == tei_string(el)
        assert link.get("data-card") == f"card-{target}"


def test_paragraphs_are_numbered_with_stable_anchors_and_citations(tei, pages):
    ids = by_id(pages["index.html"])
    paragraphs = tei_text(tei).findall("t:body//t:p[@n]", NS)
    assert [p.get("n") for p in paragraphs] == [str(n) for n in range(1, 11)]
    for n in range(1, 11):
        p = ids.get(f"p{n}")
        assert p is not None and p.tag == "p", f"p{n}"
        number = p.find(".//a[@class='pnum']")
        assert number.get("href") == f"#p{n}" and number.text == f"¶{n}"
        button = p.find(".//button[@class='copy-cite']")
        assert button is not None and button.get("type") == "button"
        cite = button.get("data-copy")
        assert f"¶{n}," in cite and cite.endswith(f"#p{n}.") and "Artikov" in cite


def test_tables_are_accessible_tables(tei, pages):
    ids = by_id(pages["index.html"])
    for table_id in ("table1", "table2"):
        tei_table = tei.getroot().find(f".//t:table[@xml:id='{table_id}']", NS | {"xml": "http://www.w3.org/XML/1998/namespace"})
        figure = ids[table_id]
        table = figure.find(".//table")
        assert norm(table.find("caption").text_content()) == tei_string(tei_table.find("t:head", NS))
        heads = table.findall("thead/tr/th")
        assert heads and all(th.get("scope") == "col" for th in heads)
        rows = table.findall("tbody/tr")
        assert len(rows) == len(tei_table.findall("t:row", NS)) - 1
        for tr, row in zip(rows, tei_table.findall("t:row", NS)[1:]):
            for cell_html, cell in zip(tr, row.findall("t:cell", NS)):
                expected = "th" if cell.get("role") == "label" else "td"
                assert cell_html.tag == expected
                if expected == "th":
                    assert cell_html.get("scope") == "row"
        scroller = table.getparent()
        assert scroller.get("tabindex") == "0" and scroller.get("aria-labelledby") == table.find("caption").get("id")


def test_page_breaks_notes_and_references(tei, pages):
    index = pages["index.html"]
    assert len(index.find_class("pb")) == len(tei_text(tei).findall(".//t:pb", NS))
    notes = tei_text(tei).findall(".//t:note[@type='editorial']", NS)
    ids = by_id(index)
    for n, note in enumerate(notes, start=1):
        note_id = note.get(XML_ID)
        marker = ids[f"ref-{note_id}"]
        assert marker.get("href") == f"#{note_id}" and norm(marker.text_content()).endswith(str(n))
        item = ids[note_id]
        assert item.get("value") == str(n)
        back = item.find(".//a[@class='backlink']")
        assert back.get("href") == f"#ref-{note_id}"
    for bibl in tei_text(tei).findall("t:back//t:bibl[@n]", NS):
        item = ids[bibl.get(XML_ID)]
        assert f"[{bibl.get('n')}]" in item.text_content()
        assert item.find(f".//a[@href='bibliography.html#{bibl.get('corresp').lstrip('#')}']") is not None
    # The omitted telephone is marked, never printed.
    assert "personal data" in index.find_class("gap")[0].text_content()


def test_languages_are_marked(pages):
    index = pages["index.html"]
    assert index.get("lang") == "en"
    uz = [norm(e.text_content()) for e in index.iter(etree.Element) if e.get("lang") == "uz-Latn"]
    ru = [norm(e.text_content()) for e in index.iter(etree.Element) if e.get("lang") == "ru"]
    assert "ANVAR POSHO" in uz and "Anvar Posho" in uz and "Jahon tarixining muhim sanalari" in uz
    assert "06 июля 2015" in ru
    persons = pages["persons.html"]
    assert any(e.get("lang") == "tr" and "İsmail Enver" in e.text_content() for e in persons.iter(etree.Element))


# --- links ------------------------------------------------------------------------------------


def link_values(root):
    for el in root.iter(etree.Element):
        for attr in ("href", "src"):
            value = el.get(attr)
            if value is not None:
                yield el, attr, value


def test_no_link_uses_a_scheme_other_than_http_https_mailto_or_a_relative_path(pages):
    for name, root in pages.items():
        for el, attr, value in link_values(root):
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in ("", "http", "https", "mailto"), f"{name}: <{el.tag} {attr}={value!r}>"
            loads = el.tag in ("script", "img", "source", "iframe", "audio", "video") or (
                el.tag == "link" and set((el.get("rel") or "").lower().split()) & {"stylesheet", "icon", "preload", "modulepreload", "manifest"})
            if loads:
                # Nothing the page loads comes from the network.
                assert scheme == "", f"{name}: <{el.tag} {attr}={value!r}> loads from the network"


def test_a_javascript_url_in_the_tei_never_becomes_an_href(tmp_path):
    data = SOURCE.read_bytes()
    bibl = b'<bibl xml:id="ref3" n="3" corresp="#olcott1981">'
    assert bibl in data
    data = data.replace(bibl, bibl + b'<ref target="javascript:alert(1)">online copy</ref> '
                                     b'<ptr target=" JavaScript:alert(2)"/> ', 1)
    ptr = re.search(rb'<ptr target="(https://n\.ziyouz\.com/[^"]+)"/>', data)
    assert ptr
    data = data.replace(ptr.group(0), b'<ptr target="javascript:alert(3)"/>', 1)
    licence = b'<licence target="https://creativecommons.org/licenses/by/4.0/">'
    data = data.replace(licence, b'<licence target="javascript:alert(4)">', 1)
    site = build_into(tmp_path, data, tmp_path / "mutated.xml")
    checked = 0
    for name in PAGES:
        text = (site / name).read_text(encoding="utf-8")
        root = lxml_html.document_fromstring(text)
        for el, attr, value in link_values(root):
            checked += 1
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            assert not squeezed.startswith(("javascript:", "vbscript:", "data:")), f"{name}: {attr}={value!r}"
        for el in root.iter(etree.Element):
            for attr, value in el.attrib.items():
                assert not attr.lower().startswith("on"), f"{name}: event handler attribute {attr}"
    assert checked > 100
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "online copy" in index  # the text is kept, without a link


def test_every_internal_link_and_fragment_resolves(site, pages):
    """Every relative href/src on every page names a file of the site and, with a
    fragment, an id in that file; links to the other outputs are the known downloads."""
    ids = {name: set(by_id(root)) for name, root in pages.items()}
    checked = 0
    for name, root in pages.items():
        for el, attr, value in link_values(root):
            parts = urlsplit(value)
            if parts.scheme:
                continue
            path = unquote(parts.path)
            if path.startswith("../"):
                assert path in DOWNLOADS, f"{name}: {value} leaves the HTML folder"
                checked += 1
                continue
            target = (site / (path or name)).resolve()
            assert target.is_file() and site.resolve() in target.parents, f"{name}: {value} does not exist"
            if parts.fragment:
                key = target.relative_to(site.resolve()).as_posix()
                assert parts.fragment in ids[key], f"{name}: {value}: no id {parts.fragment!r} in {key}"
            checked += 1
        # id references inside the page
        for el in root.iter(etree.Element):
            for attr in ("aria-labelledby", "aria-describedby", "aria-controls", "for"):
                for ref in (el.get(attr) or "").split():
                    assert ref in ids[name], f"{name}: {attr}={ref!r} refers to nothing"
            card = el.get("data-card")
            if card:
                template = root.get_element_by_id(card, None)
                assert template is not None and template.tag == "template", f"{name}: no template {card}"
    assert checked > 700, checked
    assert {v for root in pages.values() for _, _, v in link_values(root) if v.startswith("../")} == DOWNLOADS


def test_cards_hold_what_the_edition_knows(tei, site):
    text = (site / "index.html").read_text(encoding="utf-8")
    root = lxml_html.document_fromstring(text)
    templates = {t.get("id"): t for t in root.iter("template")}

    def card_text(card_id):
        # lxml keeps a template's children as ordinary children.
        return norm(templates[card_id].text_content())

    enver = card_text("card-enver")
    assert "Enver Pasha" in enver and "Anvar Posho" in enver and "22 November 1881" in enver
    assert "4 August 1922" in enver
    count = sum(1 for _, _, target in name_mentions(tei) if target == "enver")
    assert f"Named {count} times" in enver
    istanbul = templates["card-istanbul"]
    hrefs = {a.get("href") for a in istanbul.iter("a")}
    assert "https://www.wikidata.org/wiki/Q406" in hrefs and "https://www.geonames.org/745044" in hrefs
    assert "41.01384° N, 28.94966° E" in card_text("card-istanbul")
    assert "1914–1918" in card_text("card-ev-world-war-1")
    assert "Olcott" in card_text("card-olcott1981") and "Soviet Studies" in card_text("card-olcott1981")
    date_id = next(d for d, el in dated_mentions(tei) if el.get("notBefore") == "1930")
    assert "between 1930 and 1934" in card_text(f"card-{date_id}")
    # Every trigger of the page has its card.
    triggers = {el.get("data-card") for el in root.iter(etree.Element) if el.get("data-card")}
    assert triggers <= set(templates) and len(triggers) > 60


# --- registers --------------------------------------------------------------------------------


def sort_key(entry) -> str:
    main = entry.find("*[@type='main']")
    if main is None:
        main = next(iter(entry.iter(f"{{{TEI}}}persName", f"{{{TEI}}}placeName", f"{{{TEI}}}orgName")))
    surname, forename = main.find("t:surname", NS), main.find("t:forename", NS)
    if surname is not None:
        key = " ".join(x for x in (norm(surname.text), forename is not None and norm(forename.text) or "") if x)
    elif forename is not None:
        key = norm(forename.text)
    else:
        key = tei_string(main)
    return re.sub(r"^(the|a|an)\s+", "", key, flags=re.I).lower()


@pytest.mark.parametrize("page,list_name", [("persons.html", "listPerson"), ("places.html", "listPlace"),
                                            ("organisations.html", "listOrg")])
def test_registers_list_every_entry_in_order_with_every_mention(tei, pages, page, list_name):
    items = tei.getroot().find(f"t:standOff/t:{list_name}", NS)
    # The registers sort with the English collation, which ignores hyphens (Kokand, Kok-Tash).
    expected = sorted(items, key=lambda e: sort_key(e).replace("-", ""))
    root = pages[page]
    shown = [a.get("id") for a in root.findall(".//div[@class='entries']/article")]
    assert shown == [e.get(XML_ID) for e in expected]
    mentions = name_mentions(tei)
    for entry in expected:
        article = root.get_element_by_id(entry.get(XML_ID))
        assert norm(article.find("h2").text_content()).startswith(norm(
            tei_string(entry.find("*[@type='main']") if entry.find("*[@type='main']") is not None else entry[0])))
        links = [a.get("href") for a in article.findall(".//ul[@class='occurrences']//a")]
        wanted = [f"index.html#{m}" for m, _, target in mentions if target == entry.get(XML_ID)]
        assert links == wanted, entry.get(XML_ID)
        for idno in entry.findall("t:idno", NS):
            url = {"wikidata": "https://www.wikidata.org/wiki/", "geonames": "https://www.geonames.org/"}[
                idno.get("type")] + idno.text
            assert article.find(f".//a[@href='{url}']") is not None, url


def test_register_back_links_are_labelled_by_unit(pages):
    enver = pages["persons.html"].get_element_by_id("enver")
    labels = [norm(li.find("a").text_content()) for li in enver.findall(".//ul[@class='occurrences']/li")]
    assert labels[:3] == ["Title", "Abstract", "Keywords"]
    assert {"¶1", "¶10", "Table 1", "Table 2", "Ref. 1"} <= set(labels)
    assert len(labels) == len(set(labels))  # one chip per unit, later mentions inside it


def test_places_map_draws_every_place_with_coordinates(tei, pages):
    places = pages["places.html"]
    svg = places.find(".//svg")
    assert svg is not None and svg.get("role") == "img"
    geo = [p for p in tei.getroot().findall("t:standOff/t:listPlace/t:place", NS) if p.find("t:location/t:geo", NS) is not None]
    labels = [norm(t.text_content()) for t in svg.findall(".//g[@class='places']//text")]
    off = [norm(t.text_content()) for t in svg.findall(".//g[@class='off-map']/text")]
    assert len(labels) + len(off) == len(geo) and len(labels) >= 5
    for place in geo:
        name = tei_string(place.find("t:placeName[@type='main']", NS))
        assert name in labels or any(o.startswith(name) for o in off), name
    width, height = (float(v) for v in svg.get("viewbox").split()[2:])  # lxml.html lowercases names
    for circle in svg.findall(".//circle"):
        assert 0 <= float(circle.get("cx")) <= width and 0 <= float(circle.get("cy")) <= height
    # Istanbul lies west of Bukhara and south of Moscow on the map.
    pos = {norm(g.find("text").text_content()): (float(g.find("circle").get("cx")), float(g.find("circle").get("cy")))
           for g in svg.findall(".//g[@class='places']/g")}
    assert pos["Istanbul"][0] < pos["Bukhara"][0] and pos["Istanbul"][1] > pos["Moscow"][1]


def test_chronology_lists_every_event_and_dated_mention_in_date_order(tei, pages):
    root = pages["chronology.html"]
    items = root.findall(".//ol[@class='chrono-list']/li")
    events = {e.get(XML_ID): e for e in tei.getroot().findall("t:standOff/t:listEvent/t:event", NS)}
    dates = dict(dated_mentions(tei))
    assert sorted(li.get("id") for li in items) == sorted(list(events) + list(dates))
    keys = [date_sort_key(events.get(li.get("id"), dates.get(li.get("id")))) for li in items]
    assert keys == sorted(keys)
    for date_id in dates:
        li = root.get_element_by_id(date_id)
        assert li.find(f".//a[@href='index.html#{date_id}']") is not None
        assert tei_string(dates[date_id]) in norm(li.find(".//mark").text_content())
    svgs = root.findall(".//svg")
    assert len(svgs) == 2 and all(s.get("role") == "img" for s in svgs)
    for event_id, event in events.items():
        li = root.get_element_by_id(event_id)
        corresponding = [d for d, el in enumerate(tei_text(tei).iter(f"{{{TEI}}}date"), start=1)
                         if el.get("corresp") == f"#{event_id}"]
        links = {a.get("href") for a in li.findall(".//ul[@class='occurrences']//a")}
        assert {f"index.html#d-{n}" for n in corresponding} <= links


def test_bibliography_gives_each_record_its_citation_printed_form_and_back_links(tei, pages):
    root = pages["bibliography.html"]
    records = tei.getroot().findall("t:standOff/t:listBibl/t:biblStruct", NS)
    articles = root.findall(".//div[@class='entries']/article")
    assert len(articles) == len(records) == 10
    cites = citations(tei)
    for record in records:
        rid = record.get(XML_ID)
        article = root.get_element_by_id(rid)
        citation = norm(article.find(".//p[@class='citation']").text_content())
        surname = record.find(".//t:author/t:surname", NS).text
        assert citation.startswith(surname) and record.find(".//t:imprint/t:date", NS).get("when")[:4] in citation
        printed = article.find(".//blockquote[@class='printed']")
        assert printed is not None
        links = [a.get("href") for a in article.findall(".//ul[@class='occurrences']//a")]
        assert links == [f"index.html#{c}" for c, _, target in cites if target == rid]
    surnames = [norm(a.find(".//span[@class='citation-authors']").text_content()).lower() for a in articles]
    assert surnames == sorted(surnames)


def test_about_page_cites_explains_licenses_and_offers_downloads(tei, pages):
    about = pages["about.html"]
    assert "digital edition 1.0 (2026)" in about.get_element_by_id("cite-whole").text_content()
    buttons = about.findall(".//button[@class='copy-cite']")
    assert len(buttons) == 11
    principles = norm(about.get_element_by_id("principles").text_content())
    for p in tei.getroot().findall(".//t:editorialDecl//t:p", NS):
        assert norm(p.text or "")[:30] in principles
        for gi in p.findall("t:gi", NS):
            assert f"<{gi.text}>" in principles
    licence = about.get_element_by_id("licence")
    assert licence.find(".//a[@href='https://creativecommons.org/licenses/by/4.0/']") is not None
    hrefs = {a.get("href") for a in about.get_element_by_id("downloads").iter("a")}
    assert hrefs == DOWNLOADS


# --- metadata ---------------------------------------------------------------------------------


def meta(root, name):
    return [m.get("content") for m in root.findall(f"head/meta[@name='{name}']")]


def test_every_page_carries_highwire_and_dublin_core_metadata(tei, pages):
    header = tei.getroot().find("t:teiHeader", NS)
    title = norm(header.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS))
    when = header.find("t:fileDesc/t:publicationStmt/t:date", NS).get("when")
    keywords = [norm(t.text) for t in header.findall(".//t:keywords/t:term", NS)]
    for name, root in pages.items():
        assert meta(root, "citation_title")[0].startswith(title + ": "), name
        assert meta(root, "citation_author") == ["Artikov, Zafar Zaripovich"]
        assert meta(root, "citation_publication_date") == [when.replace("-", "/")]
        assert meta(root, "citation_language") == ["en"]
        assert meta(root, "citation_keywords") == ["; ".join(keywords)]
        assert meta(root, "citation_pdf_url") == ["../pdf/article.pdf"]
        assert meta(root, "citation_abstract")[0].startswith("This article examines")
        assert len(meta(root, "citation_reference")) == 10
        assert root.find("head/link[@rel='schema.DC']").get("href") == "http://purl.org/dc/elements/1.1/"
        assert meta(root, "DC.title")[0].startswith(title)
        assert meta(root, "DC.date") == [when]
        assert meta(root, "DC.subject") == keywords


def test_json_ld_describes_the_article_and_its_entities(tei, pages):
    stand = tei.getroot().find("t:standOff", NS)
    for name, root in pages.items():
        scripts = root.findall("head/script[@type='application/ld+json']")
        assert len(scripts) == 1, name
        data = json.loads(scripts[0].text)
        assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
        assert data["author"]["familyName"] == "Artikov"
        assert data["author"]["affiliation"]["name"] == "Ministry of the Interior Bukhara Academic Lyceum"
        assert [a["name"] for a in data["about"]][:2] == ["Enver Pasha", "Basmachi movement"]
        assert data["datePublished"] == "2026-11-24" and data["inLanguage"] == "en"
        mentions = {m["name"]: m for m in data["mentions"]}
        assert mentions["Enver Pasha"]["@type"] == "Person"
        assert mentions["Dushanbe"]["@type"] == "Place"
        for entry in stand.iter(f"{{{TEI}}}place", f"{{{TEI}}}org", f"{{{TEI}}}person"):
            label = tei_string(entry.find("*[@type='main']")) if entry.find("*[@type='main']") is not None else None
            urls = [{"wikidata": "https://www.wikidata.org/wiki/", "geonames": "https://www.geonames.org/"}[i.get("type")]
                    + i.text for i in entry.findall("t:idno", NS)]
            if urls and label in mentions:
                assert mentions[label]["sameAs"] == urls, label
        assert len([m for m in data["mentions"] if "sameAs" in m]) >= 8
        assert mentions["Istanbul"]["geo"] == {"@type": "GeoCoordinates", "latitude": 41.01384, "longitude": 28.94966}
        assert len(data["citation"]) == 10


# --- the page's code --------------------------------------------------------------------------


def test_no_inline_event_handlers_or_inline_script_code(pages, site):
    for name, root in pages.items():
        for el in root.iter(etree.Element):
            assert not [a for a in el.attrib if a.lower().startswith("on")], f"{name}: <{el.tag}> handler"
            assert not el.get("style"), f"{name}: inline style on <{el.tag}>"
        for script in root.iter("script"):
            if script.get("src"):
                assert script.get("src") == "assets/edition.js" and not (script.text or "").strip()
            else:
                assert script.get("type") in ("application/ld+json", "application/json"), name
    css = (site / "assets" / "edition.css").read_text(encoding="utf-8")
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)
    assert "@media print" in css and "prefers-color-scheme: dark" in css
    js = (site / "assets" / "edition.js").read_text(encoding="utf-8")
    assert not re.search(r"\bfetch\(|XMLHttpRequest|https?://", js)


def test_the_build_is_byte_identical(site, tmp_path):
    again = build_into(tmp_path)
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}
    assert first == second


def test_edition_url_makes_absolute_metadata(tmp_path):
    site = build_into(tmp_path, params={"edition-url": "https://example.org/anvar-posho/html/"})
    root = lxml_html.document_fromstring((site / "persons.html").read_text(encoding="utf-8"))
    assert meta(root, "citation_pdf_url") == ["https://example.org/anvar-posho/pdf/article.pdf"]
    assert root.find("head/link[@rel='canonical']").get("href") == "https://example.org/anvar-posho/html/persons.html"
    data = json.loads(root.find("head/script[@type='application/ld+json']").text)
    assert data["@id"] == "https://example.org/anvar-posho/html/index.html"
    index = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    cite = index.get_element_by_id("p3").find(".//button").get("data-copy")
    assert cite.endswith("https://example.org/anvar-posho/html/index.html#p3.")


def test_missing_assets_fail_the_step(tmp_path):
    xslt = tmp_path / "xslt"
    shutil.copytree(ROOT / "xslt", xslt, ignore=shutil.ignore_patterns("assets"))
    doc = xmlsafe.load(SOURCE)
    ctx = BuildContext(source=SOURCE, tree=doc.tree, out_dir=tmp_path / "out", xslt_dir=xslt, document=doc)
    with pytest.raises(BuildError, match="assets"):
        build_html(ctx)


# --- the W3C Nu HTML checker ------------------------------------------------------------------


def vnu_jar() -> Path | None:
    for candidate in (os.environ.get("VNU_JAR"), ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def test_every_page_is_valid_html_for_the_nu_checker(site):
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        missing_tool("vnu.jar (npm ci --prefix tests) or java is missing", "CI must check the HTML")
    files = [str(site / name) for name in PAGES]
    done = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stderr or done.stdout)
    problems = [f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine')}: {m['message']}"
                for m in report["messages"] if m.get("type") in ("error", "non-document-error")
                or m.get("subType") == "fatal"]
    assert problems == []
    assert done.returncode == 0


def test_the_download_links_reach_the_files_of_the_data_build(tmp_path):
    """about.html's ../data links name what the data step really writes (the PDF
    is checked by the PDF tests; building it here would be slow)."""
    html = run_step("html", tmp_path)
    run_step("data", tmp_path)
    missing = [link for link in sorted(DOWNLOADS) if link.startswith("../data/") and not (html / link).resolve().is_file()]
    assert missing == []
