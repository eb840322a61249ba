"""The data files (xslt/data.xsl through the ``data`` build step) against the TEI source.

The data are built once per session with the real step and Saxon; every check
recomputes what it expects from the TEI with lxml, independently of the XSLT.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import load_csv, load_json, run_step
from tei_edition import transform, xmlsafe
from tei_edition.paths import DEFAULT_SOURCE, schema_dir
from tei_edition.steps_data import read_outputs

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"

REGISTERS = {  # file stem -> (standoff element, mention elements)
    "persons": ("listPerson/t:person", ("persName",)),
    "places": ("listPlace/t:place", ("placeName",)),
    "organisations": ("listOrg/t:org", ("orgName",)),
}
JSON_SCHEMAS = {
    "persons.json": "persons.schema.json",
    "places.json": "places.schema.json",
    "organisations.json": "organisations.schema.json",
    "chronology.json": "chronology.schema.json",
    "bibliography.json": "bibliography.schema.json",
    "places.geojson": "places.geojson.schema.json",
    "bibliography.csl.json": "bibliography.csl.schema.json",
    "bag-info.json": "bag-info.schema.json",
    "relations.json": "relations.schema.json",
    "affiliations.json": "affiliations.schema.json",
    "outputs.json": "outputs.schema.json",
}


# --- fixtures ---------------------------------------------------------------------------


def build_into(folder: Path, params: dict | None = None) -> Path:
    return run_step("data", folder, params)


def text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def standoff(tei, path: str) -> list[etree._Element]:
    return tei.findall(f"t:standOff/t:{path}", NS)


def mentions_in_text(tei, entry_id: str, names=("persName", "placeName", "orgName", "name")) -> list:
    """Elements in <text> whose @ref points to the entry, in document order."""
    body = tei.find("t:text", NS)
    return [el for el in body.iter(*(f"{{{TEI_NS}}}{n}" for n in names)) if el.get("ref") == f"#{entry_id}"]


def expected_unit(el) -> tuple[str | None, str | None]:
    """The citable unit of a node, found independently of common.xsl."""
    for anc in [el, *el.iterancestors()]:
        local = etree.QName(anc).localname
        if local == "p" and anc.get("n"):
            return f"¶{anc.get('n')}", anc.get(XML_ID)
        if local == "table":
            return re.match(r"Table\s+\d+", text(anc.find("t:head", NS))).group(0), anc.get(XML_ID)
        if local == "titlePage":
            return "Title", "title"
        if local == "div" and anc.get("type") == "abstract":
            return "Abstract", anc.get(XML_ID)
        if local == "div" and anc.get("type") == "keywords":
            return "Keywords", anc.get(XML_ID)
        if local == "bibl" and anc.get("n"):
            return f"Ref. {anc.get('n')}", anc.get(XML_ID)
    return None, None


# --- the files are there ------------------------------------------------------------------


def data_files(data_dir) -> list[str]:
    """The data files the model lists (outputs.json), relative to output/data."""
    return [o["path"].removeprefix("data/") for o in read_outputs(data_dir / "outputs.json") if o["format"] == "data"]


def generated_files(data_dir) -> list[str]:
    """The data files data.xsl writes (not the copies the build adds)."""
    return [o["path"].removeprefix("data/") for o in read_outputs(data_dir / "outputs.json")
            if o["producer"] == "data.xsl"]


def test_every_data_file_is_written(data_dir):
    missing = [name for name in data_files(data_dir) if not (data_dir / name).is_file()]
    assert missing == []
    # Every register data file of the kinds table, and the formats beside them.
    assert {"persons.json", "persons.csv", "places.geojson", "chronology.csv", "bibliography.bib",
            "dublin-core.xml", "sitemap.xml", "bag-info.json", "outputs.json", "article.xml",
            "schema/edition.rng"} <= set(data_files(data_dir))
    # ... and nothing that is not listed (but for the schema folder's other copies).
    written = {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*") if p.is_file()}
    assert {name for name in written if not name.startswith("schema/")} == \
        {name for name in data_files(data_dir) if not name.startswith("schema/")}


def test_source_copy_is_byte_identical(data_dir):
    assert (data_dir / "article.xml").read_bytes() == DEFAULT_SOURCE.read_bytes()


def test_schemas_are_copied(data_dir):
    folder = schema_dir()
    expected = [p for p in folder.iterdir() if p.is_file() and p.suffix in (".rng", ".xsd", ".sch", ".odd")]
    expected += sorted((folder / "data").glob("*.json"))
    assert expected, "the project has schemas to copy"
    assert any(p.name == "persons.schema.json" for p in expected)
    for path in expected:
        copy_ = data_dir / "schema" / path.relative_to(folder)
        assert copy_.read_bytes() == path.read_bytes(), copy_


def test_build_is_byte_identical(data_dir, tmp_path):
    again = build_into(tmp_path)
    for name in generated_files(data_dir):
        assert (again / name).read_bytes() == (data_dir / name).read_bytes(), name


# --- registers: JSON and CSV agree with the TEI ---------------------------------------------


@pytest.mark.parametrize("stem", REGISTERS)
def test_register_ids_and_mention_counts(data_dir, tei, stem):
    path, names = REGISTERS[stem]
    entries = standoff(tei, path)
    records = load_json(data_dir, f"{stem}.json")[stem]
    assert [r["id"] for r in records] == [e.get(XML_ID) for e in entries]
    for record in records:
        mentions = mentions_in_text(tei, record["id"], names)
        assert record["mentions"] == len(mentions), record["id"]
        assert len(record["locations"]) == len(mentions)


@pytest.mark.parametrize("stem", [*REGISTERS, "bibliography"])
def test_locations_name_the_unit_and_anchor_of_each_mention(data_dir, tei, stem):
    records = load_json(data_dir, f"{stem}.json")[stem]
    for record in records:
        if stem == "bibliography":
            body = tei.find("t:text", NS)
            mentions = [r for r in body.iter(f"{{{TEI_NS}}}ref")
                        if r.get("type") == "citation" and r.get("target") == f"#{record['id']}"]
            prefix = f"cite-{record['id']}-"
        else:
            mentions = mentions_in_text(tei, record["id"], REGISTERS[stem][1])
            prefix = f"m-{record['id']}-"
        expected = [(*expected_unit(m), f"{prefix}{i}", text(m)) for i, m in enumerate(mentions, 1)]
        got = [(loc["unit"], loc["anchor"], loc["mention"], loc["text"]) for loc in record["locations"]]
        assert got == expected, record["id"]
        units = list(dict.fromkeys(u for u, *_ in expected if u))
        assert record["units"] == units


def test_enver_is_mentioned_46_times(data_dir):
    enver = next(p for p in load_json(data_dir, "persons.json")["persons"] if p["id"] == "enver")
    # 42 in the article's words, 4 in the editorial notes in the text (¶9, reference 5)
    assert enver["mentions"] == 46
    assert enver["locations"][0] == {"unit": "Title", "anchor": "title", "mention": "m-enver-1", "text": "ANVAR POSHO"}
    assert "Anvar Posho" in enver["variants"]
    assert enver["birth"][0]["date"] == "1881-11-22" and enver["birth"][0]["placeId"] == "istanbul"


def test_conflicting_death_dates_are_both_kept(data_dir):
    ibrahim = next(p for p in load_json(data_dir, "persons.json")["persons"] if p["id"] == "ibrahim-bek")
    assert [(d["date"], d["certainty"]) for d in ibrahim["death"]] == [("1931-08-31", "medium"), ("1932-08-31", "medium")]


def test_places_have_coordinates_and_identifier_urls(data_dir, tei):
    records = {r["id"]: r for r in load_json(data_dir, "places.json")["places"]}
    for place in standoff(tei, "listPlace/t:place"):
        record = records[place.get(XML_ID)]
        geo = place.find("t:location/t:geo", NS)
        if geo is None:
            assert record["latitude"] is None and record["longitude"] is None
        else:
            lat, lon = (float(v) for v in geo.text.split())
            assert (record["latitude"], record["longitude"]) == (lat, lon)
        idnos = [(i.get("type"), i.text.strip()) for i in place.findall("t:idno", NS)]
        assert [(i["scheme"], i["value"]) for i in record["identifiers"]] == idnos
    istanbul = records["istanbul"]["identifiers"]
    assert [i["url"] for i in istanbul] == ["https://www.wikidata.org/wiki/Q406", "https://www.geonames.org/745044"]
    assert records["fort-leavenworth"]["coordinateCertainty"] == "low"


@pytest.mark.parametrize("stem", [*REGISTERS, "chronology", "bibliography"])
def test_csv_has_one_row_per_entry_matching_the_json(data_dir, stem):
    raw = (data_dir / f"{stem}.csv").read_bytes()
    raw.decode("utf-8")  # UTF-8, or this raises
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends with CRLF"
    rows = load_csv(data_dir, f"{stem}.csv")
    records = load_json(data_dir, f"{stem}.json")[stem]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    for row, record in zip(rows, records):
        assert int(row["mentions"]) == record["mentions"]
        assert row["units"] == "; ".join(record["units"])
        if "variants" in row:
            assert row["variants"] == "; ".join(record["variants"])
        if "notes" in row:
            assert row["notes"] == "; ".join(record["notes"])  # commas and quotes survive the quoting


def test_csv_lists_and_identifiers(data_dir):
    persons = {r["id"]: r for r in load_csv(data_dir, "persons.csv")}
    assert persons["enver"]["variants"] == "Anvar Posho; İsmail Enver; Enver"
    assert persons["ibrahim-bek"]["death_date"] == "1931-08-31; 1932-08-31"
    places = {r["id"]: r for r in load_csv(data_dir, "places.csv")}
    assert places["istanbul"]["identifiers"] == "wikidata:Q406; geonames:745044"
    assert (places["istanbul"]["latitude"], places["istanbul"]["longitude"]) == ("41.01384", "28.94966")
    assert places["turkestan"]["latitude"] == ""
    bibliography = {r["id"]: r for r in load_csv(data_dir, "bibliography.csv")}
    assert bibliography["shahingoz2020"]["authors"] == "Shahingoz, M.; Akhantaeva, A."


# --- chronology -----------------------------------------------------------------------------


def test_chronology_has_every_event_and_dated_mention_in_date_order(data_dir, tei):
    items = load_json(data_dir, "chronology.json")["chronology"]
    events = [e.get(XML_ID) for e in standoff(tei, "listEvent/t:event")]
    assert sorted(i["id"] for i in items if i["kind"] == "event") == sorted(events)
    text_el = tei.find("t:text", NS)
    dated = [d for part in ("t:front", "t:body") for d in text_el.find(part, NS).iter(f"{{{TEI_NS}}}date")
             if not any(etree.QName(a).localname == "note" for a in d.iterancestors())]
    dates = [i for i in items if i["kind"] == "date"]
    assert len(dates) == len(dated)
    assert {(d["label"], d["iso"]) for d in dates} == {
        (text(d), d.get("when") or f"{d.get('from') or d.get('notBefore')}/{d.get('to') or d.get('notAfter')}")
        for d in dated}
    # What neither source dates (an undated event) comes last.
    starts = [i["start"] + "-01-01"[len(i["start"]) - 4:] if i["start"] else "~" for i in items]
    assert starts == sorted(starts)
    by_id = {i["id"]: i for i in items}
    for date in dates:
        if date["event"]:
            assert date["id"] in by_id[date["event"]]["dates"]
    assert by_id["ev-death-of-enver"]["placeId"] == "baljuvon"


# --- GeoJSON ----------------------------------------------------------------------------------


def test_geojson_is_an_rfc7946_feature_collection(data_dir, tei):
    geo = load_json(data_dir, "places.geojson")
    assert geo["type"] == "FeatureCollection" and "crs" not in geo
    with_geo = [p.get(XML_ID) for p in standoff(tei, "listPlace/t:place") if p.find("t:location/t:geo", NS) is not None]
    assert [f["id"] for f in geo["features"]] == with_geo
    assert len(with_geo) < len(standoff(tei, "listPlace/t:place")), "places without coordinates are left out"
    counts = {r["id"]: r["mentions"] for r in load_json(data_dir, "places.json")["places"]}
    for feature in geo["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["id"] == feature["id"]
        assert feature["properties"]["mentions"] == counts[feature["id"]]
        assert feature["properties"]["name"]


def test_geojson_axis_order_is_longitude_latitude(data_dir):
    features = {f["id"]: f for f in load_json(data_dir, "places.geojson")["features"]}
    assert features["istanbul"]["geometry"]["coordinates"] == [28.94966, 41.01384]
    assert features["fort-leavenworth"]["geometry"]["coordinates"][0] < 0
    assert features["fort-leavenworth"]["geometry"]["coordinates"] == [-94.92, 39.35]


# --- bibliography: JSON, CSL-JSON, BibTeX ------------------------------------------------------


def test_bibliography_json_counts_citations(data_dir, tei):
    records = load_json(data_dir, "bibliography.json")["bibliography"]
    structs = standoff(tei, "listBibl/t:biblStruct")
    assert [r["id"] for r in records] == [b.get(XML_ID) for b in structs]
    body = tei.find("t:text", NS)
    for record in records:
        cites = [r for r in body.iter(f"{{{TEI_NS}}}ref") if r.get("type") == "citation" and r.get("target") == f"#{record['id']}"]
        assert record["mentions"] == len(cites)
    assert [r["reference"] for r in records] == list(range(1, 11))


def test_csl_json_items(data_dir, tei):
    items = load_json(data_dir, "bibliography.csl.json")
    structs = standoff(tei, "listBibl/t:biblStruct")
    assert [i["id"] for i in items] == [b.get(XML_ID) for b in structs]
    for item, struct in zip(items, structs):
        for key in ("id", "type", "title"):
            assert item.get(key), (item["id"], key)
        assert None not in item.values() and "" not in item.values()
        # issued is the date of publication; a web listing's date is not one.
        published = struct.find(".//t:imprint/t:date[@when]", NS)
        if published is not None and published.get("type") != "listing":
            assert item["issued"]["date-parts"][0][0] == int(published.get("when")[:4])
        else:
            assert "issued" not in item, item["id"]
        assert [a["family"] for a in item["author"]] == [s.text for s in struct.findall(".//t:author/t:surname", NS)]
    by_id = {i["id"]: i for i in items}
    assert by_id["shahingoz2020"]["type"] == "article-journal"
    assert by_id["shahingoz2020"]["container-title"] == "Central Asian Studies"
    assert by_id["rajabov2015"]["type"] == "book"
    assert by_id["rajabov2015"]["available-date"] == {"date-parts": [[2015, 7, 6]]}
    assert by_id["rajabov2015"]["language"] == "uz-Latn" and by_id["rajabov2015"]["URL"].startswith("https://")
    assert by_id["paksoy1991"]["type"] == "entry-encyclopedia"
    assert by_id["baumann1993"]["publisher-place"] == "Fort Leavenworth"


def parse_bibtex(source: str) -> list[tuple[str, str, dict[str, str]]]:
    """A small BibTeX reader: entries with balanced braces, fields as {value} or a bare word."""
    entries = []
    head = re.compile(r"@(\w+)\s*\{\s*([^,\s{}]+)\s*,")
    field = re.compile(r"\s*(\w+)\s*=\s*")
    pos = 0
    while (at := source.find("@", pos)) >= 0:
        m = head.match(source, at)
        assert m, f"malformed entry at {at}: {source[at:at + 40]!r}"
        fields: dict[str, str] = {}
        i = m.end()
        while True:
            fm = field.match(source, i)
            if not fm:
                break
            i = fm.end()
            if source[i] == "{":
                depth, start = 0, i
                while True:
                    depth += {"{": 1, "}": -1}.get(source[i], 0)
                    i += 1
                    if depth == 0:
                        break
                    assert i < len(source), "unbalanced braces"
                value = source[start + 1:i - 1]
            else:
                wm = re.compile(r"[\w-]+").match(source, i)
                value, i = wm.group(0), wm.end()
            assert fm.group(1).lower() not in fields, f"duplicate field {fm.group(1)}"
            fields[fm.group(1).lower()] = value
            i = re.compile(r"\s*,?").match(source, i).end()
        close = re.compile(r"\s*\}").match(source, i)
        assert close, f"entry {m.group(2)} does not close properly: {source[i:i + 40]!r}"
        entries.append((m.group(1).lower(), m.group(2), fields))
        pos = close.end()
    return entries


def test_bibtex_has_one_entry_per_record(data_dir, tei):
    source = (data_dir / "bibliography.bib").read_text(encoding="utf-8")
    entries = parse_bibtex(source)
    structs = standoff(tei, "listBibl/t:biblStruct")
    assert [key for _, key, _ in entries] == [b.get(XML_ID) for b in structs]
    by_key = {key: (kind, fields) for kind, key, fields in entries}
    kind, fields = by_key["shahingoz2020"]
    assert kind == "article"
    assert fields["author"] == "Shahingoz, M. and Akhantaeva, A."
    assert fields["journal"] == "Central Asian Studies" and fields["pages"] == "45--68" and fields["year"] == "2020"
    assert by_key["baumann1993"][0] == "book" and by_key["baumann1993"][1]["address"] == "Fort Leavenworth"
    assert by_key["paksoy1991"][0] == "inreference"
    # Reference 2 gives no date of publication, only its web listing's date.
    assert "year" not in by_key["rajabov2015"][1] and "month" not in by_key["rajabov2015"][1]
    assert "web listing: 2015-07-06" in by_key["rajabov2015"][1]["note"]
    for kind, key, fields in entries:
        assert fields["title"].startswith("{") and fields["title"].endswith("}")
        assert "title" in fields and ("year" in fields or "web listing" in fields.get("note", ""))


def test_bibtex_escapes_special_characters(tmp_path):
    """Characters special to TeX are escaped, braces stay balanced, non-ASCII stays UTF-8."""
    doc = xmlsafe.load(DEFAULT_SOURCE)
    tree = copy.deepcopy(doc.tree)
    title, = tree.xpath("//t:standOff/t:listBibl/t:biblStruct[@xml:id = 'olcott1981']/t:analytic/t:title", namespaces=NS)
    title.text = "R&D {open 50% of $5 #1 a_b ~x^2 \\ İsmail Ölçer"
    transform.run("data", tree, tmp_path, {})
    source = (tmp_path / "bibliography.bib").read_text(encoding="utf-8")
    entries = {key: fields for _, key, fields in parse_bibtex(source)}
    assert entries["olcott1981"]["title"] == (
        r"{R\&D \textbraceleft{}open 50\% of \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}2 "
        r"\textbackslash{} İsmail Ölçer}")
    # The CSL-JSON keeps the title as it is.
    csl = {i["id"]: i for i in json.loads((tmp_path / "bibliography.csl.json").read_text(encoding="utf-8"))}
    assert csl["olcott1981"]["title"] == "R&D {open 50% of $5 #1 a_b ~x^2 \\ İsmail Ölçer"


# --- JSON Schemas --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def validators():
    import jsonschema  # a test dependency: without it these tests fail, they are not skipped

    out = {}
    for data_name, schema_name in JSON_SCHEMAS.items():
        schema = json.loads((schema_dir() / "data" / schema_name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        out[data_name] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return out


@pytest.mark.parametrize("name", JSON_SCHEMAS)
def test_json_file_validates_against_its_schema(data_dir, validators, name):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validators[name].iter_errors(load_json(data_dir, name))]
    assert errors == []


def test_schemas_document_every_json_file(data_dir):
    json_files = {p.name for p in data_dir.glob("*.json")} | {p.name for p in data_dir.glob("*.geojson")}
    assert json_files == set(JSON_SCHEMAS)
    assert set(JSON_SCHEMAS.values()) == {p.name for p in (schema_dir() / "data").glob("*.schema.json")}


@pytest.mark.parametrize("name, breakage", [
    ("persons.json", lambda d: d["persons"][0].__setitem__("mentions", "42")),
    ("persons.json", lambda d: d["persons"][0].__setitem__("unexpected", 1)),
    ("places.json", lambda d: d["places"][2].__setitem__("latitude", 91)),
    ("places.geojson", lambda d: d["features"][0]["geometry"]["coordinates"].reverse() or
        d["features"][0]["geometry"].__setitem__("coordinates", [200, 10])),
    ("chronology.json", lambda d: d["chronology"][0].__setitem__("iso", "May 1922")),
    ("bibliography.csl.json", lambda d: d[0].pop("title")),
    ("bag-info.json", lambda d: d.pop("External-Identifier")),
])
def test_schemas_reject_broken_data(data_dir, validators, name, breakage):
    data = load_json(data_dir, name)
    breakage(data)
    assert list(validators[name].iter_errors(data)), "the schema must not accept this"


# --- Dublin Core, sitemap, bag-info ----------------------------------------------------------------


def test_dublin_core_record(data_dir, tei):
    dc = etree.parse(str(data_dir / "dublin-core.xml")).getroot()
    assert dc.tag == f"{{{OAI_DC}}}dc"
    values = lambda name: [e.text for e in dc.findall(f"{{{DC}}}{name}")]  # noqa: E731
    stmt = tei.find("t:teiHeader/t:fileDesc/t:titleStmt", NS)
    main, sub = text(stmt.find("t:title[@type='main']", NS)), text(stmt.find("t:title[@type='sub']", NS))
    assert values("title") == [f"{main}: {sub}"]
    name = stmt.find("t:author/t:persName", NS)
    forenames = " ".join(text(e) for e in name if etree.QName(e).localname in ("forename", "addName"))
    assert values("creator") == [f"{text(name.find('t:surname', NS))}, {forenames}"]
    pub = tei.find("t:teiHeader/t:fileDesc/t:publicationStmt", NS)
    assert values("identifier") == [text(pub.find("t:idno", NS))]
    assert values("publisher") == [text(pub.find("t:publisher", NS))]
    assert values("date") == [pub.find("t:date", NS).get("when")]
    assert values("rights") == [pub.find("t:availability/t:licence", NS).get("target")]
    assert values("language") == [tei.get("{http://www.w3.org/XML/1998/namespace}lang")]
    assert values("subject") == [text(t) for t in tei.findall(".//t:textClass/t:keywords/t:term", NS)]
    assert values("description") == [text(tei.find(".//t:profileDesc/t:abstract", NS))]
    assert values("type") == ["Text"] and values("source")


def test_sitemap_without_edition_url(data_dir):
    root = etree.parse(str(data_dir / "sitemap.xml"))
    comment = root.getroot().getprevious()
    assert isinstance(comment, etree._Comment) and "absolute" in comment.text
    urls = root.getroot().findall(f"{{{SITEMAP}}}url")
    assert [u.findtext(f"{{{SITEMAP}}}loc") for u in urls][0] == "index.html"
    assert {u.findtext(f"{{{SITEMAP}}}lastmod") for u in urls} == {"2026-11-24"}


def test_edition_url_makes_absolute_locations(tmp_path):
    data = build_into(tmp_path, {"edition-url": "https://example.org/anvar-posho/"})
    root = etree.parse(str(data / "sitemap.xml")).getroot()
    locs = [e.text for e in root.iter(f"{{{SITEMAP}}}loc")]
    assert locs and all(loc.startswith("https://example.org/anvar-posho/") for loc in locs)
    assert "https://example.org/anvar-posho/persons.html" in locs
    assert not isinstance(root.getprevious(), etree._Comment)
    dc = etree.parse(str(data / "dublin-core.xml")).getroot()
    assert "https://example.org/anvar-posho/index.html" in [e.text for e in dc.iter(f"{{{DC}}}identifier")]
    assert load_json(data, "persons.json")["edition"]["url"] == "https://example.org/anvar-posho/"


def test_bag_info_json_comes_from_the_header(data_dir, tei):
    info = load_json(data_dir, "bag-info.json")
    pub = tei.find("t:teiHeader/t:fileDesc/t:publicationStmt", NS)
    assert info["Bagging-Date"] == pub.find("t:date", NS).get("when")
    assert info["External-Identifier"] == text(pub.find("t:idno", NS))
    assert info["Source-Organization"] == text(pub.find("t:publisher", NS))
    assert info["Rights"] == pub.find("t:availability/t:licence", NS).get("target")
    assert info["External-Description"] == text(tei.find(".//t:profileDesc/t:abstract", NS))


# What Zotero makes of each type (its BibTeX.js and CSL mappings), and what each
# BibTeX type requires (biblatex manual, section 2.1.1; the file uses biblatex's
# date, url and language fields, so its entry types are biblatex's).
ZOTERO_TYPE_OF_BIBTEX = {"article": "journalArticle", "book": "book", "inreference": "encyclopediaArticle",
                         "incollection": "bookSection", "phdthesis": "thesis", "misc": "document"}
ZOTERO_TYPE_OF_CSL = {"article-journal": "journalArticle", "book": "book", "entry-encyclopedia": "encyclopediaArticle",
                      "chapter": "bookSection", "thesis": "thesis", "document": "document"}
BIBLATEX_REQUIRED = {"article": {"author", "title", "journal", "year"}, "book": {"author", "title", "year"},
                     "inreference": {"author", "title", "booktitle", "year"},
                     "incollection": {"author", "title", "booktitle", "year"}, "phdthesis": {"author", "title", "year"}}
CSL_REQUIRED = {"article-journal": {"title", "container-title", "issued"}, "book": {"title", "issued"},
                "entry-encyclopedia": {"title", "container-title", "issued"}, "chapter": {"title", "container-title", "issued"}}


def test_bibtex_and_csl_json_agree_on_item_types_and_carry_what_their_types_require(data_dir):
    import bibtexparser
    from bibtexparser.bparser import BibTexParser

    parser = BibTexParser(common_strings=True)
    parser.ignore_nonstandard_types = False
    library = bibtexparser.loads((data_dir / "bibliography.bib").read_text(encoding="utf-8"), parser=parser)
    bibtex = {entry["ID"]: entry for entry in library.entries}
    csl = {item["id"]: item for item in json.loads((data_dir / "bibliography.csl.json").read_text(encoding="utf-8"))}
    assert set(bibtex) == set(csl) and len(bibtex) == 10
    for key, entry in bibtex.items():
        item = csl[key]
        assert ZOTERO_TYPE_OF_BIBTEX[entry["ENTRYTYPE"]] == ZOTERO_TYPE_OF_CSL[item["type"]], key
        # A work whose reference gives no date of publication (only a web listing's
        # date, in note and available-date) has no year: the edition invents none.
        undated = "issued" not in item and "available-date" in item and "web listing" in entry.get("note", "")
        required = BIBLATEX_REQUIRED[entry["ENTRYTYPE"]] - ({"year"} if undated else set())
        assert required <= set(entry), (key, required - set(entry))
        # CSL-JSON schema: id and type are required; what a style needs to cite the type is there too.
        assert {"id", "type"} <= set(item) and CSL_REQUIRED[item["type"]] - ({"issued"} if undated else set()) <= set(item), key
        # A book's publisher is given wherever the source gives it, in both files alike.
        assert ("publisher" in entry) == ("publisher" in item), key
    assert bibtex["paksoy1991"]["ENTRYTYPE"] == "inreference" and csl["paksoy1991"]["type"] == "entry-encyclopedia"
    assert bibtex["baumann1993"]["publisher"] == csl["baumann1993"]["publisher"] == "Combat Studies Institute"


def test_a_data_stylesheet_that_leaves_out_a_listed_file_fails_the_step_by_name(tmp_path):
    # The step checks data.xsl's own list (outputs.json) against what it wrote.
    from tei_edition import build
    from tei_edition.findings import BuildError

    stylesheets = tmp_path / "xslt"
    stylesheets.mkdir()
    (stylesheets / "data.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:template match="/"><xsl:result-document href="outputs.json" method="text">'
        '{"outputs": [{"path": "data/persons.json", "producer": "data.xsl"}]}'
        '</xsl:result-document></xsl:template></xsl:stylesheet>', encoding="utf-8")
    doc = xmlsafe.load(DEFAULT_SOURCE)
    ctx = build.BuildContext(source=DEFAULT_SOURCE, tree=doc.tree, out_dir=tmp_path / "out",
                             xslt_dir=stylesheets, document=doc)
    with pytest.raises(BuildError, match=r"data\.xsl did not write data/persons\.json, which its outputs\.json lists"):
        build.load_step("data")(ctx)
    (tmp_path / "out" / "data" / "outputs.json").write_text("[]", encoding="utf-8")
    with pytest.raises(BuildError, match=r"outputs\.json cannot be read as the edition's list of outputs"):
        read_outputs(tmp_path / "out" / "data" / "outputs.json")
