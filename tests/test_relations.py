"""Relations, affiliations and the network graph (xslt/data-relations.xsl, data-graph.xsl).

Built once per session with the real ``data`` step. What each file should hold is
recomputed from the TEI with lxml; the files are read with real parsers: json, csv,
jsonschema and networkx (``read_graphml``, as a user of the graph would).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from conftest import load_csv, load_json, run_step
from tei_edition.paths import schema_dir

TEI_NS = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
KINDS = {"person": "person", "org": "org", "place": "place", "event": "event"}


def norm(el) -> str:
    return " ".join("".join(el.itertext()).split())


def entries(tei) -> dict[str, etree._Element]:
    stand = tei.find("t:standOff", NS)
    return {e.get(XML_ID): e for tag in ("person", "org", "place", "event")
            for e in stand.iter(f"{{{TEI_NS}}}{tag}")}


def tei_relations(tei) -> list[etree._Element]:
    return tei.findall("t:standOff/t:listRelation/t:relation", NS)


def tei_affiliations(tei) -> list[etree._Element]:
    return tei.findall("t:standOff/t:listPerson/t:person/t:affiliation", NS)


# --- relations.json / .csv --------------------------------------------------------------


def test_every_relation_is_exported_in_order_with_its_parties(data_dir, tei):
    records = load_json(data_dir, "relations.json")["relations"]
    rels = tei_relations(tei)
    assert len(rels) >= 20 and len(records) == len(rels)
    registers = entries(tei)
    for i, (rel, rec) in enumerate(zip(rels, records), 1):
        assert rec["id"] == f"r{i}"
        assert rec["type"] == rel.getparent().get("type") and rec["name"] == rel.get("name")
        active = [p.lstrip("#") for p in (rel.get("active") or "").split()]
        passive = [p.lstrip("#") for p in (rel.get("passive") or "").split()]
        mutual = [p.lstrip("#") for p in (rel.get("mutual") or "").split()]
        assert [p["id"] for p in rec["active"]] == active
        assert [p["id"] for p in rec["passive"]] == passive
        assert [p["id"] for p in rec["mutual"]] == mutual
        assert rec["directed"] is bool(active)
        for party in rec["active"] + rec["passive"] + rec["mutual"]:
            assert party["kind"] == etree.QName(registers[party["id"]]).localname
        assert rec["certainty"] == rel.get("cert")
        assert rec["source"] == rel.get("source").lstrip("#")


def test_the_contested_claims_stay_contested(data_dir):
    records = load_json(data_dir, "relations.json")["relations"]
    alias = [r for r in records if r["name"] == "aliasOf"]
    assert [(r["active"][0]["id"], r["passive"][0]["id"], r["certainty"]) for r in alias] == [
        ("muhammad-ghazi", "melkumov", "low")]
    killed = next(r for r in records if r["name"] == "killed")
    assert (killed["active"][0]["id"], killed["passive"][0]["id"]) == ("melkumov", "enver")
    assert killed["certainty"] == "low" and killed["sourceLabel"] == "¶9" and killed["sourceKind"] == "article"
    assert "Contested" in killed["description"]


def test_table_2_leadership_is_participation(data_dir, tei):
    """Each row of Table 2 names its leaders in the column "Leadership Involved": each
    of them takes part in the row's event, by a relation whose source is the table."""
    records = load_json(data_dir, "relations.json")["relations"]
    took_part = {(r["active"][0]["id"], r["passive"][0]["id"]) for r in records if r["name"] == "participatedIn"}
    table = tei.find(".//t:table[@xml:id='table2']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    rows = [row for row in table.findall("t:row", NS) if row.get("corresp")]
    assert len(rows) == 5
    for row in rows:
        event = row.get("corresp").lstrip("#")
        leaders = {p.get("ref").lstrip("#") for p in row.findall("t:cell", NS)[2].iter(f"{{{TEI_NS}}}persName")}
        assert leaders and all((who, event) in took_part for who in leaders), (event, leaders)


def test_relation_sources_tell_the_article_from_the_editors(data_dir):
    for rec in load_json(data_dir, "relations.json")["relations"]:
        if rec["source"].startswith(("p", "table")):
            assert rec["sourceKind"] == "article" and rec["sourceLabel"].startswith(("¶", "Table"))
        else:
            assert rec["sourceKind"] == "editors", rec


def test_relations_csv_matches_the_json(data_dir):
    records = load_json(data_dir, "relations.json")["relations"]
    rows = load_csv(data_dir, "relations.csv")
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    mutual = next(row for row in rows if row["name"] == "rivalOf")
    assert mutual["mutual_id"] == "enver; ibrahim-bek" and mutual["directed"] == "false"
    assert mutual["active_id"] == "" and mutual["certainty"] == "medium"
    first = rows[0]
    assert (first["active_id"], first["passive_id"], first["sourceLabel"]) == ("ibrahim-bek", "enver", "¶8")


def test_open_ends_stay_open(data_dir):
    """A relation known only to end by a date (@notAfter) has no start."""
    rec = next(r for r in load_json(data_dir, "relations.json")["relations"] if r["name"] == "collaboratedWith")
    assert rec["start"] is None and rec["end"] == "1921-11" and rec["notAfter"] == "1921-11"


# --- affiliations.json / .csv -----------------------------------------------------------------


def test_every_affiliation_is_exported_with_its_organisation_and_source(data_dir, tei):
    records = load_json(data_dir, "affiliations.json")["affiliations"]
    affs = tei_affiliations(tei)
    assert len(records) == len(affs) >= 8
    for i, (aff, rec) in enumerate(zip(affs, records), 1):
        person = aff.getparent()
        assert rec["id"] == f"a{i}" and rec["personId"] == person.get(XML_ID)
        assert rec["orgId"] == aff.get("ref").lstrip("#")
        assert rec["description"] == norm(aff)
        source = (aff.get("source") or person.get("source")).lstrip("#")
        assert rec["source"] == source


def test_enver_as_minister_of_war_and_kakurin_in_the_red_army(data_dir):
    records = load_json(data_dir, "affiliations.json")["affiliations"]
    minister = next(r for r in records if r["personId"] == "enver" and r["orgId"] == "ottoman-empire")
    assert (minister["start"], minister["end"]) == ("1914-01-04", "1918-10-13")
    assert minister["sourceKind"] == "editors"
    assert {r["orgId"] for r in records if r["personId"] == "enver"} >= {
        "ottoman-empire", "committee-union-progress", "basmachi"}
    assert any(r["personId"] == "kakurin" and r["orgId"] == "red-army" for r in records)
    chekist = next(r for r in records if r["personId"] == "melkumov" and r["orgId"] == "cheka")
    assert chekist["certainty"] == "low" and chekist["sourceLabel"] == "¶9"


def test_affiliations_csv_matches_the_json(data_dir):
    records = load_json(data_dir, "affiliations.json")["affiliations"]
    rows = load_csv(data_dir, "affiliations.csv")
    assert [(r["id"], r["personId"], r["orgId"]) for r in rows] == [
        (r["id"], r["personId"], r["orgId"] or "") for r in records]


# --- JSON Schemas -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["relations", "affiliations"])
def test_json_validates_against_its_schema_and_the_schema_refuses_breakage(data_dir, name):
    import jsonschema

    schema = json.loads((schema_dir() / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = load_json(data_dir, f"{name}.json")
    assert [e.message for e in validator.iter_errors(data)] == []
    broken = json.loads(json.dumps(data))
    broken[name][0]["certainty"] = "sure"
    assert list(validator.iter_errors(broken))
    if name == "relations":
        broken = json.loads(json.dumps(data))
        rec = next(r for r in broken[name] if not r["directed"])
        rec["mutual"] = rec["mutual"][:1]
        assert list(validator.iter_errors(broken)), "a symmetric relation has two parties"


# --- graph.graphml --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(data_dir):
    import networkx as nx

    return nx.read_graphml(data_dir / "graph.graphml")


def test_graph_has_every_register_entry_as_a_node(graph, tei):
    registers = entries(tei)
    assert set(graph.nodes) == set(registers)
    for node_id, entry in registers.items():
        assert graph.nodes[node_id]["kind"] == etree.QName(entry).localname
        names = [n for n in entry if etree.QName(n).localname in ("persName", "placeName", "orgName", "eventName")]
        main = next((n for n in names if n.get("type") == "main"), names[0])
        label = norm(main)
        assert graph.nodes[node_id]["label"] == label


def test_graph_edges_are_the_relations_affiliations_and_locations(graph, tei, data_dir):
    import networkx as nx

    assert isinstance(graph, nx.MultiDiGraph), "parallel links (Enver and Ibrahim Bek) are kept"
    edges = {key: (u, v, d) for u, v, key, d in graph.edges(keys=True, data=True)}
    relations = load_json(data_dir, "relations.json")["relations"]
    affiliations = load_json(data_dir, "affiliations.json")["affiliations"]
    events_with_place = tei.findall("t:standOff/t:listEvent/t:event[@where]", NS)
    assert len(edges) == len(relations) + len(affiliations) + len(events_with_place)
    for rec in relations:
        u, v, d = edges[rec["id"]]
        ends = [p["id"] for p in rec["active"] + rec["passive"] + rec["mutual"]]
        assert [u, v] == ends and d["label"] == rec["name"] and d["type"] == rec["type"]
        assert d["mutual"] is (not rec["directed"])
        assert d.get("certainty") == rec["certainty"] and d["source"] == rec["source"]
    for rec in affiliations:
        u, v, d = edges[rec["id"]]
        assert (u, v, d["type"]) == (rec["personId"], rec["orgId"], "affiliation")
    for event in events_with_place:
        u, v, d = edges["w-" + event.get(XML_ID)]
        assert (u, v, d["type"]) == (event.get(XML_ID), event.get("where").lstrip("#"), "location")


def test_graph_typed_edges_answer_questions(graph):
    """What a reuser would ask: who took part in the Dushanbe siege, where is the Lokai Valley."""
    took_part = {u for u, v, d in graph.in_edges("ev-dushanbe-siege", data=True) if d["type"] == "participation"}
    assert took_part == {"enver", "basmachi"}
    chain, node = [], "lokai-valley"
    while True:
        up = [v for _, v, d in graph.out_edges(node, data=True) if d["type"] == "spatial"]
        if not up:
            break
        node = up[0]
        chain.append(node)
    assert chain == ["eastern-bukhara", "bukhara-region"]


def test_graph_is_well_formed_graphml(data_dir):
    root = etree.parse(str(data_dir / "graph.graphml")).getroot()
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    graph = root.find("{http://graphml.graphdrawing.org/xmlns}graph")
    assert graph.get("edgedefault") == "directed"
    ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == len(set(ids))


# --- the HTML cards and register entries ------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return run_step("html", tmp_path_factory.mktemp("relations-html"))


def facts(root, element_id: str) -> dict[str, list[str]]:
    """dt -> [dd texts] of the element's fact list (a card template or a register entry)."""
    el = root.get_element_by_id(element_id)
    out: dict[str, list[str]] = {}
    key = None
    for node in el.iter("dt", "dd"):
        text = " ".join(node.text_content().split())
        if node.tag == "dt":
            key = text
            out[key] = []
        else:
            out[key].append(text)
    return out


def test_cards_list_affiliations_and_relations_with_date_and_source(site):
    from lxml import html

    index = html.parse(str(site / "index.html")).getroot()
    enver = facts(index, "card-enver")
    assert "Minister of War of the Ottoman Empire, 4 January 1914 – 13 October 1918 (The edition's authority file)" \
        in enver["Affiliations"]
    assert enver["Faced a revolt by"] == ["Ibrahim Bek, June 1922 (¶8)"]
    assert enver["Killed by"] == ["Yakov A. Melkumov, 4 August 1922 (¶9; contested)"]
    assert "Dushanbe siege (Table 2)" in enver["Took part in"]
    siege = facts(index, "card-ev-dushanbe-siege")
    assert siege["Participants"] == ["Enver Pasha (Table 2)", "Basmachi movement (Table 2)"]
    valley = facts(index, "card-lokai-valley")
    assert valley["Located in"] == ["Eastern Bukhara (¶4)"]


def test_register_entries_link_the_other_parties(site):
    from lxml import html

    persons = html.parse(str(site / "persons.html")).getroot()
    melkumov = persons.get_element_by_id("melkumov")
    links = {a.get("href") for a in melkumov.iter("a")}
    assert {"organisations.html#red-army", "organisations.html#cheka", "persons.html#enver",
            "persons.html#muhammad-ghazi"} <= links
    assert facts(persons, "melkumov")["Allegedly used the alias"] == ["Muhammad Ghazi (¶9; contested)"]
