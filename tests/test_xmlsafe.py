"""Safe parsing: hostile and broken inputs are refused with located findings."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tei_edition import xmlsafe
from tei_edition.findings import format_text
from tei_edition.xmlsafe import XMLInputError, load, load_bytes

GOOD = b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>\n'

XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEI [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>&secret;</text></TEI>
"""

XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"/>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz a="&lol9;">&lol9;</lolz>
"""


def refused(data: bytes, name: str = "case.xml"):
    with pytest.raises(XMLInputError) as info:
        load_bytes(data, name)
    return info.value.findings


def test_good_document_parses():
    doc = load_bytes(GOOD, "good.xml")
    assert doc.tree.getroot().tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_external_entity_is_refused_before_parsing():
    [f] = refused(XXE)
    assert f.rule == "doctype-entities"
    assert "DOCTYPE declares entities" in f.message
    assert (f.line, f.col) == (3, 3)
    assert "root:" not in format_text(f)


def test_parameter_entity_is_refused():
    [f] = refused(XXE_PARAMETER)
    assert f.rule == "doctype-entities"


def test_billion_laughs_is_refused_fast():
    started = time.monotonic()
    [f] = refused(BILLION_LAUGHS)
    assert f.rule == "doctype-entities"
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("doctype", [
    b'<!DOCTYPE TEI SYSTEM "tei_all.dtd">',
    b'<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "http://www.tei-c.org/tei_all.dtd">',
])
def test_external_dtd_is_refused(doctype):
    [f] = refused(doctype + b'\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    assert f.rule == "external-dtd"
    assert (f.line, f.col) == (1, 1)


def test_doctype_scan_is_not_fooled_by_comments_and_quotes():
    data = (b'<!-- a "quote --><?pi ?>\n<!DOCTYPE TEI [ <!-- ]> --> <!ATTLIST TEI a CDATA "]>">\n'
            b' <!ENTITY e "x"> ]>\n<TEI/>')
    [f] = refused(data)
    assert f.rule == "doctype-entities"
    assert f.line == 3


def test_plain_doctype_without_declarations_is_accepted_and_never_reaches_saxon():
    doc = load_bytes(b'<!DOCTYPE TEI>\n<!-- c --><TEI/>', "d.xml")
    assert "DOCTYPE" not in xmlsafe.serialize(doc.tree)
    assert "<!-- c -->" in xmlsafe.serialize(doc.tree)


def test_not_well_formed_is_located():
    [f] = refused(b'<TEI>\n  <p>open\n</TEI>\n')
    assert f.rule == "well-formed"
    assert f.line == 3 and f.col is not None
    assert "mismatch" in f.message


def test_undefined_entity_explains_the_five_xml_entities():
    [f] = refused(b"<TEI>&nbsp;</TEI>")
    assert "not defined" in f.message and "&#160;" in f.message


def test_empty_and_blank_files():
    assert refused(b"")[0].rule == "empty"
    assert refused(b" \n\t\n")[0].rule == "empty"


def test_utf8_bom_is_accepted():
    doc = load_bytes(b"\xef\xbb\xbf" + GOOD, "bom.xml")
    assert doc.tree.getroot() is not None


def test_utf16_is_refused():
    [f] = refused(GOOD.decode().replace("UTF-8", "UTF-16").encode("utf-16"))
    assert f.rule == "encoding" and "UTF-16" in f.message


def test_nul_byte_is_located():
    [f] = refused(b"<TEI>\n<p>a\x00b</p></TEI>")
    assert f.rule == "nul-byte"
    assert "byte offset 10" in f.message
    assert (f.line, f.col) == (2, 5)


def test_latin1_bytes_labelled_utf8_name_the_byte_offset():
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI>caf\xe9</TEI>'
    offset = data.index(b"\xe9")
    [f] = refused(data)
    assert f.rule == "encoding"
    assert f"byte offset {offset}" in f.message
    assert "0xE9" in f.message
    assert (f.line, f.col) == (2, 9)


def test_latin1_label_is_refused_even_when_the_bytes_are_ascii():
    [f] = refused(b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI>cafe</TEI>')
    assert f.rule == "encoding" and "ISO-8859-1" in f.message


def test_deep_nesting_is_refused_by_the_parser_limit():
    depth = 5000
    [f] = refused(b"<a>" * depth + b"</a>" * depth)
    assert f.rule == "limits"
    assert "nested" in f.message


def test_huge_text_node_is_refused_by_the_parser_limit():
    [f] = refused(b"<a>" + b"x" * 10_500_000 + b"</a>")
    assert f.rule == "limits"


def test_missing_file_directory_and_device(tmp_path):
    for path, rule in [(tmp_path / "nope.xml", "file-missing"), (tmp_path, "not-a-file"),
                       (os.devnull, "not-a-file")]:
        with pytest.raises(XMLInputError) as info:
            load(path)
        assert info.value.findings[0].rule == rule


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.xml"
    path.write_bytes(GOOD)
    path.chmod(0)
    with pytest.raises(XMLInputError) as info:
        load(path)
    assert info.value.findings[0].rule == "unreadable"


def test_start_tag_columns():
    doc = load_bytes(b'<a xmlns:t="urn:t">\n  <b/> <b\n  />\n <t:c\n   x="1"/></a>', "c.xml")
    a, b1, b2, c = doc.tree.getroot().iter()
    assert doc.position(a) == (1, 1)
    assert doc.position(b1) == (2, 3)
    assert doc.position(b2) == (2, 8)   # its tag ends on line 3; it starts on line 2
    assert doc.position(c) == (4, 2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_a_tree_or_findings(data):
    try:
        load_bytes(data, "fuzz.xml")
    except XMLInputError as exc:
        assert exc.findings and all(f.severity == "error" for f in exc.findings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.integers(min_value=0, max_value=len(GOOD)))
def test_any_text_spliced_into_a_good_document_gives_a_tree_or_findings(insert, at):
    data = GOOD[:at] + insert.encode("utf-8") + GOOD[at:]
    try:
        load_bytes(data, "fuzz.xml")
    except XMLInputError as exc:
        assert exc.findings


# --- the same, through the command line --------------------------------------------------


def test_cli_refuses_xxe_without_leaking_the_file(run_edition, tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_bytes(XXE)
    result = run_edition("validate", path)
    assert result.returncode == 1
    assert "DOCTYPE declares entities" in result.stdout
    assert "root:" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_cli_refuses_billion_laughs_fast(run_edition, tmp_path):
    path = tmp_path / "lol.xml"
    path.write_bytes(BILLION_LAUGHS)
    started = time.monotonic()
    result = run_edition("validate", path, "--format", "json")
    assert result.returncode == 1
    assert time.monotonic() - started < 20
    assert '"rule": "doctype-entities"' in result.stdout


def test_cli_refuses_external_dtd(run_edition, tmp_path):
    path = tmp_path / "dtd.xml"
    path.write_bytes(b'<!DOCTYPE TEI SYSTEM "/etc/passwd">\n<TEI/>')
    result = run_edition("validate", path)
    assert result.returncode == 1
    assert "external DTD" in result.stdout
    assert "root:" not in result.stdout + result.stderr


@pytest.mark.parametrize("data, needle", [
    (b"", "file is empty"),
    (b"<TEI>\x00</TEI>", "NUL byte at byte offset 5"),
    (b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI>\xe9</TEI>', "byte offset 44"),
    (b"<TEI>\n<p></TEI>", "not well-formed"),
])
def test_cli_broken_inputs_exit_1_with_a_located_line(run_edition, tmp_path, data, needle):
    path = tmp_path / "broken.xml"
    path.write_bytes(data)
    result = run_edition("validate", path)
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:") and ": error: " in first
    assert needle in first
    assert "Traceback" not in result.stderr
