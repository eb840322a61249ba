"""Where the project's files live.

The package is installed in editable mode from ``scripts/``, so the project root is
two levels above this file. Tests may point the schema and stylesheet folders
elsewhere through the environment variables EDITION_SCHEMA_DIR and EDITION_XSLT_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
XSLT_DIR = ROOT / "xslt"
DEFAULT_SOURCE = ROOT / "edition" / "article.xml"
DEFAULT_OUT = ROOT / "output"
# Official TEI schemas, shared read-only beside the project (absent in a bare clone).
SHARED_TEI = ROOT.parent / "shared" / "tei"


def schema_dir() -> Path:
    """The folder holding edition.rng, edition.xsd and edition.sch."""
    override = os.environ.get("EDITION_SCHEMA_DIR")
    return Path(override).resolve() if override else SCHEMA_DIR


def xslt_dir() -> Path:
    """The folder holding the XSLT stylesheets."""
    override = os.environ.get("EDITION_XSLT_DIR")
    return Path(override).resolve() if override else XSLT_DIR


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a user wants to read it: relative to the working directory when
    it lies below it, else relative to the project root, else absolute."""
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    absolute = Path(os.path.normpath(absolute))
    for base in (Path.cwd(), ROOT):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()
