"""Hostile and broken inputs, end to end through the ``edition`` command line.

Every case runs ``edition validate`` and ``edition build`` as a user would, in a
subprocess, and checks the same promises:

* no Python traceback, ever; exit 1 for a refused input (2 for a usage error);
* a located message ``PATH:LINE:COL: error: ... [rule]`` when the problem has a place;
* memory stays bounded (the subprocess runs under ``RLIMIT_DATA``, and under
  ``RLIMIT_AS`` too when it never starts Saxon, whose GraalVM isolate reserves
  32 GB of address space) and time too (a timeout);
* nothing is written outside the output folder, whose previous content stays
  byte-identical when the build fails (the subprocess's TMPDIR is inside the
  snapshot, so its temporary files are seen too);
* nothing is fetched (a canary HTTP server on 127.0.0.1 counts requests) and
  nothing leaks from the file system (no ``root:x:0:0`` anywhere).

Markup-like text must come out as text, and ``javascript:`` links must be refused
by the schema and never reach an ``href`` in the HTML even if the schema let one through.
"""

from __future__ import annotations

import html
import json
import os
import re
import resource
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from tei_edition import paths
from tei_edition.bench import Sample, run_cold

ROOT = paths.ROOT
ARTICLE = paths.DEFAULT_SOURCE
MEMORY_LIMIT = 1536 * 1024 * 1024  # 1.5 GiB
PASSWD_MARK = "root:x:0:0"


# --- running the command bounded ---------------------------------------------------------


def run_bounded(*args, cwd: Path, tmpdir: Path, address_space: bool = True, timeout: float = 120,
                env: dict[str, str] | None = None) -> Sample:
    """``edition ARGS`` in a subprocess under memory limits and a timeout (the
    benchmark's cold runner, which also reads the peak memory)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (MEMORY_LIMIT, MEMORY_LIMIT))
        if address_space:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    run = run_cold(list(args), env={**os.environ, "TMPDIR": str(tmpdir), **(env or {})}, cwd=cwd,
                   timeout=timeout, preexec_fn=limit)
    assert run.wall < timeout, f"edition {' '.join(map(str, args))} timed out after {timeout} s"
    return run


def listing(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every path below ``folder`` (but not below ``skip``) -> (size, mtime_ns) of files:
    what was written and stayed. (A folder's own time changes with a temporary file
    made and removed in it, which is no trace; folders count by their presence.)"""
    found = {}
    for p in sorted(folder.rglob("*")):
        if skip is not None and (p == skip or skip in p.parents):
            continue
        st = p.lstat()
        found[p.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns) if p.is_file() else (0, 0)
    return found


def assert_no_leak(folder: Path) -> None:
    """No file below ``folder`` holds a line of /etc/passwd (or the canary's answer)."""
    leaked = [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
              if p.is_file() and PASSWD_MARK.encode() in p.read_bytes()]
    assert leaked == [], f"the file system leaked into {leaked}"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Canary:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the standard library's name)
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"CANARY-CONTENT " + PASSWD_MARK.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary():
    server = Canary()
    yield server
    server.close()


class Sandbox:
    """A folder holding the hostile source, an output folder with a previous build's
    files in it, and the TMPDIR of the subprocesses: everything that may change."""

    def __init__(self, base: Path):
        self.base = base
        self.tmp = base / "tmp"
        self.tmp.mkdir(parents=True)
        self.out = base / "out"
        (self.out / "html").mkdir(parents=True)
        (self.out / "html" / "index.html").write_text("<!DOCTYPE html><title>previous build</title>")
        (self.out / "data").mkdir()
        (self.out / "data" / "persons.json").write_text("[]\n")

    def write(self, name: str, data: bytes) -> Path:
        path = self.base / name
        path.write_bytes(data)
        return path

    def run(self, *args, **kwargs) -> Sample:
        # Run in the TMPDIR: the sources lie outside the working folder, so the
        # command shows their paths as given (absolute).
        return run_bounded(*args, cwd=self.tmp, tmpdir=self.tmp, **kwargs)


@pytest.fixture
def sandbox(tmp_path) -> Sandbox:
    return Sandbox(tmp_path)


def located(path: Path, rule: str | None = None) -> re.Pattern:
    rule_part = re.escape(rule) if rule else r"[\w -]+"
    return re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): error: .+ \[{rule_part}\]$", re.M)


def assert_clean(run: Sample, code: int) -> None:
    assert "Traceback" not in run.output, run.output
    assert "internal error" not in run.output, run.output
    assert run.returncode == code, run.output
    assert PASSWD_MARK not in run.output
    assert run.rss_mb < MEMORY_LIMIT / 2**20


# --- the hostile sources -----------------------------------------------------------------


def article() -> bytes:
    return ARTICLE.read_bytes()


FIRST_P = b'<p xml:id="p1" n="1">'


def in_first_paragraph(text: bytes, data: bytes | None = None) -> bytes:
    data = article() if data is None else data
    at = data.index(FIRST_P) + len(FIRST_P)
    return data[:at] + text + data[at:]


def with_doctype(doctype: bytes, reference: bytes = b"") -> bytes:
    data = article()
    end_of_declaration = data.index(b"?>") + 2
    data = data[:end_of_declaration] + b"\n" + doctype + data[end_of_declaration:]
    return in_first_paragraph(reference, data) if reference else data


def line_col(data: bytes, needle: bytes) -> tuple[int, int]:
    at = data.index(needle)
    before = data[:at].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def billion_laughs() -> bytes:
    entities = [b'  <!ENTITY lol0 "lol">']
    for i in range(1, 10):
        entities.append(b'  <!ENTITY lol%d "' % i + b"&lol%d;" % (i - 1) * 10 + b'">')
    return with_doctype(b"<!DOCTYPE TEI [\n" + b"\n".join(entities) + b"\n]>", b"&lol9;")


def quadratic_blowup() -> bytes:
    return with_doctype(b'<!DOCTYPE TEI [\n  <!ENTITY a "' + b"a" * 100_000 + b'">\n]>', b"&a;" * 100_000)


@dataclass
class Case:
    name: str
    data: bytes
    rule: str
    where: tuple[int, int] | None  # expected (line, column), when it is known exactly
    needle: str                    # a phrase the message must hold


def hostile_cases(canary_url: str) -> list[Case]:
    xxe_file = with_doctype(b'<!DOCTYPE TEI [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>', b"&xxe;")
    xxe_http = with_doctype(b'<!DOCTYPE TEI [\n  <!ENTITY xxe SYSTEM "' + canary_url.encode() + b'/xxe">\n]>',
                            b"&xxe;")
    xxe_parameter = with_doctype(b'<!DOCTYPE TEI [\n  <!ENTITY % dtd SYSTEM "' + canary_url.encode()
                                 + b'/evil.dtd"> %dtd;\n]>')
    external_dtd = with_doctype(b'<!DOCTYPE TEI SYSTEM "' + canary_url.encode() + b'/tei.dtd">')
    huge_text = in_first_paragraph(b"x" * (20 * 1024 * 1024))
    deep = in_first_paragraph(b"<q>" * 100_000 + b"</q>" * 100_000)
    latin1 = in_first_paragraph("café ".encode("latin-1"))
    nul = in_first_paragraph(b"a\x00b")
    utf16 = article().decode("utf-8").encode("utf-16-le")
    utf16_bom = article().decode("utf-8").encode("utf-16")
    truncated = article()[: len(article()) // 2]
    return [
        Case("xxe-file", xxe_file, "doctype-entities", line_col(xxe_file, b"<!ENTITY"), "DOCTYPE declares entities"),
        Case("xxe-http", xxe_http, "doctype-entities", line_col(xxe_http, b"<!ENTITY"), "DOCTYPE declares entities"),
        Case("xxe-parameter-entity", xxe_parameter, "doctype-entities", line_col(xxe_parameter, b"<!ENTITY"),
             "DOCTYPE declares entities"),
        Case("external-dtd-http", external_dtd, "external-dtd", line_col(external_dtd, b"<!DOCTYPE"),
             "external DTD"),
        Case("billion-laughs", billion_laughs(), "doctype-entities", (3, 3), "entity"),
        Case("quadratic-blowup", quadratic_blowup(), "doctype-entities", (3, 3), "entity"),
        Case("huge-text-20MB", huge_text, "limits", None, "text node is longer"),
        Case("nested-100k-levels", deep, "limits", None, "nested more than"),
        Case("latin1-labelled-utf8", latin1, "encoding", line_col(latin1, "é".encode("latin-1")), "not valid UTF-8"),
        Case("utf16-without-bom", utf16, "nul-byte", (1, 2), "UTF-16"),
        Case("utf16-with-bom", utf16_bom, "encoding", (1, 1), "UTF-16"),
        Case("nul-byte", nul, "nul-byte", line_col(nul, b"\x00"), "NUL byte"),
        Case("empty", b"", "empty", (1, 1), "empty"),
        Case("blank", b"\n  \n", "empty", (1, 1), "whitespace"),
        Case("truncated", truncated, "well-formed", None, "not well-formed"),
    ]


CASE_NAMES = ["xxe-file", "xxe-http", "xxe-parameter-entity", "external-dtd-http", "billion-laughs",
              "quadratic-blowup", "huge-text-20MB", "nested-100k-levels", "latin1-labelled-utf8",
              "utf16-without-bom", "utf16-with-bom", "nul-byte", "empty", "blank", "truncated"]


@pytest.fixture(scope="module")
def cases(canary) -> dict[str, Case]:
    made = {c.name: c for c in hostile_cases(canary.url)}
    assert list(made) == CASE_NAMES
    return made


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_source_is_refused_by_validate_and_build(name, cases, canary, sandbox):
    case = cases[name]
    source = sandbox.write("hostile.xml", case.data)
    before = listing(sandbox.base)
    previous_output = files(sandbox.out)
    requests_before = len(canary.requests)

    checked = sandbox.run("validate", source)
    built = sandbox.run("build", source, "--out", sandbox.out)

    for run, stream in ((checked, checked.stdout), (built, built.stderr)):
        assert_clean(run, 1)
        hits = located(source, case.rule).findall(stream)
        assert hits, f"no located [{case.rule}] finding in:\n{run.output}"
        line, col = map(int, hits[0])
        assert line >= 1 and col >= 1
        if case.where:
            assert (line, col) == case.where, run.output
        assert case.needle in stream, run.output
    assert "nothing was built" in built.stderr
    assert_no_leak(sandbox.base)
    # Refused before anything heavy started, so quickly.
    assert checked.wall < 30 and built.wall < 30
    # Nothing fetched, nothing written anywhere, the previous output untouched.
    assert canary.requests[requests_before:] == []
    assert listing(sandbox.base) == before
    assert files(sandbox.out) == previous_output


def test_a_source_over_the_size_limit_is_refused_unread(sandbox):
    from tei_edition.xmlsafe import MAX_BYTES

    source = sandbox.base / "huge.xml"
    with source.open("wb") as f:  # sparse: nothing is really written, nothing must be read
        f.truncate(MAX_BYTES + 1)
    for args in (("validate", source), ("build", source, "--out", sandbox.out)):
        run = sandbox.run(*args)
        assert_clean(run, 1)
        assert f"{source}: error: file is {MAX_BYTES + 1} bytes" in run.output
        assert "[too-large]" in run.output
        assert run.wall < 30


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_special_file_is_refused_without_reading_it(sandbox, kind):
    if kind == "fifo":
        source = sandbox.base / "pipe.xml"
        os.mkfifo(source)  # reading it would block for ever
    else:
        source = Path("/dev/zero")  # reading it would never end
    for args in (("validate", source), ("build", source, "--out", sandbox.out)):
        run = sandbox.run(*args, timeout=60)
        assert_clean(run, 1)
        assert f"{source}: error: is not a regular file [not-a-file]" in run.output


def test_a_directory_as_source_is_a_usage_error(sandbox):
    before = files(sandbox.out)
    for args in (("validate", sandbox.base), ("build", sandbox.base, "--out", sandbox.out)):
        run = sandbox.run(*args)
        assert_clean(run, 2)
        assert "is a directory" in run.stderr
    assert files(sandbox.out) == before


def test_utf8_bom_is_accepted_and_kept_out_of_the_html(sandbox):
    source = sandbox.write("bom.xml", b"\xef\xbb\xbf" + article())
    checked = sandbox.run("validate", source)
    assert_clean(checked, 0)
    assert checked.stdout == f"{source}: valid\n"
    out = sandbox.base / "bom-out"
    before = listing(sandbox.base)
    built = sandbox.run("build", source, "--out", out, "--format", "html", "--format", "data", address_space=False)
    assert_clean(built, 0)
    assert listing(sandbox.base, skip=out) == before  # written: the output folder, nothing else
    assert (out / "data" / "article.xml").read_bytes() == source.read_bytes()  # the source's own bytes
    for page in (out / "html").glob("*.html"):
        assert "\ufeff" not in page.read_text(encoding="utf-8"), page.name


# --- output folders that cannot be written -------------------------------------------------


def valid_source(sandbox: Sandbox) -> Path:
    return sandbox.write("article.xml", article())


@pytest.mark.parametrize("where", ["below-a-file", "deep-below-a-file", "in-proc", "in-sys"])
def test_an_unwritable_output_folder_fails_cleanly(sandbox, where):
    source = valid_source(sandbox)
    blocker = sandbox.write("blocker", b"a regular file")
    out = {
        "below-a-file": blocker / "out",
        "deep-below-a-file": blocker / "a" / "b" / "out",
        "in-proc": Path("/proc/edition-hostile-test-out"),
        "in-sys": Path("/sys/edition-hostile-test-out"),
    }[where]
    before = listing(sandbox.base)
    run = sandbox.run("build", source, "--out", out, "--format", "data")
    assert_clean(run, 1)
    assert f"cannot write the output folder {out}" in run.stderr, run.stderr
    if "below-a-file" in where:
        assert f"{blocker} is a file, not a folder" in run.stderr
    assert ".building-" not in run.stderr  # the message names the user's folder, not ours
    assert listing(sandbox.base) == before
    assert blocker.read_bytes() == b"a regular file"


def test_an_output_folder_that_is_a_file_is_a_usage_error(sandbox):
    source = valid_source(sandbox)
    target = sandbox.write("out.txt", b"keep me")
    run = sandbox.run("build", source, "--out", target)
    assert_clean(run, 2)
    assert "is a file" in run.stderr
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize("where", ["source-folder", "root", "project", "assets", "json-schemas"])
def test_an_output_folder_holding_the_source_or_project_is_refused(sandbox, where):
    # Inside the stylesheets' or schemas' folders, every later build would copy
    # the old output into the new one (the assets, the schema copies).
    out = {"source-folder": sandbox.base, "root": Path("/"), "project": ROOT,
           "assets": ROOT / "xslt" / "assets" / "out", "json-schemas": ROOT / "schema" / "data" / "out"}[where]
    # For / and the project the source is empty: should the guard ever be lost, the
    # build stops at the source instead of copying and swapping the whole tree.
    source = valid_source(sandbox) if where == "source-folder" else sandbox.write("empty.xml", b"")
    before = listing(sandbox.base)
    run = sandbox.run("build", source, "--out", out, "--format", "data")
    assert_clean(run, 1)
    assert f"refusing to build into {out}" in run.stderr, run.stderr
    assert listing(sandbox.base) == before
    assert not list(out.parent.glob(f".{out.name}.building-*"))
    assert where not in ("assets", "json-schemas") or not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_folder_fails_cleanly(sandbox):
    source = valid_source(sandbox)
    locked = sandbox.base / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        run = sandbox.run("build", source, "--out", locked / "out", "--format", "data")
    finally:
        locked.chmod(0o755)
    assert_clean(run, 1)
    assert f"cannot write the output folder {locked / 'out'}" in run.stderr
    assert list(locked.iterdir()) == []


# --- markup-like text and unsafe links --------------------------------------------------------

SCRIPT_TEXT = "<script>alert(1)</script>"
MARKUP_STRINGS = [
    SCRIPT_TEXT,
    '<img src=x onerror="alert(2)">',
    '</p><a href="javascript:alert(3)">click</a>',
    "]]><!-- -->&amp;lt;",
]


def markup_article() -> bytes:
    """The article with markup-like strings as text in the title, a register name, a note and a paragraph."""
    escaped = [html.escape(s, quote=False).encode() for s in MARKUP_STRINGS]
    data = article()
    data = data.replace(b'<title type="main">Anvar Posho and the Warlords',
                        b'<title type="main">Anvar Posho and the Warlords &lt;!--' + escaped[0], 1)
    data = in_first_paragraph(b" ".join(escaped) + b" ", data)
    note = b'<note type="editorial" resp="#edition-team" xml:id="note-assassination">'
    assert note in data
    data = data.replace(note, note + escaped[1] + b" ", 1)
    return data


def unsafe_hrefs(root) -> list[str]:
    bad = []
    for el in root.iter(etree.Element):
        for name, value in el.attrib.items():
            squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "data") or name.endswith("}href"):
                if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    bad.append(f"<{el.tag} {name}={value!r}>")
            if name.lower().startswith("on") and "alert(" in value:
                bad.append(f"<{el.tag} {name}={value!r}>")
    return bad


# The HTML standard's restrictions on the contents of script elements (4.12.1.3):
# "<!--", "<script" and "</script" inside a script's text can end it early or
# swallow the rest of the page; data embedded in a script must escape them.
SCRIPT_CONTENT_HAZARDS = re.compile(r"<!--|<script|</script", re.I)


def check_html_pages(folder: Path) -> str:
    """Every page is balanced HTML, runs no script from the text and links nowhere unsafe.

    Returns the text of all pages, for checking that markup-like strings are shown.
    """
    from test_properties import check_balanced_html

    pages = sorted(folder.rglob("*.html"))
    assert pages
    texts = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert PASSWD_MARK not in text
        for attributes, content in check_balanced_html(text, page.name):
            kind = (attributes.get("type") or "").lower()
            if kind in ("application/ld+json", "application/json"):
                hazard = SCRIPT_CONTENT_HAZARDS.search(content)
                assert not hazard, f"{page.name}: embedded JSON holds {hazard.group()!r} unescaped"
                json.loads(content)
            else:
                assert "alert(" not in content, f"{page.name}: a <script> from the text"
        root = lxml_html.document_fromstring(text)
        for script in root.iter("script"):
            kind = (script.get("type") or "").lower()
            if kind not in ("application/ld+json", "application/json"):
                assert "alert(" not in (script.text or ""), f"{page.name}: a <script> from the text"
        for img in root.iter("img"):
            assert "onerror" not in img.attrib, page.name
        assert unsafe_hrefs(root) == [], page.name
        for script in list(root.iter("script", "style")):
            script.drop_tree()  # what remains is the text a reader sees (cards included)
        texts.append(root.text_content())
    return "\n".join(texts)


@pytest.fixture(scope="module")
def markup_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("markup")
    box = Sandbox(base)
    source = box.write("markup.xml", markup_article())
    checked = box.run("validate", source)
    out = base / "built"
    before = listing(base)
    built = box.run("build", source, "--out", out, "--format", "html", "--format", "data", address_space=False)
    written_elsewhere = sorted(set(listing(base, skip=out).items()) ^ set(before.items()))
    return box, source, checked, built, out, written_elsewhere


def test_markup_like_text_is_valid_and_builds(markup_build):
    box, source, checked, built, out, written_elsewhere = markup_build
    assert_clean(checked, 0)
    assert_clean(built, 0)
    assert written_elsewhere == []
    assert_no_leak(out)


def test_markup_like_text_is_escaped_in_every_html_page(markup_build):
    *_, built, out, _ = markup_build
    assert built.returncode == 0, built.output
    text = check_html_pages(out / "html")
    for s in MARKUP_STRINGS:
        assert s in text, f"{s!r} is not shown as text"
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert SCRIPT_TEXT not in index


def test_markup_like_text_keeps_the_data_files_well_formed(markup_build):
    *_, built, out, _ = markup_build
    assert built.returncode == 0, built.output
    data = out / "data"
    for path in sorted(data.rglob("*")):
        if path.suffix in (".json", ".geojson"):
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xml":
            etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    title = json.loads((data / "bag-info.json").read_text(encoding="utf-8"))
    assert SCRIPT_TEXT in json.dumps(title, ensure_ascii=False)  # kept, as text, in the data


@pytest.mark.slow
def test_markup_like_text_in_the_pdf_is_text(markup_build, sandbox):
    pypdf = pytest.importorskip("pypdf")
    box, source, *_ = markup_build
    out = sandbox.base / "pdf-out"
    built = sandbox.run("build", source, "--out", out, "--format", "pdf", address_space=False, timeout=300)
    assert_clean(built, 0)
    reader = pypdf.PdfReader(out / "pdf" / "article.pdf")
    catalog = reader.trailer["/Root"].get_object()
    names = catalog.get("/Names")
    assert names is None or "/JavaScript" not in names.get_object()
    assert "/OpenAction" not in catalog and "/AA" not in catalog
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            assert action is None or action.get_object().get("/S") != "/JavaScript"
    text = "".join(page.extract_text() or "" for page in reader.pages)
    assert "alert(1)" in text  # printed, as text


JAVASCRIPT_TARGETS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java&#9;script:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
]


def with_unsafe_ref(target: str) -> bytes:
    return in_first_paragraph(f'<ref target="{target}">click</ref> '.encode())


def with_unsafe_ptr(target: str) -> bytes:
    data = article()
    marker = b'<bibl xml:id="ref1" n="1" corresp="#shahingoz2020">'
    assert marker in data
    return data.replace(marker, marker + f'<ptr target="{target}"/> '.encode(), 1)


def with_unsafe_ref_in_bibl(target: str) -> bytes:
    data = article()
    marker = b'<bibl xml:id="ref3" n="3" corresp="#olcott1981">'
    assert marker in data
    return data.replace(marker, marker + f'<ref target="{target}">online</ref> '.encode(), 1)


UNSAFE_PLACES = {"ref-in-text": with_unsafe_ref, "ptr-in-bibl": with_unsafe_ptr, "ref-in-bibl": with_unsafe_ref_in_bibl}


@pytest.mark.parametrize("target", JAVASCRIPT_TARGETS)
@pytest.mark.parametrize("place", list(UNSAFE_PLACES))
def test_unsafe_link_targets_are_refused_by_the_schema(sandbox, place, target):
    data = UNSAFE_PLACES[place](target)
    source = sandbox.write("unsafe.xml", data)
    line = data[: data.index(target.encode())].count(b"\n") + 1
    before = files(sandbox.out)
    checked = sandbox.run("validate", source)
    built = sandbox.run("build", source, "--out", sandbox.out, "--format", "html")
    for run, stream in ((checked, checked.stdout), (built, built.stderr)):
        assert_clean(run, 1)
        hits = [tuple(map(int, h)) for h in located(source).findall(stream)]
        assert any(l == line for l, _ in hits), f"no error located on line {line}:\n{run.output}"
    assert files(sandbox.out) == before


PERMISSIVE_RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="any"/></start>
<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/>
<ref name="any"/></choice></zeroOrMore></element></define></grammar>"""
PERMISSIVE_XSD = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
 targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified"><xs:element name="TEI">
 <xs:complexType mixed="true"><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
 </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element></xs:schema>"""
PERMISSIVE_SCH = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
 <sch:pattern><sch:rule context="/"><sch:assert test="true()">always</sch:assert></sch:rule></sch:pattern>
</sch:schema>"""


def test_the_stylesheets_drop_unsafe_links_even_when_the_schema_lets_them_through(tmp_path):
    """Defence in depth: with the schema switched off, no unsafe target becomes an href."""
    schema = tmp_path / "permissive-schema"
    schema.mkdir()
    (schema / "edition.rng").write_text(PERMISSIVE_RNG)
    (schema / "edition.xsd").write_text(PERMISSIVE_XSD)
    (schema / "edition.sch").write_text(PERMISSIVE_SCH)
    box = Sandbox(tmp_path / "box")
    data = article()
    for i, target in enumerate(JAVASCRIPT_TARGETS):
        data = in_first_paragraph(f'<ref target="{target}">click {i}</ref> '.encode(), data)
        data = data.replace(b'<bibl xml:id="ref1" n="1" corresp="#shahingoz2020">',
                            f'<bibl xml:id="ref1" n="1" corresp="#shahingoz2020"><ptr target="{target}"/> '.encode(),
                            1)
    source = box.write("unsafe.xml", data)
    out = box.base / "built"
    built = box.run("build", source, "--out", out, "--format", "html", address_space=False,
                    env={"EDITION_SCHEMA_DIR": str(schema)})
    assert_clean(built, 0)
    check_html_pages(out / "html")


# --- awkward but well-formed input ------------------------------------------------------------


def test_nesting_just_under_the_parser_limit_is_handled(sandbox):
    """250 nested names parse (the grammar lets names nest); the schemas and stylesheets
    must answer without crashing (no RecursionError, no stack overflow)."""
    depth = 250
    data = in_first_paragraph(b'<persName ref="#enver">' * depth + b"deep" + b"</persName>" * depth)
    source = sandbox.write("deep.xml", data)
    checked = sandbox.run("validate", source)
    assert checked.returncode in (0, 1)
    assert_clean(checked, checked.returncode)
    if checked.returncode == 1:
        assert located(source).search(checked.stdout), checked.stdout
    out = sandbox.base / "deep-out"
    built = sandbox.run("build", source, "--out", out, "--format", "html", "--format", "data", address_space=False)
    assert_clean(built, checked.returncode)
    if built.returncode == 0:
        check_html_pages(out / "html")
    else:
        assert "nothing was built" in built.stderr


# --- hostile command-line arguments -------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["build", "--paper", "a5"],
    ["build", "--paper", ""],
    ["bench", "--sizes", "0"],
    ["bench", "--sizes", "1,x"],
    ["bench", "--stages", "validate,rm -rf"],
    ["bench", "--runs", "0"],
    ["validate", "--format", "xml"],
    ["build", "--edition-url", "javascript:alert(1)//"],
    ["build", "--edition-url", 'https://example.org/"><script>alert(1)</script>/'],
    ["build", "--edition-url", "file:///etc/"],
])
def test_bad_arguments_are_usage_errors(sandbox, args):
    run = sandbox.run(*args)
    assert_clean(run, 2)
    assert "Error: Invalid value" in run.stderr
    assert list(sandbox.tmp.iterdir()) == []


@pytest.mark.parametrize("given, expected", [((), "a4"), (("--paper", "letter"), "letter"),
                                             (("--paper", "LETTER"), "letter"), (("--paper", "a4"), "a4")])
def test_paper_reaches_the_build_steps(monkeypatch, tmp_path, given, expected):
    from click.testing import CliRunner

    from tei_edition import build
    from tei_edition.cli import cli

    seen = {}

    def fake_build(source, out, formats, params=None, **kwargs):
        seen.update(params or {})
        return build.BuildResult(Path(out), list(formats or []), [], {})

    monkeypatch.setattr(build, "build", fake_build)
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "--out", str(tmp_path / "o"), "--format", "pdf",
                                      *given])
    assert result.exit_code == 0, result.output
    assert seen["paper"] == expected


# --- serve and package stay inside their folders ------------------------------------------------


@pytest.fixture
def served(tmp_path):
    """``edition serve`` of a folder with links out of it; yields (port, folder, process)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><title>hi</title>", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("secret outside the site")
    (site / "passwd").symlink_to("/etc/passwd")
    (site / "outside.txt").symlink_to(tmp_path / "outside.txt")
    (site / "up").symlink_to(tmp_path)
    process = subprocess.Popen([sys.executable, "-u", "-m", "tei_edition.cli", "serve", "--port", "0",
                                "--dir", str(site), "--idle-timeout", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())[1])
    yield port, site, process
    process.terminate()
    _, err = process.communicate(timeout=30)
    assert "Traceback" not in err


def http_get(port: int, target: str) -> tuple[int, bytes]:
    """Send a raw request line (no client-side normalisation of the path)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(f"GET {target} HTTP/1.0\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data.partition(b"\r\n\r\n")[2]


@pytest.mark.parametrize("target", ["/passwd", "/outside.txt", "/up/outside.txt", "/up/"])
def test_serve_follows_no_link_out_of_its_folder(served, target):
    status, body = http_get(served[0], target)
    assert status == 404
    assert b"root:" not in body and b"secret" not in body


@pytest.mark.parametrize("target", ["/%00", "/index.html%00.txt", "/%ff%fe", "/..%2f..%2fetc%2fpasswd",
                                    "/a\\..\\b"])
def test_serve_answers_400_to_a_bad_path(served, target):
    assert http_get(served[0], target)[0] == 400
    assert http_get(served[0], "/index.html")[0] == 200  # and goes on serving


def test_serve_closes_an_idle_half_request(served):
    with socket.create_connection(("127.0.0.1", served[0]), timeout=30) as s:
        s.sendall(b"GET /index.html HTTP/1.1\r\n")  # and nothing more
        assert s.recv(1024) == b""  # closed by the server (the socket's own limit is 30 s)


def test_package_copies_no_link_out_of_the_output(tmp_path):
    from tei_edition.package import make_package
    from tei_edition.findings import BuildError
    from test_package import make_output

    out = make_output(tmp_path / "output")
    (tmp_path / "secret.txt").write_text("not part of the edition")
    (out / "data" / "secret.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(BuildError, match=r"secret.txt: it is a symbolic link to .*outside"):
        make_package(out, tmp_path / "bag")
    assert not (tmp_path / "bag").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bag")] == []


# --- CSV injection ------------------------------------------------------------------------------


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    import csv

    from conftest import run_step

    formulas = ['=HYPERLINK("http://example.org","x")', "+1+2", "-2+3", "@SUM(A1:A2)", "=1,2"]
    data = article()
    for old, new in (
        (b'<persName type="variant" xml:lang="uz-Latn">Anvar Posho</persName>',
         b"".join(b'<persName type="variant">' + html.escape(f).encode() + b"</persName>"
                  for f in formulas)),
        (b'<birth when="1889">', b'<birth when="-1889">'),  # a plain (negative) number stays a number
    ):
        assert old in data
        data = data.replace(old, new, 1)
    folder = run_step("data", tmp_path, source_bytes=data, source_path=tmp_path / "article.xml")
    raw = (folder / "persons.csv").read_text(encoding="utf-8")
    rows = {r["id"]: r for r in csv.DictReader(raw.splitlines(keepends=True))}
    assert rows["enver"]["variants"].split("; ")[:len(formulas)] == ["'" + formulas[0], *formulas[1:]]
    # Only the first value of the cell is at its start: that one is neutralised, and quoted.
    assert "\"'=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")" in raw
    assert rows["ibrahim-bek"]["birth_date"] == "-1889"
    for row in rows.values():
        for value in row.values():
            assert not (value or "").startswith(("=", "+", "@", "\t", "\r")), value


# --- ids of the HTML edition ------------------------------------------------------------------


def test_every_id_the_html_writer_makes_is_refused_as_an_xml_id(tmp_path):
    """An xml:id equal to an id the HTML writer makes for its own elements (main,
    m-enver-1, d-1, card-..., X-heading) would give a page two elements with one
    id: the Schematron rule id-reserved refuses every such id, read here from a
    real build of the article, with a located error."""
    from conftest import run_step
    from tei_edition import validate, xmlsafe

    folder = run_step("html", tmp_path)
    made = set()
    for page in folder.rglob("*.html"):
        made |= set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    own = set(re.findall(rb'xml:id="([^"]+)"', article()))
    generated = sorted(made - {i.decode() for i in own})
    assert {"main", "map", "timeline", "d-1", "m-enver-1", "card-store", "enver-heading"} <= set(generated)
    body = "".join(f'\n<ab xml:id="{i}">x</ab>' for i in generated)
    doc = xmlsafe.load_bytes(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{body}</body></text></TEI>'.encode(),
                             tmp_path / "ids.xml")
    refused = {f.message.split('"')[1]: f for f in validate.check_schematron(doc, limit=10_000).findings
               if f.rule == "id-reserved"}
    assert sorted(refused) == generated
    first = refused[generated[0]]
    assert (first.line, first.col) == (2, 1)


# --- file names that are not UTF-8 --------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_named_as_typed_with_line_and_column(tmp_path):
    name = b"bad\xe9\xff.xml"
    (Path(os.fsdecode(tmp_path)) / os.fsdecode(name)).write_bytes(b"<TEI>")

    def edition(*args: bytes) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable.encode(), b"-m", b"tei_edition.cli", *args], cwd=tmp_path,
                              capture_output=True, timeout=120)

    text = edition(b"validate", name)
    assert text.returncode == 1
    assert text.stdout.startswith(name + b":1:6: error: not well-formed: ")
    assert b"codec" not in text.stdout + text.stderr and b"Traceback" not in text.stderr
    as_json = edition(b"validate", b"--format", b"json", name)
    report = json.loads(as_json.stdout)
    assert os.fsencode(report["files"][0]["path"]) == name
    assert report["files"][0]["findings"][0]["line"] == 1 and report["files"][0]["findings"][0]["col"] == 6

    built = edition(b"build", str(paths.DEFAULT_SOURCE).encode(), b"--out", b"out\xff", b"--format", b"data")
    assert built.returncode == 1
    assert b"refusing to build into " in built.stderr and b"out\xff: its path is not valid UTF-8" in built.stderr
    assert sorted(os.listdir(tmp_path)) == [os.fsdecode(name)]
