"""Run the project's XSLT 3.0 stylesheets with SaxonC-HE (saxonche).

One Saxon processor per process; each stylesheet is compiled once. The source is
handed over as a string serialised from the safely parsed lxml tree, so Saxon never
reads the source file, nor any DTD, itself. Saxon errors become located findings
(``xslt/html.xsl:12:5: error: ... [XPST0008]``) inside a ``BuildError``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from lxml import etree

from . import xmlsafe
from .findings import ERROR, WARNING, BuildError, Finding
from .paths import display_path, xslt_dir

_processor = None


def started() -> bool:
    """Whether this process has started Saxon (see ``workers.can_fork``)."""
    return _processor is not None


def processor():
    """The process's single ``PySaxonProcessor``."""
    global _processor
    if _processor is None:
        from saxonche import PySaxonProcessor

        _processor = PySaxonProcessor(license=False)
    return _processor


def stylesheet_path(name: str | os.PathLike[str]) -> Path:
    """``'html'``, ``'html.xsl'`` or a path -> the stylesheet file (in ``xslt_dir()``)."""
    p = Path(name)
    if p.is_absolute() or len(p.parts) > 1:
        return p.resolve()
    if p.suffix != ".xsl":
        p = p.with_name(p.name + ".xsl")
    return (xslt_dir() / p).resolve()


def compile(name: str | os.PathLike[str]):
    """The compiled ``PyXsltExecutable`` for a stylesheet, compiled once per path."""
    return _compile(str(stylesheet_path(name)))


@lru_cache(maxsize=None)
def _compile(path: str):
    from saxonche import PySaxonApiError

    if not Path(path).is_file():
        raise BuildError([Finding(display_path(path), None, None, ERROR, "xslt", "stylesheet not found")])
    xslt = processor().new_xslt30_processor()
    with _captured_stderr() as captured:
        try:
            executable = xslt.compile_stylesheet(stylesheet_file=path)
        except PySaxonApiError as exc:
            error = exc
        else:
            error = None
    if error is not None:
        raise BuildError(_saxon_findings(str(error), captured.text, Path(path))) from None
    _forward(captured.text)
    if executable is None:
        raise BuildError([Finding(display_path(path), None, None, ERROR, "xslt", "stylesheet did not compile")])
    return executable


def _xdm_value(value: Any):
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    return proc.make_string_value(str(value))


def run(
    name: str | os.PathLike[str],
    source: etree._ElementTree | etree._Element | str,
    out_dir: str | os.PathLike[str],
    params: dict[str, Any] | None = None,
    *,
    source_path: str | os.PathLike[str] | None = None,
) -> str | None:
    """Transform ``source`` with stylesheet ``name``.

    ``xsl:result-document href="x/y.html"`` lands in ``out_dir/x/y.html``. Returns the
    principal result as a string, or None when the stylesheet produced none. A text
    source is first parsed safely, like a file. ``source_path`` sets the source's
    base URI (for ``base-uri()`` and relative ``doc()`` calls).
    """
    from saxonche import PySaxonApiError

    path = stylesheet_path(name)
    executable = compile(path)
    if isinstance(source, str):
        source = xmlsafe.load_bytes(source.encode("utf-8"), source_path or "<input>").tree
    text = xmlsafe.serialize(source)

    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    proc = processor()
    builder = proc.new_document_builder()
    if source_path is not None:
        builder.set_base_uri(Path(source_path).resolve().as_uri())
    executable.clear_parameters()
    for key, value in (params or {}).items():
        executable.set_parameter(key, _xdm_value(value))
    executable.set_save_xsl_message(True)
    executable.clear_xsl_messages()
    executable.set_base_output_uri(out.as_uri() + "/")

    with _captured_stderr() as captured:
        try:
            node = builder.parse_xml(xml_text=text, encoding="UTF-8")
            executable.set_global_context_item(xdm_item=node)
            result = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            error = exc
        else:
            error = None
    messages = _messages(executable)
    if error is not None:
        raise BuildError(_saxon_findings(str(error), captured.text, path, messages)) from None
    _forward(captured.text)
    for message in messages:
        print(f"{display_path(path)}: xsl:message: {message}", file=sys.stderr)
    if result is None or not re.sub(r"\A\s*<\?xml[^>]*\?>", "", result).strip():
        return None
    return result


def _messages(executable) -> list[str]:
    value = executable.get_xsl_messages()
    if value is None:
        return []
    return [item.string_value for item in value]


# --- Saxon's diagnostics --------------------------------------------------------------


class _Captured:
    text = ""


@contextmanager
def _captured_stderr() -> Iterator[_Captured]:
    """Capture what Saxon's native code writes to file descriptor 2.

    SaxonC reports the location of a dynamic error (line, column, stylesheet)
    only on stderr, not in the exception, so read it from there.
    """
    captured = _Captured()
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            captured.text = tmp.read().decode("utf-8", errors="replace")


def _forward(text: str) -> None:
    # Saxon's warnings on a successful run still belong to the user.
    if text.strip():
        sys.stderr.write(text if text.endswith("\n") else text + "\n")


_HEAD = re.compile(r"^\s*(Static error|Syntax error|Type error|Fatal error|Error|Warning)\b(.*)$")
_WHERE = re.compile(r"\bon line (\d+)(?: column (\d+))? of (\S+?):?\s*$")
_CODE = re.compile(r"^\s*([A-Z]{4}\d{4}|[A-Z][A-Z0-9]{1,}:[A-Za-z]\w*|[A-Z]\w*\d+)\s{2,}(.*)$")


def _resolve_stylesheet(name: str, main: Path) -> str:
    if name.startswith("file:"):
        name = name[5:].lstrip("/")
        name = "/" + name
    candidate = Path(name)
    if not candidate.is_absolute():
        candidate = main.parent / name
    return display_path(candidate if candidate.exists() else name)


def _saxon_findings(exc_text: str, stderr_text: str, main: Path, messages: list[str] = ()) -> list[Finding]:
    """Turn Saxon's error text into findings, located where Saxon said."""
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for text in (stderr_text, exc_text):
        for block in _blocks(text):
            f = _block_finding(block, main, messages)
            key = (f.path, f.line, f.col, f.message)
            if f.line is not None and key not in seen:
                seen.add(key)
                findings.append(f)
    if not findings:
        # No location anywhere: still say which stylesheet and what went wrong.
        message = " ".join(exc_text.split()) or "transformation failed"
        if messages:
            message += " — xsl:message: " + " | ".join(messages)
        findings.append(Finding(display_path(main), None, None, ERROR, "xslt", message))
    return findings


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if _HEAD.match(line):
            blocks.append([line])
        elif blocks and line.strip():
            blocks[-1].append(line)
    return blocks


def _block_finding(block: list[str], main: Path, messages) -> Finding:
    head = _HEAD.match(block[0])
    severity = WARNING if head.group(1) == "Warning" else ERROR
    line = col = None
    path = display_path(main)
    where = _WHERE.search(block[0])
    if where:
        line, col = int(where.group(1)), int(where.group(2)) if where.group(2) else None
        path = _resolve_stylesheet(where.group(3), main)
    rule, detail = "xslt", []
    for raw in block[1:]:
        if raw.strip().startswith(("In template rule", "at ", "In ", "Caused by")) and detail:
            break
        m = _CODE.match(raw)
        if m and not detail:
            rule = m.group(1)
            detail.append(m.group(2))
        else:
            detail.append(raw.strip())
    message = " ".join(" ".join(detail).split()) or head.group(2).strip()
    if rule == "XTMM9000" and messages:
        message = "terminated by xsl:message: " + " | ".join(messages)
    context = head.group(2)
    context = _WHERE.sub("", context).strip(" :")
    if context.startswith("in ") or context.startswith("at "):
        message = f"{message} ({context})"
    return Finding(path, line, col, severity, rule, message)
