"""The shared model (xslt/common.xsl and its model-*.xsl modules), function by
function: each is called through saxonche on a small TEI document and its result
compared with the expected one, the way the TEI Stylesheets keep golden results."""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import quoteattr

import pytest

from tei_edition import paths

TEI_NS = "http://www.tei-c.org/ns/1.0"
COMMON = (paths.xslt_dir() / "common.xsl").resolve().as_uri()


def tei(body: str = "", standoff: str = "", front: str = "", back: str = "") -> str:
    """A TEI document with the given text parts and standOff registers."""
    return f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title type="main">T</title></titleStmt>
    <publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
  <text><front>{front}</front><body>{body}</body><back>{back}</back></text>
  <standOff>{standoff}</standOff>
</TEI>"""


@lru_cache(maxsize=None)
def _executable(expression: str, declarations: str = ""):
    from tei_edition.transform import processor

    stylesheet = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
      xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:x-anvar-posho-edition:functions"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array" xmlns:map="http://www.w3.org/2005/xpath-functions/map"
      xpath-default-namespace="{TEI_NS}" exclude-result-prefixes="#all">
      <xsl:import href="{COMMON}"/>
      <xsl:output method="text" encoding="UTF-8"/>
      {declarations}
      <xsl:template match="/"><xsl:value-of select={quoteattr(expression)} separator="|"/></xsl:template>
    </xsl:stylesheet>"""
    compiler = processor().new_xslt30_processor()
    executable = compiler.compile_stylesheet(stylesheet_text=stylesheet)
    assert executable is not None, expression
    return executable


def evaluate(document: str, expression: str, params: dict[str, str] | None = None, declarations: str = "") -> str:
    """The value of an XPath expression (items joined by '|') in the model's
    context: the TEI document is the global context item, as in a build.
    ``declarations`` are added to the stylesheet that imports the model (and
    override it)."""
    from tei_edition.transform import processor

    executable = _executable(expression, declarations)
    executable.clear_parameters()
    for name, value in (params or {}).items():
        executable.set_parameter(name, processor().make_string_value(value))
    node = processor().new_document_builder().parse_xml(xml_text=document)
    executable.set_global_context_item(xdm_item=node)
    return executable.transform_to_string(xdm_node=node) or ""


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("start,end,expected", [
    ("1908-07-03", "1908-07-24", "3–24 July 1908"),
    ("1908-06-03", "1908-07-24", "3 June – 24 July 1908"),
    ("1908-12-30", "1909-01-02", "30 December 1908 – 2 January 1909"),
    ("1922-03", "1922-05", "March–May 1922"),
    ("1921-05", "1922-06", "May 1921 – June 1922"),
    ("1921", "1922", "1921–1922"),          # one rule: years in full, never 1921–22
    ("1914", "1918", "1914–1918"),
    ("1917", "1991", "1917–1991"),
    ("1922", "1922", "1922"),
    ("1922-08-04", "1922-08-04", "4 August 1922"),
])
def test_format_range_shortens_as_a_copy_editor_does(start, end, expected):
    assert evaluate(tei(), f"ed:format-range('{start}', '{end}')") == expected


@pytest.mark.parametrize("attributes,expected", [
    ('when="1922-08-04"', "4 August 1922"),
    ('when="1922-05"', "May 1922"),
    ('from="1908-07-03" to="1908-07-24"', "3–24 July 1908"),
    ('from="1921" to="1922"', "1921–1922"),
    ('from="1922-03" to="1922-05" cert="medium"', "March–May 1922 (medium certainty)"),
    ('notBefore="1930" notAfter="1934" cert="medium"', "between 1930 and 1934 (medium certainty)"),
    ('notBefore="1922-01-01" notAfter="1922-04-30"', "between 1 January 1922 and 30 April 1922"),
    ('from="1918"', "from 1918"),
    ('to="1918"', "until 1918"),
])
def test_format_date(attributes, expected):
    document = tei(body=f'<p n="1"><date {attributes}>x</date></p>')
    assert evaluate(document, "ed:format-date((//date)[1])") == expected


@pytest.mark.parametrize("attributes,expected", [
    ('when="1922"', "true"), ('from="1921" to="1922"', "true"), ('notAfter="1934"', "true"),
    ('to="1918"', "true"), ("", "false"), ('cert="low"', "false"),
])
def test_is_dated_when_any_bound_is_given(attributes, expected):
    # An event that neither the article nor the facts date (World War I) is undated,
    # and the chronology files it under "undated".
    document = tei(standoff=f'<listEvent><event xml:id="e" {attributes}><eventName>E</eventName></event></listEvent>')
    assert evaluate(document, "ed:is-dated(//event)") == expected
    assert (evaluate(document, "ed:chronology-year(//event)") == "undated") == (expected == "false")


@pytest.mark.parametrize("life,expected", [
    ('<birth when="1881-11-22"/><death when="1922-08-04"/>', "1881–1922"),
    ('<birth when="1889"/><death when="1931-08-31" cert="medium"/><death when="1932" cert="low"/>', "1889–1931/1932"),
    ('<birth when="1881"/>', "born 1881"),
    ('<death when="1922"/>', "died 1922"),
    ('<death notBefore="1930" notAfter="1934"/>', "died 1930"),
    ("", ""),
])
def test_life_span(life, expected):
    document = tei(standoff=f'<listPerson><person xml:id="a"><persName>A</persName>{life}</person></listPerson>')
    assert evaluate(document, "ed:life-span(//person)") == expected


CHRONOLOGY = tei(
    front='<titlePage><docTitle><titlePart>War (<date from="1921" to="1922">1921-1922</date>)</titlePart></docTitle></titlePage>',
    body='<p n="1">In <date when="1922-05" corresp="#e-counter">May 1922</date> and in'
         ' <date when="1916">1916</date><note>not <date when="1999">1999</date></note>, the'
         ' <name type="event" ref="#e-counter">counteroffensive</name>.</p>',
    back='<listBibl><bibl n="1">Book (<date when="1981">1981</date>)</bibl></listBibl>',
    standoff='<listEvent><event xml:id="e-counter" when="1922-05"><eventName>Counteroffensive</eventName></event>'
             '<event xml:id="e-revolt" when="1916"><eventName>Revolt</eventName></event></listEvent>',
)


def test_chronology_holds_events_and_dated_mentions_in_date_order():
    # Events first at the same date, then dates in document order; the
    # reference list and editorial notes are not part of it.
    items = evaluate(CHRONOLOGY, "ed:chronology() ! (if (self::event) then string(@xml:id) else ed:date-id(.))")
    assert items.split("|") == ["e-revolt", "d-3", "d-1", "e-counter", "d-2"]


def test_chronology_anchors_of_an_event_are_its_dates_and_names():
    anchors = evaluate(CHRONOLOGY, "ed:chronology-anchors(//event[@xml:id = 'e-counter']) ! ed:anchor(.)")
    assert anchors.split("|") == ["d-2", "m-e-counter-1"]
    assert evaluate(CHRONOLOGY, "ed:chronology-anchors((//body//date)[1]) ! ed:anchor(.)") == "d-2"


# --- kinds ------------------------------------------------------------------------------------

KINDS = tei(
    body='<p n="1"><persName ref="#a">A</persName> <placeName ref="#b">B</placeName> <orgName ref="#c">C</orgName>'
         ' <name type="event" ref="#e">E</name> <name ref="#a">not a mention</name>'
         ' <date when="1900">1900</date> <ref type="citation" target="#r">[1]</ref></p>',
    standoff='<listPerson><person xml:id="a"><persName>A</persName></person></listPerson>'
             '<listPlace><place xml:id="b"><placeName>B</placeName></place></listPlace>'
             '<listOrg><org xml:id="c"><orgName>C</orgName></org></listOrg>'
             '<listEvent><event xml:id="e" when="1900"><eventName>E</eventName></event></listEvent>'
             '<listBibl><biblStruct xml:id="r"><monogr><title>R</title><imprint><date when="1999"/></imprint></monogr></biblStruct></listBibl>',
)


def test_the_kind_of_entries_and_mentions_comes_from_the_table():
    assert evaluate(KINDS, "(//standOff//(person | place | org | event | biblStruct)) ! ed:kind(.)") == \
        "person|place|org|event|bibl"
    assert evaluate(KINDS, "(//body//*[@ref or @target or @when]) ! ed:kind(.)") == \
        "person|place|org|event|name|date|bibl"


def test_labels_and_entries_of_each_kind():
    assert evaluate(KINDS, "('person', 'org', 'bibl') ! ed:kind-label(., true())") == "Persons|Organisations|References"
    assert evaluate(KINDS, "ed:kind-label('event', false())") == "Event"
    assert evaluate(KINDS, "('person', 'place', 'org', 'event', 'bibl') ! count(ed:entries(.))") == "1|1|1|1|1"


def test_only_names_of_a_kind_are_mentions():
    # name without type="event" names nothing of the registers.
    assert evaluate(KINDS, "count(ed:mentions(//person))") == "1"
    assert evaluate(KINDS, "//body//*[@ref] ! ed:is-mention(.)") == "true|true|true|true|false"


# --- mentions, units, context ------------------------------------------------------------------

MENTIONS = tei(
    front='<div type="abstract" xml:id="abstract"><p>About <persName ref="#enver">Enver</persName>.</p></div>',
    body='<p xml:id="p1" n="1">One two three four five six seven eight nine ten eleven'
         ' <persName ref="#enver">Enver Pasha</persName> left<note>an editorial aside</note> for'
         ' <placeName ref="#bukhara">Bukhara</placeName>, and <persName ref="#enver">Enver</persName> stayed.</p>'
         '<table xml:id="t1"><head>Table 1: Leaders</head><row><cell><persName ref="#enver">Enver</persName></cell>'
         '<cell>Commander</cell></row></table>',
    standoff='<listPerson><person xml:id="enver"><persName type="main"><forename>Ismail</forename>'
             ' <surname>Enver</surname></persName><persName xml:lang="uz-Latn">Anvar Posho</persName></person></listPerson>'
             '<listPlace><place xml:id="bukhara"><placeName>Bukhara</placeName></place></listPlace>',
)


def test_mentions_are_grouped_by_unit():
    grouped = evaluate(MENTIONS, "ed:by-unit(ed:mentions(//person)) ! (ed:unit-label(ed:unit(?1)) || ':' || array:size(.))")
    assert grouped.split("|") == ["Abstract:1", "¶1:2", "Table 1:1"]


def test_anchors_number_the_mentions_of_each_entry():
    assert evaluate(MENTIONS, "ed:mentions(//person) ! ed:anchor(.)") == "m-enver-1|m-enver-2|m-enver-3|m-enver-4"


def test_keyword_in_context():
    first = "(//body//persName)[1]"
    assert evaluate(MENTIONS, f"ed:kwic({first})[1]") == "… two three four five six seven eight nine ten eleven "
    assert evaluate(MENTIONS, f"ed:kwic({first})[2]") == "Enver Pasha"
    # The editorial note is left out of the context.
    assert evaluate(MENTIONS, f"ed:kwic({first})[3]") == " left for Bukhara, and Enver stayed."
    assert evaluate(MENTIONS, "ed:kwic-text(//table//persName)") == "Enver · Commander"


def test_counts_say_what_they_count():
    # Names in the reference list are in the titles of cited works, not in the article's text.
    document = tei(
        body='<p n="1"><persName ref="#enver">Enver</persName> and <persName ref="#enver">Enver</persName>'
             '<note type="editorial">see <persName ref="#enver">Enver</persName></note>.</p>',
        back='<div><listBibl><bibl n="1">Life of <persName ref="#enver">Enver</persName>.</bibl>'
             '<bibl n="2"><persName ref="#ibrahim">Ibrahim</persName> and others.</bibl></listBibl></div>',
        standoff='<listPerson><person xml:id="enver"><persName type="main">Enver</persName></person>'
                 '<person xml:id="ibrahim"><persName type="main">Ibrahim</persName></person>'
                 '<person xml:id="nobody"><persName type="main">Nobody</persName></person></listPerson>')
    assert evaluate(document, "ed:mentions(id('enver')) ! ed:mention-place(.)") == "text|text|notes|titles"
    counts = "ed:mention-counts(id('enver')) ! (?text, ?titles, ?notes, ?all)"
    assert evaluate(document, counts) == "2|1|1|4"
    assert evaluate(document, "ed:mention-summary(id('enver'))") == (
        "Named twice in the article, once in titles of cited works, once in editorial notes")
    assert evaluate(document, "ed:mention-summary(id('ibrahim'))") == "Named only once in titles of cited works"
    assert evaluate(document, "ed:mention-summary(id('nobody'))") == "Not named in the article"
    assert evaluate(MENTIONS, "ed:mention-summary(//person)") == "Named 4 times in the article"


# --- the print index ---------------------------------------------------------------------------

INDEX = tei(
    body='<p n="1"><persName ref="#enver">ENVER</persName>, <persName ref="#enver">Enver</persName>,'
         ' <persName ref="#enver" xml:lang="uz-Latn">Anvar Posho</persName>, the <persName ref="#caliph">Caliph</persName>'
         ' and <persName ref="#ibrahim">Ibrahim Bek</persName>.</p>',
    standoff='<listPerson>'
             '<person xml:id="enver"><persName type="main"><forename>Ismail</forename> <surname>Enver</surname></persName>'
             '<persName xml:lang="uz-Latn">Anvar Posho</persName><birth when="1881"/><death when="1922"/></person>'
             '<person xml:id="caliph"><persName type="main">the Caliph</persName></person>'
             '<person xml:id="ibrahim"><persName type="main"><forename>Ibrahim</forename> <surname>Bek</surname></persName>'
             '<persName>Ibrahim Beg</persName></person>'
             '<person xml:id="unnamed"><persName type="main">Nobody</persName></person>'
             '</listPerson>',
)


def test_index_headings_invert_names_by_one_rule():
    assert evaluate(INDEX, "//person ! ed:index-heading(.)").split("|") == \
        ["Enver, Ismail", "Caliph, the", "Bek, Ibrahim", "Nobody"]


def test_index_entries_with_see_references():
    items = evaluate(INDEX, "ed:index-entries('person') ! (?type || ':' || (if (?type = 'see') then ?name || '>' || ?heading else ?heading))")
    # Sorted together; "Ibrahim Beg" would stand next to "Bek, Ibrahim"? No:
    # "bek ibrahim" < "caliph" < "enver ismail" < "ibrahim beg"; "Anvar Posho" first.
    assert items.split("|") == [
        "see:Anvar Posho>Enver, Ismail", "entry:Bek, Ibrahim", "entry:Caliph, the", "entry:Enver, Ismail",
        "see:Ibrahim Beg>Bek, Ibrahim"]


def test_index_entry_details():
    enver = "ed:index-entries('person')[?id = 'enver']"
    assert evaluate(INDEX, f"{enver}?life") == "1881–1922"
    assert evaluate(INDEX, f"{enver}?variants") == "Anvar Posho"
    assert evaluate(INDEX, f"count({enver}?mentions)") == "3"
    # Two forms: "Anvar Posho" and "Enver" (ENVER shown as the text prints it outside capitals).
    assert evaluate(INDEX, f"{enver}?forms ! (?form || ':' || count(?mentions))") == "Anvar Posho:1|Enver:2"
    assert evaluate(INDEX, f"{enver}?forms[1]?lang") == "uz-Latn"
    assert evaluate(INDEX, "ed:index-entries('person')[?id = 'caliph']?forms => count()") == "0"
    # An entry the text never names is not in the index.
    assert evaluate(INDEX, "ed:index-entries('person')[?id = 'unnamed'] => count()") == "0"


def test_see_reference_next_to_its_entry_is_left_out():
    document = tei(
        body='<p n="1"><persName ref="#a">Ali</persName></p>',
        standoff='<listPerson><person xml:id="a"><persName type="main">Ali</persName><persName>Aly</persName></person></listPerson>')
    assert evaluate(document, "ed:index-entries('person') ! ?type") == "entry"


# --- text, notes, tables, places ---------------------------------------------------------------

TEXT = tei(
    front='<titlePage><docTitle><titlePart>A title<lb/>in two lines</titlePart></docTitle></titlePage>',
    body='<p xml:id="p1" n="1">One <choice><sic>tow</sic><corr>two</corr></choice> three<note type="editorial">not'
         ' counted</note>.<pb/>Four <gap reason="omitted"><desc>telephone</desc></gap>five.</p>'
         '<p xml:id="p2" n="2">Six<note type="editorial">second note</note><pb/> seven.</p>'
         '<table><head>Table 1: T</head><row role="label"><cell role="label">A</cell><cell>B</cell></row>'
         '<row><cell role="label">r</cell><cell>d</cell></row><row role="label"><cell>mid</cell></row></table>',
    standoff='<listPlace><place xml:id="bukhara"><placeName type="main">Bukhara</placeName><placeName xml:lang="uz">Buxoro</placeName></place></listPlace>'
             '<listPerson><person xml:id="p"><persName>P</persName><birth when="1880"><placeName ref="#bukhara">B</placeName></birth></person>'
             '<person xml:id="q"><persName>Q</persName></person></listPerson>'
             '<listEvent><event xml:id="e" when="1920" where="#bukhara"><eventName>Fall</eventName></event></listEvent>',
)


def test_word_count_reads_the_text_as_printed():
    # "A title in two lines" + "One tow three. Four five." (sic kept, corr, note and gap
    # left out; the page break separates) + "Six seven." + the table's "Table 1: T" "A B r d mid".
    assert evaluate(TEXT, "ed:word-count(//text/front)") == "5"
    assert evaluate(TEXT, "ed:word-count(//p[@n = 1])") == "5"
    assert evaluate(TEXT, "ed:word-count(//text)") == str(5 + 5 + 2 + 3 + 5)


def test_notes_and_page_breaks_are_numbered_in_document_order():
    assert evaluate(TEXT, "//note ! ed:note-number(.)") == "1|2"
    assert evaluate(TEXT, "//note ! ed:note-id(.)") == "note-1|note-2"
    assert evaluate(TEXT, "//pb ! ed:original-page(.)") == "2|3"


def test_table_headers_by_one_rule():
    # The leading label row heads the columns; a label cell or a later label row heads a row.
    assert evaluate(TEXT, "count(ed:table-head(//table))") == "1"
    assert evaluate(TEXT, "//cell ! (ed:cell-scope(.), '-')[1]") == "col|col|row|-|row"


def test_places_know_their_events_and_lives():
    assert evaluate(TEXT, "ed:events-at(//place) ! string(@xml:id)") == "e"
    assert evaluate(TEXT, "ed:lives-at(//place) ! string(@xml:id)") == "p"
    assert evaluate(TEXT, "ed:label(//place) || '|' || ed:variants(//place)") == "Bukhara|Buxoro"
    assert evaluate(TEXT, "ed:variant-names(//place) ! string(@xml:lang)") == "uz"


# --- outputs and the Dublin Core record --------------------------------------------------------

HEADER = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
  <teiHeader><fileDesc>
    <titleStmt><title type="main">Main</title><title type="sub">Sub</title>
      <author ref="#a"><persName><surname>Artikov</surname> <forename>Zafar</forename></persName></author>
      <respStmt><resp>Encoding</resp><name>The team</name></respStmt></titleStmt>
    <editionStmt><edition n="1.0">First</edition></editionStmt>
    <publicationStmt><publisher>The team</publisher><date when="2026-11-24"/><idno type="URN">urn:x:1</idno>
      <availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>
    </publicationStmt>
    <sourceDesc><bibl><author>A. Author</author><title>The article</title></bibl></sourceDesc></fileDesc>
    <profileDesc><abstract><p>About it.</p></abstract><textClass><keywords><term>one</term><term>two</term></keywords></textClass></profileDesc>
  </teiHeader>
  <text><front><titlePage><docTitle><titlePart>In <placeName ref="#t">Turkestan</placeName>
    (<date from="1921" to="1922">1921-1922</date>)</titlePart></docTitle></titlePage></front><body><p n="1">x</p></body></text>
  <standOff><listPlace><place xml:id="t"><placeName>Turkestan</placeName></place></listPlace></standOff>
</TEI>"""


def test_dublin_core_record():
    record = evaluate(HEADER, "ed:dublin-core() ! (?1 || '=' || ?2)").split("|")
    assert record == [
        "title=Main: Sub", "creator=Artikov, Zafar", "contributor=The team", "subject=one", "subject=two",
        "description=About it.", "publisher=The team", "date=2026-11-24", "type=Text",
        "format=text/html", "format=application/tei+xml", "format=application/pdf",
        "identifier=urn:x:1", "language=en", "source=A. Author, The article",
        "coverage=Turkestan", "coverage=1921/1922", "rights=https://creativecommons.org/licenses/by/4.0/"]
    with_url = evaluate(HEADER, "ed:dublin-core()[?1 = 'identifier'] ! ?2", {"edition-url": "https://example.org/ed/"})
    assert with_url == "urn:x:1|https://example.org/ed/index.html"


@pytest.mark.parametrize("url", ["https://example.org/ed/", "https://example.org/ed", "https://example.org/ed//"])
def test_edition_url_gets_one_trailing_slash(url):
    assert evaluate(HEADER, "$ed:edition-url", {"edition-url": url}) == "https://example.org/ed/"


def test_outputs_and_where_they_are_published():
    pages = evaluate(HEADER, "ed:pages() ! string(@path)").split("|")
    # The article first, then the register pages in the kinds table's order, about.html last.
    assert pages[0] == "html/index.html" and pages[-1] == "html/about.html"
    registers = ["html/persons.html", "html/places.html", "html/organisations.html",
                 "html/chronology.html", "html/bibliography.html"]
    assert [page for page in pages if page in registers] == registers == pages[1:6]
    # A register data file for each kind with a data column, and the formats beside it.
    data = evaluate(HEADER, "$ed:outputs[@producer = 'data.xsl'] ! string(@path)").split("|")
    assert data[:4] == ["data/persons.json", "data/persons.csv", "data/places.json", "data/places.csv"]
    assert "data/places.geojson" in data and "data/bibliography.bib" in data and "data/outputs.json" in data
    assert data.count("data/chronology.json") == 1  # events and dates share it
    relative = "ed:output('pdf/article.pdf') ! (ed:output-href(.), ed:published-url(.))"
    assert evaluate(HEADER, relative) == "../pdf/article.pdf|../pdf/article.pdf"
    absolute = "(ed:output('html/persons.html'), ed:output('pdf/article.pdf')) ! ed:published-url(.)"
    assert evaluate(HEADER, absolute, {"edition-url": "https://example.org/ed/"}) == \
        "https://example.org/ed/persons.html|https://example.org/pdf/article.pdf"
    assert evaluate(HEADER, "ed:downloads()[1] ! (@group || ':' || @label)") == "Text:TEI P5 XML source"


# --- a new kind is one row ---------------------------------------------------------------------

# The kinds table with one more row: objects (TEI listObject/object/objectName).
OBJECT_KIND = f"""
  <xsl:variable name="ed:kind-table" as="document-node()">
    <xsl:document>
      <xsl:sequence select="doc('{(paths.xslt_dir() / "model-kinds.xsl").resolve().as_uri()}')
        //xsl:variable[@name = 'ed:kind-table']//ed:kind"/>
      <ed:kind name="object" entry="object" list="listObject" names="objectName" mention="objectName" mention-type=""
        pointer="ref" singular="Object" plural="Objects" page="objects.html" data="objects" extra-data=""
        schema-org="Thing" class="object" sort="name" index="yes" highlight="yes"
        page-title="Objects" page-description="Objects named in %title%." description="Register of objects."/>
    </xsl:document>
  </xsl:variable>"""

OBJECTS = tei(
    body='<p n="1">The <objectName ref="#banner">green banner</objectName> and the <objectName ref="#banner">banner</objectName>.</p>',
    standoff='<listObject><object xml:id="banner"><objectName type="main">Green banner</objectName>'
             '<objectName>Banner of Islam</objectName></object></listObject>',
)


def test_a_new_kind_is_one_row_of_the_kinds_table():
    def value(expression: str) -> str:
        return evaluate(OBJECTS, expression, declarations=OBJECT_KIND)

    assert value("ed:kind(//object) || '|' || ed:kind((//objectName)[1])") == "object|object"
    assert value("ed:kind-label('object', true())") == "Objects"
    assert value("ed:entries('object') ! ed:label(.)") == "Green banner"
    assert value("ed:variants(//object)") == "Banner of Islam"
    assert value("ed:mentions(//object) ! ed:anchor(.)") == "m-banner-1|m-banner-2"
    assert value("ed:index-entries('object') ! ?heading") == "Green banner"
    # Its page and data files are outputs: navigation, downloads, sitemap, outputs.json.
    assert "html/objects.html" in value("ed:pages() ! string(@path)").split("|")
    assert value("ed:downloads()[@kind = 'object'] ! (@group || ':' || @label)") == "Objects:JSON|Objects:CSV"
    assert value("ed:is-entry(//object)") == "true"


# --- citations (model-cite.xsl) ---------------------------------------------------------


def test_bibtex_escape_writes_every_tex_special_character_as_itself():
    assert evaluate(tei(), r"ed:bibtex-escape('50% of {x} & $y_1 #2 ~ ^ \ ok')") == (
        r"50\% of \textbraceleft{}x\textbraceright{} \& \$y\_1 \#2 \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{} ok")


def test_the_edition_is_cited_in_three_styles_with_an_address_only_when_it_has_one():
    article = paths.DEFAULT_SOURCE.read_text(encoding="utf-8")
    title = ("Anvar Posho and the Warlords: Leadership Dynamics in the Basmachi Resistance Movement "
             "of Turkestan (1921-1922)")
    assert evaluate(article, "ed:cite-text('chicago', ())") == (
        f"Artikov, Zafar Zaripovich. “{title}.” Digital edition 1.0. The Anvar Posho Edition team, 2026.")
    assert evaluate(article, "ed:cite-text('apa', ())") == (
        f"Artikov, Z. Z. (2026). {title} (Digital ed. 1.0). The Anvar Posho Edition team.")
    assert evaluate(article, "ed:cite-text('mla', ())") == (
        f"Artikov, Zafar Zaripovich. “{title}.” Digital edition 1.0, The Anvar Posho Edition team, 2026.")
    # A paragraph, with the published address and its anchor (no URN: it cannot be opened).
    assert evaluate(article, "ed:cite-text('chicago', (//body//p[@n='3'])[1])",
                    {"edition-url": "https://example.org/ed"}).endswith(
        "Par. 3. Digital edition 1.0. The Anvar Posho Edition team, 2026. https://example.org/ed/index.html#p3.")
    assert "urn:" not in evaluate(article, "ed:cite-text('chicago', (//body//p[@n='3'])[1])")
