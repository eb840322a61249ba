"""``edition stats``: what the model counts in a source (``xslt/stats.xsl``).

The numbers come from the same XSLT functions that write the HTML registers and
the data files (``xslt/common.xsl`` and its model modules), so ``edition stats``,
``output/data`` and ``output/html`` say the same thing. The source is parsed
safely and not validated: the counts of a source that is not (yet) valid are
still useful.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .findings import BuildError, Finding, ERROR
from .paths import display_path
from .xmlsafe import XMLInputError, load

STYLESHEET = "stats.xsl"
TEI_ROOT = "{http://www.tei-c.org/ns/1.0}TEI"


def edition_stats(source: Path) -> dict:
    """The counts of ``source``: ``kinds`` (kind, label, entries, mentions), ``datedMentions``,
    ``chronology``, ``paragraphs``, ``words`` (see xslt/stats.xsl). Raises ``BuildError``
    with located findings for a source that cannot be read or transformed."""
    from .transform import run

    try:
        doc = load(source)
    except XMLInputError as exc:
        raise BuildError(exc.findings) from None
    root = doc.tree.getroot()
    if root.tag != TEI_ROOT:
        raise BuildError([Finding(display_path(source), root.sourceline, 1, ERROR, "stats",
                                  f"the root element is {root.tag}, not TEI in the TEI namespace "
                                  "(http://www.tei-c.org/ns/1.0): this is not a TEI document")])
    with tempfile.TemporaryDirectory(prefix="edition-stats-") as scratch:
        result = run(STYLESHEET, doc.tree, scratch, source_path=source)
    try:
        return json.loads(result or "")
    except ValueError:
        raise BuildError([Finding(display_path(source), None, None, ERROR, "stats",
                                  f"{STYLESHEET} gave no counts")]) from None


def as_json(source: Path, numbers: dict) -> str:
    return json.dumps({"path": display_path(source), **numbers}, ensure_ascii=False, indent=2)


def as_text(source: Path, numbers: dict) -> str:
    lines = [display_path(source), f"  {'':16} {'entries':>8} {'mentions':>9}"]
    for row in numbers["kinds"]:
        lines.append(f"  {row['label'].lower():16} {row['entries']:>8} {row['mentions']:>9}")
    for key, label in (("datedMentions", "dated mentions"), ("chronology", "chronology items"),
                       ("paragraphs", "paragraphs"), ("words", "words")):
        lines.append(f"  {label:16} {numbers[key]:>8}")
    return "\n".join(lines)
