"""Build step ``data``: the registers and metadata as data files, in ``output/data``.

``xslt/data.xsl`` writes every generated file (JSON, CSV, GeoJSON, CSL-JSON,
BibTeX, GraphML, Dublin Core, sitemap, bag-info.json, outputs.json) as a result document;
this step only runs it, then adds two copies:

- ``article.xml``: the TEI source, byte for byte as it was validated (read
  once, before validation: the file is never read again);
- ``schema/``: the edition's schemas (``edition.rng``, ``.xsd``, ``.sch``, ``.odd``,
  whichever exist) and the JSON Schemas of the data files (``schema/data/``).

The list of the edition's files is the model's (``$ed:outputs`` in
``xslt/model-outputs.xsl``), written as ``data/outputs.json``: this step checks
that every file data.xsl should write is there, and the package step reads it to
check that a build is complete. Python keeps no list of its own.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .findings import BuildError
from .paths import display_path, schema_dir
from .transform import run

STYLESHEET = "data.xsl"  # the step's writer (compiled ahead by a build's worker)

OUTPUTS_LIST = "outputs.json"
SOURCE_COPY = "article.xml"
SCHEMA_COPY = "schema"

# The edition's own schemas, copied when present.
SCHEMA_SUFFIXES = (".rng", ".xsd", ".sch", ".odd")


def build_data(ctx) -> None:
    out = ctx.fresh_dir("data")
    run(ctx.stylesheet(STYLESHEET), ctx.tree, out, ctx.params, source_path=ctx.source)
    copy_source(ctx, out / SOURCE_COPY)
    copy_schemas(schema_dir(), out / SCHEMA_COPY)
    if (out / OUTPUTS_LIST).is_file():
        missing = [o["path"] for o in read_outputs(out / OUTPUTS_LIST)
                   if o["producer"] == STYLESHEET and not (out.parent / o["path"]).is_file()]
        if missing:
            raise BuildError(f"{ctx.stylesheet(STYLESHEET)} did not write {', '.join(missing)}, "
                             f"which its {OUTPUTS_LIST} lists")


def read_outputs(path: Path) -> list[dict]:
    """The outputs that ``outputs.json`` lists: dicts with ``path`` (relative to the
    output folder), ``format``, ``producer``, ``mediaType``, ``kind``, ``group``, ``label``."""
    try:
        outputs = json.loads(path.read_text(encoding="utf-8"))["outputs"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{display_path(path)} cannot be read as the edition's list of outputs: {exc}") from None
    if not isinstance(outputs, list) or not all(isinstance(o, dict) and isinstance(o.get("path"), str) for o in outputs):
        raise BuildError(f"{display_path(path)} does not list outputs with a path each")
    return outputs


def copy_source(ctx, target: Path) -> None:
    """Copy the source's bytes as they were validated (not the file, which may
    have changed since)."""
    target.write_bytes(ctx.document.data)


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
