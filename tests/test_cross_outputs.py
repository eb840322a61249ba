"""The outputs compared with each other, not each with the TEI: ``edition stats``,
the data files and the HTML pages are written from one model (xslt/common.xsl and
its model modules), so they must give the same counts, the same chronology, the
same Dublin Core record and the same list of files. A writer that derives any of
these on its own, and differently, fails here."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import run_step
from tei_edition import paths
from tei_edition.stats import edition_stats
from tei_edition.steps_data import read_outputs

DC = "http://purl.org/dc/elements/1.1/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
EDITION_URL = "https://example.org/anvar-posho/"
# The data file and the register page of each kind with entries.
REGISTER_FILES = {"person": "persons", "place": "places", "org": "organisations", "bibl": "bibliography"}


def build(out: Path, params: dict | None = None) -> Path:
    run_step("html", out, params)
    run_step("data", out, params)
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("cross-outputs"))


@pytest.fixture(scope="module")
def stats() -> dict:
    numbers = edition_stats(paths.DEFAULT_SOURCE)
    return {**numbers, "kinds": {k["kind"]: k for k in numbers["kinds"]}}


def page(out: Path, name: str):
    return lxml_html.document_fromstring((out / "html" / name).read_text(encoding="utf-8"))


def data(out: Path, name: str):
    return json.loads((out / "data" / name).read_text(encoding="utf-8"))


def csv_rows(out: Path, name: str) -> list[dict]:
    text = (out / "data" / name).read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(REGISTER_FILES))
def test_entries_agree(out, stats, kind):
    name = REGISTER_FILES[kind]
    entries = stats["kinds"][kind]["entries"]
    assert entries > 0
    assert len(data(out, f"{name}.json")[name]) == entries
    assert len(csv_rows(out, f"{name}.csv")) == entries
    assert len(page(out, f"{name}.html").xpath("//article[contains(@class, 'entry ')]")) == entries


@pytest.mark.parametrize("kind", sorted(REGISTER_FILES))
def test_mentions_agree(out, stats, kind):
    name = REGISTER_FILES[kind]
    mentions = stats["kinds"][kind]["mentions"]
    assert mentions > 0
    records = data(out, f"{name}.json")[name]
    assert sum(r["mentions"] for r in records) == mentions
    assert sum(len(r["locations"]) for r in records) == mentions
    # Every mention has its anchor in the article, and the register links to each.
    anchored = {loc["mention"] for r in records for loc in r["locations"]}
    article = page(out, "index.html")
    assert len(anchored) == mentions
    assert anchored <= set(article.xpath("//@id"))
    register_links = page(out, f"{name}.html").xpath("//ul[@class='occurrences']//a/@href")
    assert sorted(href.split("#", 1)[1] for href in register_links) == sorted(anchored)


def test_events_and_dated_mentions_agree(out, stats):
    chronology = data(out, "chronology.json")["chronology"]
    events = [item for item in chronology if item["kind"] == "event"]
    dates = [item for item in chronology if item["kind"] == "date"]
    assert len(events) == stats["kinds"]["event"]["entries"]
    assert sum(e["mentions"] for e in events) == stats["kinds"]["event"]["mentions"]
    assert len(dates) == stats["datedMentions"] > 0
    assert len(chronology) == stats["chronology"]
    html = page(out, "chronology.html")
    assert len(html.xpath("//li[contains(@class, 'chrono-event')]")) == len(events)
    assert len(html.xpath("//li[contains(@class, 'chrono-mention')]")) == len(dates)
    # Each dated mention is linked in the article under the same id.
    article_dates = page(out, "index.html").xpath("//a[contains(@class, 'ent-date')]/@id")
    assert article_dates == [d["id"] for d in sorted(dates, key=lambda d: int(d["id"][2:]))]
    # The lede of the chronology page says the same numbers.
    lede = " ".join(html.xpath("//header[@class='page-head']//p[@class='lede']//text()"))
    assert f"{len(events)} events" in lede and f"{len(dates)} dated mentions" in lede


def test_paragraphs_agree(out, stats):
    article = page(out, "index.html")
    assert len(article.xpath("//p[contains(@class, 'para')]")) == stats["paragraphs"]
    about = page(out, "about.html")
    assert len(about.xpath("//details[@class='paragraph-citations']//li")) == stats["paragraphs"]


def test_stats_command_prints_the_model_counts(run_edition, stats):
    result = run_edition("stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    numbers = json.loads(result.stdout)
    assert {k["kind"]: k for k in numbers["kinds"]} == stats["kinds"]
    assert numbers["datedMentions"] == stats["datedMentions"]


# --- the chronology -------------------------------------------------------------------------


def test_chronology_holds_the_same_items_in_the_same_order(out):
    from_json = [item["id"] for item in data(out, "chronology.json")["chronology"]]
    from_csv = [row["id"] for row in csv_rows(out, "chronology.csv")]
    from_html = page(out, "chronology.html").xpath("//ol[@class='chrono-list']/li/@id")
    assert from_json == from_csv == from_html
    assert len(from_json) == len(set(from_json))


def test_chronology_dates_read_the_same(out):
    html = page(out, "chronology.html")
    shown = {li.get("id"): " ".join(li.xpath("string(.//p[@class='chrono-date'])").split())
             for li in html.xpath("//ol[@class='chrono-list']/li")}
    described = {item["id"]: item["description"] for item in data(out, "chronology.json")["chronology"]}
    assert shown == described


# --- the Dublin Core record -------------------------------------------------------------------


def dc_from_xml(out: Path) -> list[tuple[str, str]]:
    root = etree.parse(str(out / "data" / "dublin-core.xml")).getroot()
    return [(etree.QName(el).localname, el.text or "") for el in root if etree.QName(el).namespace == DC]


def dc_from_html(root) -> list[tuple[str, str]]:
    return [(m.get("name")[3:], m.get("content")) for m in root.xpath("//head/meta[starts-with(@name, 'DC.')]")]


@pytest.mark.parametrize("name", ["index.html", "persons.html", "about.html"])
def test_dublin_core_in_the_html_head_equals_dublin_core_xml(out, name):
    record = dc_from_xml(out)
    assert {"title", "creator", "date", "identifier", "rights", "language"} <= {element for element, _ in record}
    assert dc_from_html(page(out, name)) == record


def test_with_an_edition_url_the_outputs_still_agree(tmp_path):
    out = build(tmp_path, {"edition-url": EDITION_URL})
    record = dc_from_xml(out)
    assert ("identifier", EDITION_URL + "index.html") in record
    assert dc_from_html(page(out, "index.html")) == record
    outputs = read_outputs(out / "data" / "outputs.json")
    pages = [o for o in outputs if o["mediaType"] == "text/html"]
    sitemap = etree.parse(str(out / "data" / "sitemap.xml")).getroot()
    assert [loc.text for loc in sitemap.iter(f"{{{SITEMAP}}}loc")] == [o["url"] for o in pages]
    for o in pages:
        canonical = page(out, o["path"].removeprefix("html/")).xpath("//link[@rel='canonical']/@href")
        assert canonical == [o["url"]]
    assert all(o["url"].startswith("https://example.org/") for o in outputs)


# --- the list of outputs ----------------------------------------------------------------------


def test_outputs_sitemap_navigation_and_downloads_list_the_same_files(out):
    outputs = read_outputs(out / "data" / "outputs.json")
    pages = [o["path"].removeprefix("html/") for o in outputs if o["mediaType"] == "text/html"]
    assert pages[0] == "index.html" and "persons.html" in pages and "about.html" in pages
    sitemap = etree.parse(str(out / "data" / "sitemap.xml")).getroot()
    assert [loc.text for loc in sitemap.iter(f"{{{SITEMAP}}}loc")] == pages
    for name in pages:
        assert page(out, name).xpath("//nav[@class='site-nav']//a/@href") == pages, name
    offered = page(out, "about.html").xpath("//section[@id='downloads']//a/@href")
    assert offered == [o["url"] for o in outputs if o["group"]]
    # Every file offered or listed is built (the PDF by the pdf step, not run here).
    built = [o["path"] for o in outputs if o["format"] in ("html", "data")]
    assert [p for p in built if not (out / p).is_file()] == []
    # Everything the data and HTML steps wrote is listed (assets and the copied
    # JSON Schemas aside).
    listed = set(built)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {p for p in written - listed if not p.startswith(("html/assets/", "data/schema/"))} == set()


def test_register_pages_link_to_their_data_files(out):
    outputs = read_outputs(out / "data" / "outputs.json")
    for kind, name in REGISTER_FILES.items():
        kinds = {o["kind"] for o in outputs if o["path"] in (f"html/{name}.html", f"data/{name}.json")}
        assert kinds == {kind}, name
    assert {urlsplit(o["url"]).path for o in outputs if o["kind"] == "place"} >= {"places.html", "../data/places.geojson"}
