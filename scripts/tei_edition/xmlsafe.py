"""Parse XML sources safely, or refuse them with located findings.

The parser never loads a DTD, never expands entities and never touches the
network. Documents that declare entities or point at an external DTD are refused
before lxml sees them (XXE, billion laughs), and every way a file can be broken
(missing, a folder, empty, not UTF-8, NUL bytes, not well-formed, too deep...)
becomes a ``Finding`` inside a single ``XMLInputError``: no traceback.
"""

from __future__ import annotations

import os
import re
import stat
from functools import cached_property
from pathlib import Path

from lxml import etree

from .findings import ERROR, Finding, format_text
from .paths import display_path

# Far above any edition source; stops a runaway file before it is read into memory.
MAX_BYTES = 64 * 1024 * 1024
# libxml2's limits without XML_PARSE_HUGE, quoted in messages.
MAX_DEPTH = 256

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
_XML_DECL_ENCODING = re.compile(r"""\A<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1""")
_UTF8_LABELS = {"utf-8", "utf8"}


class XMLInputError(Exception):
    """The input cannot be used; ``findings`` says where and why."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(format_text(f) for f in self.findings))


class SourceDocument:
    """A safely parsed document: its lxml tree, its text (kept for columns) and
    the bytes it was parsed from. Every build step works from these (``data``
    is what the edition copies and attaches), never from the file again, which
    may have changed since it was validated."""

    def __init__(self, path: Path, tree: etree._ElementTree, text: str, data: bytes):
        self.path = path
        self.tree = tree
        self.text = text
        self.data = data

    @property
    def display(self) -> str:
        return display_path(self.path)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def _elements_by_line(self) -> dict[int, list[etree._Element]]:
        by_line: dict[int, list[etree._Element]] = {}
        for el in self.tree.iter(etree.Element):
            if el.sourceline is not None:
                by_line.setdefault(el.sourceline, []).append(el)
        return by_line

    def elements_on_line(self, line: int) -> list[etree._Element]:
        """The elements whose start tag ends on ``line`` (lxml's sourceline)."""
        return self._elements_by_line.get(line, [])

    def position(self, element) -> tuple[int | None, int | None]:
        """(line, column) of the ``<`` that starts the element's start tag.

        lxml gives elements a line but no column, and for a start tag spread over
        several lines its line is the last one; so look for the tag's name in the
        text, counting same-named tags that share the line.
        """
        line = getattr(element, "sourceline", None)
        if line is None or not isinstance(element.tag, str):
            return line, None
        written = _written_name(element)
        same = [e for e in self._elements_by_line.get(line, []) if _written_name(e) == written]
        nth = same.index(element) if element in same else 0
        pattern = re.compile(r"<" + re.escape(written) + r"(?=[\s/>]|$)")
        if 1 <= line <= len(self.lines):
            hits = list(pattern.finditer(self.lines[line - 1]))
            if len(hits) > nth:
                return line, hits[nth].start() + 1
        # The start tag began on an earlier line: take the last opening there.
        for back in range(line - 1, max(0, line - 200), -1):
            hits = list(pattern.finditer(self.lines[back - 1])) if back <= len(self.lines) else []
            if hits:
                return back, hits[-1].start() + 1
        return line, None


def _written_name(element) -> str:
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def start_tag_column(doc: SourceDocument, element) -> int | None:
    """Column of the element's start tag (see ``SourceDocument.position``)."""
    return doc.position(element)[1]


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _byte_line_col(data: bytes, offset: int) -> tuple[int, int]:
    prefix = data[:offset].decode("utf-8", errors="replace")
    return _line_col(prefix, len(prefix))


def _safe_parser() -> etree.XMLParser:
    # A fresh parser each time, so its error log holds only this document's errors.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=False,
        collect_ids=True,
    )


def load(path: str | os.PathLike[str]) -> SourceDocument:
    """Read and safely parse ``path``; raise ``XMLInputError`` if it cannot be used."""
    p = Path(path)
    shown = display_path(p)

    def refuse(rule: str, message: str, line=None, col=None):
        raise XMLInputError([Finding(shown, line, col, ERROR, rule, message)])

    try:
        st = p.stat()
    except FileNotFoundError:
        refuse("file-missing", "no such file")
    except PermissionError as exc:
        refuse("unreadable", f"cannot be read: {exc.strerror}")
    except OSError as exc:
        refuse("unreadable", f"cannot be read: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        refuse("not-a-file", "is a directory, not an XML file")
    if not stat.S_ISREG(st.st_mode):
        # Never read from a FIFO or a device: it could block or never end.
        refuse("not-a-file", "is not a regular file")
    if st.st_size > MAX_BYTES:
        refuse("too-large", f"file is {st.st_size} bytes; sources larger than {MAX_BYTES} bytes are refused")
    try:
        data = p.read_bytes()
    except PermissionError as exc:
        refuse("unreadable", f"cannot be read: {exc.strerror}")
    except OSError as exc:
        refuse("unreadable", f"cannot be read: {exc.strerror or exc}")
    return load_bytes(data, p)


def load_bytes(data: bytes, path: str | os.PathLike[str] = "<input>") -> SourceDocument:
    """Safely parse ``data``, reporting findings against ``path``."""
    p = Path(path)
    shown = display_path(p) if str(path) != "<input>" else "<input>"

    def finding(rule: str, message: str, line=None, col=None) -> Finding:
        return Finding(shown, line, col, ERROR, rule, message)

    def refuse(rule: str, message: str, line=None, col=None):
        raise XMLInputError([finding(rule, message, line, col)])

    if len(data) > MAX_BYTES:
        refuse("too-large", f"input is {len(data)} bytes; sources larger than {MAX_BYTES} bytes are refused")
    if not data:
        refuse("empty", "file is empty (0 bytes)", 1, 1)
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            refuse("encoding", f"file starts with a {name} byte order mark; sources must be UTF-8", 1, 1)
    body = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data  # a UTF-8 BOM is fine
    if not body.strip():
        refuse("empty", "file contains only whitespace", 1, 1)

    nul = body.find(b"\x00")
    if nul >= 0:
        line, col = _byte_line_col(body, nul)
        refuse(
            "nul-byte",
            f"NUL byte at byte offset {nul + len(data) - len(body)}; XML forbids U+0000 "
            "(is the file UTF-16 or binary?)",
            line,
            col,
        )

    declared = None
    m = _XML_DECL_ENCODING.match(body.decode("ascii", errors="replace"))
    if m:
        declared = m.group(2)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + len(data) - len(body)
        line, col = _byte_line_col(body, exc.start)
        label = f'; it is labelled encoding="{declared}"' if declared else ""
        refuse(
            "encoding",
            f"not valid UTF-8: byte 0x{body[exc.start]:02X} at byte offset {offset}{label}; "
            "sources must be UTF-8 (re-save the file as UTF-8)",
            line,
            col,
        )
    if declared is not None and declared.lower() not in _UTF8_LABELS:
        line, col = _line_col(text, m.start(2))
        refuse(
            "encoding",
            f'the XML declaration says encoding="{declared}" but the bytes are UTF-8; '
            'sources must be UTF-8 and labelled so (encoding="UTF-8")',
            line,
            col,
        )

    problems = _doctype_findings(text, finding)
    if problems:
        raise XMLInputError(problems)

    parser = _safe_parser()
    try:
        # As a file URI (percent-encoded): a name that is not UTF-8 is no text lxml can take.
        root = etree.fromstring(body, parser, base_url=Path(os.path.abspath(p)).as_uri())
    except etree.XMLSyntaxError as exc:
        raise XMLInputError(_syntax_findings(exc, parser.error_log, finding, text)) from None
    except (etree.LxmlError, ValueError) as exc:
        refuse("well-formed", f"cannot be parsed: {exc}")
    tree = root.getroottree()

    # Belt and braces: should the prolog scan ever miss a declaration, lxml knows.
    info = tree.docinfo
    dtd = info.internalDTD
    if info.system_url or info.public_id:
        refuse("external-dtd", _EXTERNAL_DTD_MESSAGE, 1, 1)
    if dtd is not None and any(True for _ in dtd.iterentities()):
        refuse("doctype-entities", _ENTITIES_MESSAGE, 1, 1)
    return SourceDocument(p, tree, text, data)


_ENTITIES_MESSAGE = (
    "DOCTYPE declares entities; entity declarations are refused for safety (XXE / entity expansion)"
)
_EXTERNAL_DTD_MESSAGE = (
    "DOCTYPE references an external DTD (SYSTEM/PUBLIC); external DTDs are refused for safety "
    "(XXE / network access) and the edition is validated by its own schemas"
)


def _doctype_findings(text: str, finding) -> list[Finding]:
    """Look at the prolog for a DOCTYPE with entity declarations or an external id."""
    i, n = 0, len(text)
    if text.startswith("\ufeff"):
        i = 1
    while i < n:
        if text[i].isspace():
            i += 1
        elif text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                return []
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return []
            i = end + 3
        elif text.startswith("<!DOCTYPE", i):
            return _inspect_doctype(text, i, finding)
        else:
            return []
    return []


def _inspect_doctype(text: str, start: int, finding) -> list[Finding]:
    i, n = start + len("<!DOCTYPE"), len(text)
    depth, quote, subset_start, end = 0, None, None, n
    while i < n:
        c = text[i]
        if quote:
            if c == quote:
                quote = None
        elif text.startswith("<!--", i):
            close = text.find("-->", i + 4)
            i = close + 3 if close >= 0 else n
            continue
        elif c in "\"'":
            quote = c
        elif c == "[":
            depth += 1
            if subset_start is None:
                subset_start = i
        elif c == "]":
            depth -= 1
        elif c == ">" and depth <= 0:
            end = i
            break
        i += 1
    found = []
    external = re.search(r"\s(SYSTEM|PUBLIC)\s*[\"']?", text[start : subset_start if subset_start is not None else end])
    entity = text.find("<!ENTITY", start, end + 1 if end < n else n)
    if entity >= 0:
        line, col = _line_col(text, entity)
        found.append(finding("doctype-entities", _ENTITIES_MESSAGE, line, col))
    if external:
        line, col = _line_col(text, start)
        found.append(finding("external-dtd", _EXTERNAL_DTD_MESSAGE, line, col))
    return found


_LIMIT_HINTS = (
    ("Excessive depth", f"elements are nested more than {MAX_DEPTH} levels deep"),
    ("Text node too long", "a text node is longer than 10,000,000 characters"),
    ("amplification", "entity expansion is too large"),
    ("Resource limit", "a parser resource limit was exceeded"),
    ("XML_PARSE_HUGE", "a parser resource limit was exceeded"),
)


def _xml_id_finding(type_name: str, message: str, text: str) -> tuple[str, str] | None:
    """Rule ``xml-id`` for the parser's xml:id errors (the xml:id specification:
    an NCName, unique in the document), said in the encoder's terms."""
    if type_name == "DTD_ID_REDEFINED":
        m = re.search(r"ID (\S+) already defined", message)
        if m:
            first = re.search(r"""\bxml:id\s*=\s*(["'])""" + re.escape(m[1]) + r"\1", text)
            where = f", first on line {text.count(chr(10), 0, first.start()) + 1}" if first else ""
            return "xml-id", (f'xml:id "{m[1]}" is used twice{where}: '
                              "an xml:id must be unique in the document")
    if type_name == "DTD_XMLID_VALUE":
        m = re.search(r"attribute value (\S*) is not an NCName", message)
        if m:
            return "xml-id", (f'xml:id "{m[1]}" is not an XML name (NCName): it must begin with a letter '
                              'or "_" and hold no space or colon')
    return None


def _syntax_findings(exc: etree.XMLSyntaxError, log, finding, text: str) -> list[Finding]:
    # The parser's own log: the exception's log is global and holds older errors.
    entries = [e for e in log if e.level_name in ("ERROR", "FATAL")] or list(log)
    out: list[Finding] = []
    seen = set()
    for e in entries[:20]:
        message = e.message.strip()
        rule, detail = _xml_id_finding(e.type_name, message, text) or ("well-formed", "not well-formed: " + message)
        if "not defined" in message and message.startswith("Entity"):
            detail += (" (without a DTD XML knows only &amp; &lt; &gt; &quot; &apos;: "
                       "write the character itself or a numeric reference such as &#160;)")
        for needle, hint in _LIMIT_HINTS:
            if needle in message:
                rule, detail = "limits", f"refused: {hint} (parser said: {message})"
                break
        key = (e.line, e.column, detail)
        if key in seen:
            continue
        seen.add(key)
        out.append(finding(rule, detail, e.line or None, e.column or None))
    if not out:
        line, col = exc.position if exc.position else (None, None)
        out.append(finding("well-formed", f"not well-formed: {exc.msg}", line or None, col or None))
    return out


def serialize(tree: etree._ElementTree | etree._Element) -> str:
    """The document as a string without its DOCTYPE, for handing to other tools
    (Saxon) so that they never see or act on a DTD."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    before = list(root.itersiblings(preceding=True))[::-1]
    after = list(root.itersiblings())
    parts = [etree.tostring(node, encoding="unicode", with_tail=False) for node in (*before, root, *after)]
    return "\n".join(parts)


__all__ = [
    "MAX_BYTES",
    "SourceDocument",
    "XMLInputError",
    "load",
    "load_bytes",
    "serialize",
    "start_tag_column",
]
