"""Shared fixtures: the project's paths, running the real ``edition`` command,
the official TEI schema, Chromium, and a tiny self-contained project (schemas,
stylesheets, source) for testing the pipeline independently of the real edition."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import shutil
import subprocess
import sys
from typing import NoReturn
from pathlib import Path

import pytest

from tei_edition import paths

ROOT = paths.ROOT
TEI_NS = "http://www.tei-c.org/ns/1.0"


# --- running one build step in this process -----------------------------------------------


def run_step(name: str, out: Path, params: dict | None = None, *, source_path: Path = paths.DEFAULT_SOURCE,
             source_bytes: bytes | None = None) -> Path:
    """Run the real build step ``name`` (html, pdf, data) on a source (the edition's,
    or given bytes) into ``out/<its folder>``, in this process;
    return that folder."""
    from tei_edition import build, xmlsafe

    if source_bytes is None:
        doc = xmlsafe.load(source_path)
    else:
        doc = xmlsafe.load_bytes(source_bytes, str(source_path))
    ctx = build.BuildContext(source=source_path, tree=doc.tree, out_dir=out, params=dict(params or {}),
                             document=doc)
    build.load_step(name)(ctx)
    return out / build.STEPS[name].folder


# --- the data step's files, built once per session ------------------------------------------


@pytest.fixture(scope="session")
def tei():
    """The edition's source, parsed safely (the root element; read-only for the tests)."""
    from tei_edition import xmlsafe

    return xmlsafe.load(paths.DEFAULT_SOURCE).tree.getroot()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """The data step's output for the edition's source (read-only for the tests)."""
    return run_step("data", tmp_path_factory.mktemp("data-build"))


def load_json(data_dir: Path, name: str):
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


def load_csv(data_dir: Path, name: str) -> list[dict[str, str]]:
    with io.StringIO((data_dir / name).read_bytes().decode("utf-8"), newline="") as f:
        return list(csv.DictReader(f))


def leftovers(parent: Path) -> list[str]:
    """The temporary and previous output folders a build left beside its output."""
    return [p.name for p in parent.iterdir() if ".building-" in p.name or ".previous-" in p.name]


@pytest.fixture
def add_step(tmp_path, monkeypatch):
    """``add_step(name, body)``: add to the build a step ``name`` (its folder
    too) from a real module written for the test, whose ``body`` defines
    ``build_<name>(ctx)``."""
    from tei_edition import build

    def add(name: str, body: str) -> None:
        folder = tmp_path / "step-modules"
        folder.mkdir(exist_ok=True)
        module = f"{name}_step_for_test"
        (folder / f"{module}.py").write_text(body, encoding="utf-8")
        monkeypatch.syspath_prepend(str(folder))
        monkeypatch.setitem(build.STEPS, name, build.Step(module, f"build_{name}", name))

    return add


# --- running the command line ----------------------------------------------------------


@pytest.fixture
def run_edition():
    """Run ``edition ARGS...`` in a subprocess, as a user would; returns CompletedProcess."""

    def run(*args: str | os.PathLike, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "tei_edition.cli", *map(str, args)],
            cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
        )

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (relative path -> bytes), for byte-identity checks."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def tree_snapshot():
    return snapshot


# --- the official TEI schema, Chromium ----------------------------------------------------


def tei_all_path() -> Path:
    return paths.SHARED_TEI / "tei_all.rng"


@functools.lru_cache(maxsize=1)
def tei_all_relaxng():
    """The official tei_all RELAX NG schema; loading takes several seconds, so once."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.RelaxNG(etree.parse(str(tei_all_path()), parser))


def conformance(path: Path) -> list:
    """Findings of the official TEI P5 ``tei_all.rng`` for the source at ``path``
    (summaries without a place dropped or placed, as ``edition validate`` does)."""
    from tei_edition import validate, xmlsafe

    doc = xmlsafe.load(path)
    checked = validate._relaxng_findings(tei_all_relaxng(), doc, "tei_all", limit=10_000)
    return validate._place_relaxng_summaries(checked.findings, doc, "tei_all")


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all RELAX NG schema (loaded once: it takes several seconds)."""
    if not tei_all_path().is_file():
        pytest.skip(f"official TEI schema not available: {tei_all_path()} is absent "
                    "(../shared/tei is only beside the project on the workplace's machines)")
    return tei_all_relaxng()


def missing_tool(reason: str, on_ci: str) -> NoReturn:
    """A tool the tests need is missing: skip the test, but fail it on CI, which
    installs every tool (.ci/run) and must not pass by skipping."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}: {on_ci}")
    pytest.skip(reason)


def _chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of a headless-capable Chromium; skip browser tests without one, except on CI."""
    found = _chromium_path()
    if found is None:
        missing_tool("no Chromium on PATH (apt-get install chromium)", "CI must run the browser tests")
    return found


# --- a tiny self-contained project ----------------------------------------------------------

MINI_RNG = """<?xml version="1.0" encoding="UTF-8"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">
  <start>
    <element name="TEI"><ref name="content"/></element>
  </start>
  <define name="content">
    <zeroOrMore>
      <choice><attribute><anyName/></attribute><text/><ref name="any"/></choice>
    </zeroOrMore>
  </define>
  <!-- anything, except an element called "forbidden" -->
  <define name="any">
    <element>
      <anyName><except><name>forbidden</name></except></anyName>
      <ref name="content"/>
    </element>
  </define>
</grammar>
"""

MINI_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.tei-c.org/ns/1.0" elementFormDefault="qualified">
  <xs:element name="TEI">
    <xs:complexType mixed="true">
      <xs:sequence><xs:any processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:anyAttribute processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <!-- a global declaration, so lax processing checks <measure> wherever it is -->
  <xs:element name="measure" type="xs:integer"/>
</xs:schema>
"""

MINI_SCH = """<?xml version="1.0" encoding="UTF-8"?>
<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:pattern>
    <sch:rule context="tei:TEI">
      <sch:assert id="header-required" test="tei:teiHeader">a TEI document needs a teiHeader</sch:assert>
    </sch:rule>
    <sch:rule context="tei:p">
      <sch:report id="empty-p" role="warning" test="not(normalize-space())">empty paragraph</sch:report>
    </sch:rule>
  </sch:pattern>
</sch:schema>
"""

MINI_HTML_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:param name="title" select="//tei:title[1]"/>
  <xsl:output method="html" html-version="5" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:result-document href="pages/body.html">
      <html><body><xsl:value-of select="normalize-space(//tei:body)"/></body></html>
    </xsl:result-document>
    <xsl:result-document href="index.html">
      <html><head><title><xsl:value-of select="$title"/></title></head><body><p>index</p></body></html>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
"""

MINI_DATA_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:output method="xml" indent="yes"/>
  <xsl:template match="/">
    <xsl:result-document href="edition.xml">
      <data persons="{count(//tei:persName)}"/>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
"""

MINI_TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Mini edition</title></titleStmt>
      <publicationStmt><p>Test</p></publicationStmt>
      <sourceDesc><p>Test</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <p>Enver met <persName ref="#enver">Ibrahim Bek</persName> in <placeName>Bukhara</placeName>.</p>
    </body>
  </text>
</TEI>
"""


class MiniProject:
    """Schemas, stylesheets and a valid source in a temporary folder."""

    def __init__(self, base: Path):
        self.base = base
        self.schema = base / "schema"
        self.xslt = base / "xslt"
        self.source = base / "article.xml"
        self.out = base / "output"
        self.schema.mkdir()
        self.xslt.mkdir()
        (self.schema / "edition.rng").write_text(MINI_RNG, encoding="utf-8")
        (self.schema / "edition.xsd").write_text(MINI_XSD, encoding="utf-8")
        (self.schema / "edition.sch").write_text(MINI_SCH, encoding="utf-8")
        (self.xslt / "html.xsl").write_text(MINI_HTML_XSL, encoding="utf-8")
        (self.xslt / "data.xsl").write_text(MINI_DATA_XSL, encoding="utf-8")
        self.source.write_text(MINI_TEI, encoding="utf-8")

    @property
    def env(self) -> dict[str, str]:
        return {"EDITION_SCHEMA_DIR": str(self.schema), "EDITION_XSLT_DIR": str(self.xslt)}

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.base / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def mini(tmp_path, monkeypatch) -> MiniProject:
    """A tiny project; the schema and XSLT folders are pointed at it for in-process calls too."""
    project = MiniProject(tmp_path)
    for key, value in project.env.items():
        monkeypatch.setenv(key, value)
    return project
