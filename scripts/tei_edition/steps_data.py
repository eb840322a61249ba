"""Build step ``data``: the registers and metadata as data files, in ``output/data``.

``xslt/data.xsl`` writes every generated file (JSON, CSV, GeoJSON, CSL-JSON,
BibTeX, GraphML, Dublin Core, sitemap, bag-info.json) as a result document; this step only
runs it, then adds two copies:

- ``article.xml``: the TEI source, byte for byte as it was validated;
- ``schema/``: the edition's schemas (``edition.rng``, ``.xsd``, ``.sch``, ``.odd``,
  whichever exist) and the JSON Schemas of the data files (``schema/data/``).

``DATA_FILES`` lists what the real ``data.xsl`` writes; the package step uses it
to check that a build is complete before it packages it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .findings import BuildError
from .paths import display_path, schema_dir
from .transform import run

# Files data.xsl writes, relative to output/data.
GENERATED_FILES = (
    "persons.json", "persons.csv",
    "places.json", "places.csv", "places.geojson",
    "organisations.json", "organisations.csv",
    "chronology.json", "chronology.csv",
    "bibliography.json", "bibliography.csv", "bibliography.csl.json", "bibliography.bib",
    "relations.json", "relations.csv",
    "affiliations.json", "affiliations.csv",
    "graph.graphml",
    "dublin-core.xml",
    "sitemap.xml",
    "bag-info.json",
)
SOURCE_COPY = "article.xml"
SCHEMA_COPY = "schema"
# Everything a complete data build holds (the schema copies vary: see copy_schemas).
DATA_FILES = (*GENERATED_FILES, SOURCE_COPY)

# The edition's own schemas, copied when present.
SCHEMA_SUFFIXES = (".rng", ".xsd", ".sch", ".odd")


def build_data(ctx) -> None:
    out = ctx.fresh_dir("data")
    result = run(ctx.stylesheet("data.xsl"), ctx.tree, out, ctx.params, source_path=ctx.source)
    if result is not None:
        # data.xsl writes only result documents; a stylesheet that also has a
        # principal result gets it kept here rather than lost.
        (out / "edition.xml").write_text(result, encoding="utf-8")
    copy_source(ctx, out / SOURCE_COPY)
    copy_schemas(schema_dir(), out / SCHEMA_COPY)


def copy_source(ctx, target: Path) -> None:
    """Copy the source file's bytes, after checking they are what was validated."""
    source = Path(ctx.source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise BuildError(f"cannot copy {display_path(source)}: {exc.strerror or exc}") from None
    document = getattr(ctx, "document", None)
    if document is not None:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if body != document.text.encode("utf-8"):
            raise BuildError(f"{display_path(source)} changed while the edition was being built; build again")
    target.write_bytes(data)


def copy_schemas(folder: Path, target: Path) -> list[Path]:
    """Copy the edition's schemas and ``data/*.schema.json`` below ``target``; returns the copies."""
    copies: list[Path] = []
    if not folder.is_dir():
        return copies
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix in SCHEMA_SUFFIXES:
            copies.append(_copy(path, target / path.name))
    data_schemas = folder / "data"
    if data_schemas.is_dir():
        for path in sorted(data_schemas.glob("*.json")):
            if path.is_file():
                copies.append(_copy(path, target / "data" / path.name))
    return copies


def _copy(path: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target
