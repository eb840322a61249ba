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
         "chronology.html", "bibliography.html", "network.html", "about.html"]
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


def mention_place(el) -> str:
    """Where a mention stands: in an editorial note, in the reference list (a cited
    work's title), or in the article's text."""
    if el.xpath("boolean(ancestor::t:note)", namespaces=NS):
        return "notes"
    return "titles" if el.xpath("boolean(ancestor::t:back)", namespaces=NS) else "text"


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
    """The chronology's order; what neither source dates comes last."""
    if not any(el.get(a) for a in ("when", "from", "notBefore", "to", "notAfter")):
        return "~undated"
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
        button = p.find(".//button[@class='cite-toggle']")
        assert button is not None and button.get("type") == "button" and button.get("aria-expanded") == "false"
        # The button opens the paragraph's citations, kept in a template of the page.
        panel = ids.get(button.get("data-cite"))
        assert panel is not None and panel.tag == "template"
        forms = {dt.text: dt.getnext() for dt in panel.iter("dt")}
        assert list(forms) == ["Chicago", "APA", "MLA", "BibTeX", "RIS"]
        assert f"Par. {n}." in norm(forms["Chicago"].text_content()) and "Artikov" in forms["Chicago"].text_content()
        assert f"para. {n})" in forms["APA"].text_content() and f"par. {n}" in forms["MLA"].text_content()
        # A local build has no public address: the panel says so and offers no URN as a link.
        assert "no public address yet" in norm(panel.find(".//p[@class='cite-address']").text_content())
        assert "urn:" not in forms["Chicago"].text_content() and "UR  -" not in forms["RIS"].text_content()


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
    # The count says what it counts: names in the article, names in the titles of cited works.
    places = [mention_place(el) for _, el, target in name_mentions(tei) if target == "enver"]
    assert places.count("titles") > 1 and places.count("notes") > 1
    assert (f"Named {places.count('text')} times in the article, {places.count('titles')} times in titles of cited works, "
            f"{places.count('notes')} times in editorial notes") in enver
    istanbul = templates["card-istanbul"]
    hrefs = {a.get("href") for a in istanbul.iter("a")}
    assert "https://www.wikidata.org/wiki/Q406" in hrefs and "https://www.geonames.org/745044" in hrefs
    assert "41.01384° N, 28.94966° E" in card_text("card-istanbul")
    # An event that neither source dates (World War I) has no date: none is invented.
    assert "World War I" in card_text("card-ev-world-war-1") and "Date" not in card_text("card-ev-world-war-1")
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
        links = [a.get("href") for a in article.findall(".//ol[@class='kwic-list']//a[@class='kwic-unit']")]
        # Grouped by where they stand (the article, editorial notes, titles of cited
        # works), the groups in the order of their first mention.
        own = [(m, mention_place(el)) for m, el, target in mentions if target == entry.get(XML_ID)]
        groups = list(dict.fromkeys(place for _, place in own))
        wanted = [f"index.html#{m}" for group in groups for m, place in own if place == group]
        assert links == wanted, entry.get(XML_ID)
        for idno in entry.findall("t:idno", NS):
            url = {"wikidata": "https://www.wikidata.org/wiki/", "geonames": "https://www.geonames.org/"}[
                idno.get("type")] + idno.text
            assert article.find(f".//a[@href='{url}']") is not None, url


@pytest.mark.parametrize("page,list_name,word", [("persons.html", "listPerson", "persons"),
                                                 ("places.html", "listPlace", "places"),
                                                 ("organisations.html", "listOrg", "organisations")])
def test_register_ledes_count_as_named_in_the_article_only_what_it_names(tei, pages, page, list_name, word):
    entries = [e.get(XML_ID) for e in tei.getroot().find(f"t:standOff/t:{list_name}", NS)]
    named = {target for _, _, target in name_mentions(tei)} & set(entries)
    lede = norm(pages[page].find(".//p[@class='lede']").text_content())
    expected = f"{len(named)} {word} named in the article"
    if len(named) < len(entries):  # places of birth, publishers of the editors' sources...
        expected += f" and {len(entries) - len(named)} more that only the edition’s facts name"
    assert lede.startswith(expected), lede


def test_register_mentions_are_shown_in_context_and_labelled_by_unit(tei, pages):
    enver = pages["persons.html"].get_element_by_id("enver")
    lines = enver.findall(".//ol[@class='kwic-list']/li")
    labels = [norm(li.find("a").text_content()) for li in lines]
    assert labels[:3] == ["Title", "Abstract", "Abstract"]
    assert {"¶1", "¶10", "Table 1", "Table 2", "Ref. 1"} <= set(labels)
    # No bare numerals: every link names its unit in words or with ¶.
    assert all(re.fullmatch(r"¶\d+|Table \d+|Ref\. \d+|Title|Abstract|Keywords", label) for label in labels)
    # Each line shows the mention's own words, marked, within the words around it.
    mentions = {m: el for m, el, target in name_mentions(tei) if target == "enver"}
    assert len(lines) == len(mentions)
    for li in lines:
        element = mentions[li.find("a").get("href").split("#")[1]]
        assert norm(li.find(".//mark").text_content()) == tei_string(element)
        assert len(norm(li.find(".//span[@class='kwic-line']").text_content())) > len(tei_string(element)) + 20
    # Names in the reference list stand apart, under their own heading.
    headings = [norm(p.text_content()) for p in enver.findall(".//p[@class='occ-sub']")]
    assert headings == ["In the article", "In editorial notes", "In titles of cited works"]


def test_registers_order_by_name_and_know_the_order_by_mentions(tei, pages):
    persons = pages["persons.html"]
    entries = persons.findall(".//div[@class='entries']/article")
    control = persons.find(".//*[@data-register-sort]")
    assert control is not None and control.get("hidden") is not None  # shown by registers.js only
    label = control.find(".//label")
    assert persons.get_element_by_id(label.get("for")).tag == "select"
    mentions = defaultdict(int)
    for _, el, target in name_mentions(tei):
        if not el.xpath("boolean(ancestor::t:back)", namespaces=NS):
            mentions[target] += 1
    by_mentions = sorted(entries, key=lambda e: int(e.get("data-order-mentions")))
    counts = [mentions[e.get("id")] for e in by_mentions]
    assert counts == sorted(counts, reverse=True) and by_mentions[0].get("id") == "enver"
    index = [li.get("data-order-mentions") for li in persons.findall(".//nav[@class='entry-index']//li")]
    assert index == [e.get("data-order-mentions") for e in entries]


def story_place_ids(tei):
    """Places the article names in its title, abstract or body (not only in its references)."""
    root = tei.getroot()
    named = {el.get("ref", "")[1:] for part in ("t:front", "t:body") for el in root.findall(f"t:text/{part}//*[@ref]", NS)}
    return {p.get(XML_ID) for p in root.findall("t:standOff/t:listPlace/t:place", NS) if p.get(XML_ID) in named}


def test_places_map_links_every_place_of_the_story_and_lists_regions(tei, pages):
    places = pages["places.html"]
    svg = places.get_element_by_id("map").find(".//svg")
    figure = places.get_element_by_id("map").getparent()  # the figure and the lists beside it
    assert svg.get("role") is None  # not an image: its links stay in the accessibility tree
    assert norm(svg.find("title").text_content())
    story = story_place_ids(tei)
    all_places = tei.getroot().findall("t:standOff/t:listPlace/t:place", NS)
    with_point = {p.get(XML_ID) for p in all_places if p.find("t:location/t:geo", NS) is not None}
    marker_links = {a.get("href")[1:]: a for a in svg.findall(".//g[@class='places']/a")}
    assert set(marker_links) == with_point & story and len(marker_links) >= 6
    for place_id, link in marker_links.items():
        assert places.get_element_by_id(place_id) is not None  # the link reaches the entry
        assert norm(link.find("text").text_content())
    assert "fort-leavenworth" not in marker_links  # a publisher's town is no part of the story
    # The land and today's borders (marked as such) are drawn.
    assert len(svg.find(".//path[@class='map-land']").get("d")) > 1000
    assert svg.find(".//path[@class='map-modern-border']") is not None
    assert "today" in norm(svg.find(".//text[@class='map-note']").text_content())
    # Regions without a point, and places named only in references, are listed as links.
    regions = figure.find(".//section[@aria-labelledby='map-regions-head']")
    region_links = {a.get("href")[1:] for a in regions.findall(".//a")}
    assert region_links == story - with_point and {"turkestan", "eastern-bukhara", "lokai-valley"} <= region_links
    cited = figure.find(".//section[@aria-labelledby='map-cited-head']")
    assert "fort-leavenworth" in {a.get("href")[1:] for a in cited.findall(".//a")}
    # Every place of the register is accounted for in exactly one list beside the map; those
    # the article does not name at all (births and deaths, the editors' sources) in the last.
    listed = [a.get("href")[1:] for head in ("map-points-head", "map-regions-head", "map-cited-head", "map-facts-head")
              for a in figure.findall(f".//section[@aria-labelledby='{head}']//a")]
    assert sorted(listed) == sorted(p.get(XML_ID) for p in all_places)
    facts = figure.find(".//section[@aria-labelledby='map-facts-head']")
    assert {"tashkent", "london"} <= {a.get("href")[1:] for a in facts.findall(".//a")}
    # Geography: the main map keeps Central Asia in its frame; Istanbul and Moscow are in the inset.
    main_pos = {a.get("href")[1:]: float(a.find("circle").get("cx")) for a in svg.findall("./g[@class='places']/a")}
    inset = {a.get("href")[1:] for a in svg.findall(".//g[@class='map-inset']//a")}
    assert {"istanbul", "moscow"} == inset
    assert main_pos["bukhara"] < main_pos["dushanbe"] < main_pos["kokand"]
    width, height = (float(v) for v in svg.get("viewbox").split()[2:])  # lxml.html lowercases names
    for circle in svg.findall("./g[@class='places']//circle"):
        assert 0 <= float(circle.get("cx")) <= width and 0 <= float(circle.get("cy")) <= height


def path_parts(d: str) -> list[list[tuple[float, float]]]:
    """The subpaths of SVG path data written as 'Mx,y x,y ...[Z]' (the base map's form)."""
    return [[tuple(float(v) for v in pair.split(",")) for pair in part.rstrip("Z").split()]
            for part in d.split("M") if part.strip()]


def test_places_map_shows_the_aral_sea_and_the_named_rivers_in_the_main_frame(pages):
    places = pages["places.html"]
    figure = places.get_element_by_id("map")
    svg = figure.find(".//svg")
    width, height = (float(v) for v in svg.get("viewbox").split()[2:])
    dots = {a.get("href")[1:]: (float(a.find("circle").get("cx")), float(a.find("circle").get("cy")))
            for a in svg.findall("./g[@class='places']/a")}
    frame = etree.parse(str(ROOT / "xslt" / "basemap" / "basemap.xml")).find("frame[@name='main']")
    k, scale = float(frame.get("k")), float(frame.get("scale"))

    def lon_lat(x, y):
        return float(frame.get("west")) + x / (k * scale), float(frame.get("north")) - y / scale

    # The Aral Sea: a water area of the main map (not only of the inset), where the Aral is.
    lake = svg.find("./path[@class='map-lake']")
    assert lake is not None and svg.find(".//g[@class='map-inset']/path[@class='map-lake']") is not None
    shore = [p for part in path_parts(lake.get("d")) for p in part]
    assert len(shore) > 40 and all(0 <= x <= width and 0 <= y <= height for x, y in shore)
    west, north = lon_lat(min(x for x, _ in shore), min(y for _, y in shore))
    east, south = lon_lat(max(x for x, _ in shore), max(y for _, y in shore))
    assert 57.5 < west < 60 < east < 62 and 43.5 < south < 45 < north < 47  # the whole sea, its north too
    label = [t for t in svg.findall("./g[@class='water-labels']/text") if norm(t.text_content()) == "Aral Sea"]
    assert len(label) == 1
    lx, ly = float(label[0].get("x")), float(label[0].get("y"))
    assert min(abs(lx - x) + abs(ly - y) for x, y in shore) < 100  # beside the sea, not elsewhere
    # The Amu Darya and the Syr Darya: named lines that reach the sea, each with its label on its course.
    rivers = {path.get("data-river"): path_parts(path.get("d")) for path in svg.findall("./path[@class='map-river named']")}
    assert set(rivers) == {"Amu Darya", "Syr Darya"}
    labels = {norm(t.text_content()): t for t in svg.findall("./g[@class='river-labels']/text")}
    assert set(labels) == set(rivers)
    for name, parts in rivers.items():
        course = [p for part in parts for p in part]
        assert all(0 <= x <= width and 0 <= y <= height for x, y in course)
        ends = [p for part in parts for p in (part[0], part[-1])]
        assert min(abs(ex - x) + abs(ey - y) for ex, ey in ends for x, y in shore) < 2, f"{name} reaches the Aral Sea"
        tx, ty = (float(v) for v in re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", labels[name].get("transform")).groups())
        assert min(abs(tx - x) + abs(ty - y) for x, y in course) < 12, f"the label of the {name} is on its course"
    # The Amu Darya comes from the south (past Bukhara's latitude); the Syr Darya runs north of Bukhara.
    assert max(y for part in rivers["Amu Darya"] for _, y in part) > dots["bukhara"][1]
    assert max(y for part in rivers["Syr Darya"] for _, y in part) < dots["bukhara"][1]
    assert svg.find("./path[@class='map-river']") is not None  # the other rivers, unnamed
    # Said in words: the description names them; the caption tells the Aral's extent truthfully.
    desc = norm(svg.find("desc").text_content())
    assert all(name in desc for name in ("Aral Sea", "Amu Darya", "Syr Darya"))
    caption = norm(figure.find("figcaption").text_content())
    assert "not drawn" not in caption and "Aral Sea" in caption and "1921" in caption and "larger" in caption


def load_make_basemap():
    """scripts/make_basemap.py as a module, or a skip when its npm packages are not installed."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_basemap", ROOT / "scripts" / "make_basemap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for source in (module.SOURCE, module.WATER_SOURCE):
        if not source.is_file():
            pytest.skip(f"{source} is absent: run `npm ci --prefix scripts/basemap --ignore-scripts` (make test does)")
    return module


def test_make_basemap_reproduces_the_committed_basemap_byte_for_byte():
    make_basemap = load_make_basemap()
    committed = (ROOT / "xslt" / "basemap" / "basemap.xml").read_bytes()
    assert make_basemap.render().encode("utf-8") == committed


def test_make_basemap_fails_loudly_when_its_selection_rules_do_not_match():
    make_basemap = load_make_basemap()
    water = json.loads(make_basemap.WATER_SOURCE.read_text(encoding="utf-8"))
    lakes = make_basemap.polygons(water, "lakes")
    aral = make_basemap.select_aral(lakes)
    rivers = make_basemap.line_features(water, "rivers")
    with pytest.raises(SystemExit, match="0 lakes match the Aral Sea's rule"):
        make_basemap.select_aral([lake for lake in lakes if lake is not aral])
    with pytest.raises(SystemExit, match="2 lakes match"):
        make_basemap.select_aral(lakes + [aral])
    amu_darya = make_basemap.select_rivers(rivers, aral)["Amu Darya"]
    with pytest.raises(SystemExit, match="3 rivers end on the Aral Sea's shore"):
        make_basemap.select_rivers(rivers + [amu_darya], aral)
    with pytest.raises(SystemExit, match="1 rivers end"):
        make_basemap.select_rivers([river for river in rivers if river is not amu_darya], aral)


def body_units(tei, entry_id):
    """The body paragraphs and tables in which an entry is named."""
    units = set()
    for el in tei.getroot().findall(f"t:text/t:body//*[@ref='#{entry_id}']", NS):
        unit = next((a for a in el.iterancestors() if a.tag in (f"{{{TEI}}}p", f"{{{TEI}}}table") and a.get(XML_ID)), None)
        if unit is not None:
            units.add(unit.get(XML_ID))
    return units


def test_network_links_every_entry_of_the_story_and_tables_its_co_mentions(tei, pages):
    page = pages["network.html"]
    svg = page.get_element_by_id("network").find(".//svg")
    assert svg.get("role") is None and svg.find("title") is not None
    nodes = {a.get("data-node"): a for a in svg.findall(".//g[@class='nodes']/a")}
    assert "enver" in nodes and "fort-leavenworth" not in nodes and "dushanbe" in nodes
    assert nodes["enver"].get("href") == "persons.html#enver" and nodes["dushanbe"].get("href") == "places.html#dushanbe"
    # Every co-mention line joins two entries named in a same passage, and each such pair has a line.
    edges = {frozenset(p.get("data-ends").split()) for p in svg.findall(".//g[@class='co-mentions']/path")}
    ids = sorted(nodes)
    expected = {frozenset((a, b)) for i, a in enumerate(ids) for b in ids[i + 1:] if body_units(tei, a) & body_units(tei, b)}
    assert edges == expected and frozenset(("enver", "ibrahim-bek")) in edges
    # The table says the same, with links to the passages.
    together = page.get_element_by_id("co-mentions-caption").getparent()
    row = next(tr for tr in together.findall("tbody/tr") if tr.find("th/a").get("href") == "persons.html#enver")
    assert "Ibrahim Bek (" in norm(row.find("td[2]").text_content())
    shared = sorted(body_units(tei, "enver") & body_units(tei, "ibrahim-bek"))
    assert {f"index.html#{u}" for u in shared} <= {a.get("href") for a in row.findall("td[2]/a")}


def test_network_draws_the_typed_relations_of_the_encoding(tmp_path):
    # A source of its own, with two relations, so that the test knows every line to expect.
    source = re.sub(r"<listRelation.*?</listRelation>", "", SOURCE.read_text(encoding="utf-8"), flags=re.S).replace(
        "</standOff>", '<listRelation type="social"><relation name="rivalOf" mutual="#enver #ibrahim-bek" cert="medium" source="#p8"/>'
        '<relation name="revoltedAgainst" active="#ibrahim-bek" passive="#enver" source="#p8"/></listRelation></standOff>')
    site = build_into(tmp_path, source_bytes=source.encode("utf-8"))
    page = lxml_html.document_fromstring((site / "network.html").read_text(encoding="utf-8"))
    relations = page.findall(".//g[@class='relations']/path")
    assert [p.get("data-ends") for p in relations] == ["enver ibrahim-bek", "ibrahim-bek enver"]
    assert "uncertain" in relations[0].get("class") and "relation-social" in relations[0].get("class")
    assert norm(relations[1].find("title").text_content()) == "Ibrahim Bek revolted against Enver Pasha"
    rows = [[norm(td.text_content()) for td in tr.findall("td")] for tr in page.get_element_by_id("relations-caption").getparent().findall("tbody/tr")]
    assert rows == [["Enver Pasha", "rival of (each other), uncertain", "Ibrahim Bek", "¶8"],
                    ["Ibrahim Bek", "revolted against", "Enver Pasha", "¶8"]]


def test_network_draws_every_relation_of_the_edition_between_its_entries(tei, pages):
    page = pages["network.html"]
    nodes = {a.get("data-node") for a in page.findall(".//g[@class='nodes']/a")}
    expected = []
    for relation in tei.getroot().findall("t:standOff/t:listRelation/t:relation", NS):
        ends = (relation.get("mutual") or " ".join(filter(None, (relation.get("active"), relation.get("passive"))))).split()
        ends = [e.lstrip("#") for e in ends]
        if len(ends) >= 2 and ends[0] in nodes and ends[1] in nodes:
            expected.append(f"{ends[0]} {ends[1]}")
    drawn = [p.get("data-ends") for p in page.findall(".//g[@class='relations']/path")]
    assert expected and drawn == expected
    table = page.get_element_by_id("relations-caption").getparent()
    assert len(table.findall("tbody/tr")) == len(expected)


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
    assert len(svgs) == 2 and all(s.get("role") is None and s.find("title") is not None for s in svgs)
    # Every dated event and every distinct date is a link to its item (once, in the panel
    # that labels it); an event that neither source dates has no place on the axis.
    hrefs = {a.get("href")[1:] for s in svgs for a in s.findall(".//a[@class]")}
    dated_events = {i for i, e in events.items() if date_sort_key(e) != "~undated"}
    assert dated_events <= hrefs and hrefs <= {li.get("id") for li in items}
    assert "ev-world-war-1" not in dated_events and root.get_element_by_id("undated").text == "Undated"
    for event_id, event in events.items():
        li = root.get_element_by_id(event_id)
        corresponding = [d for d, el in enumerate(tei_text(tei).iter(f"{{{TEI}}}date"), start=1)
                         if el.get("corresp") == f"#{event_id}"]
        links = {a.get("href") for a in li.findall(".//ol[@class='kwic-list']//a[@class='kwic-unit']")}
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
        # The year of publication, or "n.d." where the reference gives none (a web
        # listing's date is not one).
        published = record.find(".//t:imprint/t:date[@when]", NS)
        year = "n.d." if published is None or published.get("type") == "listing" else published.get("when")[:4]
        assert citation.startswith(surname) and f"({year})" in citation
        printed = article.find(".//blockquote[@class='printed']")
        assert printed is not None
        links = [a.get("href") for a in article.findall(".//ol[@class='kwic-list']//a[@class='kwic-unit']")]
        assert links == [f"index.html#{c}" for c, _, target in cites if target == rid]
    surnames = [norm(a.find(".//span[@class='citation-authors']").text_content()).lower() for a in articles]
    assert surnames == sorted(surnames)


def test_citations_follow_the_published_address_when_there_is_one(tmp_path):
    site = build_into(tmp_path, params={"edition-url": "https://example.org/anvar/"})
    index = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    panel = index.get_element_by_id("cite-p3")
    address = panel.find(".//p[@class='cite-address']/a")
    assert address.get("href") == "https://example.org/anvar/index.html#p3"
    forms = {dt.text: norm(dt.getnext().text_content()) for dt in panel.iter("dt")}
    assert all("https://example.org/anvar/index.html#p3" in text for text in forms.values()), forms
    assert "url = {https://example.org/anvar/index.html#p3}" in forms["BibTeX"]


def test_about_page_cites_explains_licenses_and_offers_downloads(tei, pages):
    about = pages["about.html"]
    whole = about.get_element_by_id("cite-whole").text_content()
    assert "Digital edition 1.0. The Anvar Posho Edition team, 2026." in whole and "urn:" not in whole
    buttons = about.findall(".//button[@class='copy-cite']")
    assert len(buttons) == 11 + 5  # the edition, each paragraph, and the edition's five forms
    forms = {dt.text: dt.getnext() for dt in about.find(".//dl[@class='cite-forms']").iter("dt")}
    assert list(forms) == ["Chicago", "APA", "MLA", "BibTeX", "RIS"]
    bibtex = forms["BibTeX"].find("pre").text
    assert bibtex.startswith("@misc{artikov2026edition,") and bibtex.rstrip().endswith("}")
    assert bibtex.count("{") == bibtex.count("}") and "url =" not in bibtex  # no address yet
    ris = forms["RIS"].find("pre").text.splitlines()
    assert ris[0] == "TY  - ELEC" and ris[-1] == "ER  - " and all(line[2:6] == "  - " for line in ris)
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


def test_the_article_page_alone_carries_highwire_and_dublin_core_metadata(tei, pages):
    header = tei.getroot().find("t:teiHeader", NS)
    title = norm(header.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS))
    when = header.find("t:fileDesc/t:publicationStmt/t:date", NS).get("when")
    keywords = [norm(t.text) for t in header.findall(".//t:keywords/t:term", NS)]
    for name, root in pages.items():
        if name != "index.html":
            # A reference manager saves a register or the about page as a web page, not as the article.
            assert not root.xpath("head/meta[starts-with(@name, 'citation_') or starts-with(@name, 'DC.')]"), name
            assert not root.findall("head/script[@type='application/ld+json']"), name
            continue
        assert meta(root, "citation_title")[0].startswith(title + ": "), name
        # The article as a part of this edition; the journal that printed it is unknown.
        assert meta(root, "citation_inbook_title") == [title + " (digital edition)"]
        assert meta(root, "citation_journal_title") == []
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
    for name, root in [("index.html", pages["index.html"])]:
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
                assert script.get("src") in ("assets/edition.js", "assets/registers.js") and not (script.text or "").strip()
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
    persons = lxml_html.document_fromstring((site / "persons.html").read_text(encoding="utf-8"))
    assert persons.find("head/link[@rel='canonical']").get("href") == "https://example.org/anvar-posho/html/persons.html"
    root = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert meta(root, "citation_pdf_url") == ["https://example.org/anvar-posho/pdf/article.pdf"]
    assert meta(root, "citation_public_url") == ["https://example.org/anvar-posho/html/index.html"]
    data = json.loads(root.find("head/script[@type='application/ld+json']").text)
    assert data["@id"] == "https://example.org/anvar-posho/html/index.html"
    index = lxml_html.document_fromstring((site / "index.html").read_text(encoding="utf-8"))
    chicago = index.get_element_by_id("cite-p3").find(".//p[@data-style='chicago']").text_content()
    assert chicago.endswith("https://example.org/anvar-posho/html/index.html#p3.")


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
