"""The PDF step's worker process (worker.py): the rendering runs beside the other
steps, and a worker that fails, dies or is no longer needed leaves no trace."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from conftest import leftovers
from tei_edition import build, worker

# A print stylesheet as small as pdf.py allows: an article with one anchor, and
# back matter (data-part="back") whose index links to it.
MINI_PRINT_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:param name="paper"/>
  <xsl:output method="xhtml" html-version="5" omit-xml-declaration="yes"/>
  <xsl:template match="/">
    <html lang="en"><head><title>Mini</title><meta name="dcterms.created" content="2026-11-24"/></head>
      <body>
        <main><p id="m1"><xsl:value-of select="normalize-space(//tei:body)"/></p></main>
        <section data-part="back"><h2>Index</h2>
          <p>Bukhara <span class="locators"><a class="pg" href="#m1"></a></span></p></section>
      </body></html>
  </xsl:template>
</xsl:stylesheet>
"""


@pytest.fixture
def mini_print(mini):
    (mini.xslt / "print.xsl").write_text(MINI_PRINT_XSL, encoding="utf-8")
    return mini


@pytest.fixture
def worker_module(tmp_path, monkeypatch):
    """Write a module for the pdf step's worker to run instead of pdf.render_pdf,
    importable by the worker process (PYTHONPATH), and point the step at it."""

    def install(body: str) -> None:
        folder = tmp_path / "worker-modules"
        folder.mkdir(exist_ok=True)
        (folder / "worker_for_test.py").write_text(body, encoding="utf-8")
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")])))
        step = build.STEPS["pdf"]
        monkeypatch.setitem(build.STEPS, "pdf", build.Step(step.module, step.function, step.folder,
                                                           worker=("worker_for_test:render", ())))

    return install


@pytest.fixture
def started_workers(monkeypatch) -> list[worker.Worker]:
    """Every worker the build starts."""
    seen: list[worker.Worker] = []
    original = build.start_worker

    def record(*args):
        started = original(*args)
        seen.append(started)
        return started

    monkeypatch.setattr(build, "start_worker", record)
    return seen


def test_the_pdf_is_rendered_outside_the_build_process(mini_print):
    # In a fresh interpreter: the build makes the PDF without loading WeasyPrint itself.
    probe = (
        "import sys; from tei_edition import build; "
        f"build.build({str(mini_print.source)!r}, {str(mini_print.out)!r}); "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                            env={**os.environ, **mini_print.env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    reader = pypdf.PdfReader(str(mini_print.out / "pdf" / "article.pdf"))
    # The article's page, then the index's: its stand-in first page was dropped,
    # and its page link carries the article's page number.
    assert len(reader.pages) == 2
    assert "Enver met Ibrahim Bek in Bukhara" in reader.pages[0].extract_text()
    assert "Bukhara 1" in reader.pages[1].extract_text()
    assert (mini_print.out / "html").is_dir() and (mini_print.out / "data").is_dir()


def test_an_error_in_the_worker_fails_the_step_and_keeps_the_output(run_edition, mini, tree_snapshot):
    (mini.xslt / "print.xsl").write_text(MINI_PRINT_XSL.replace(' data-part="back"', ""), encoding="utf-8")
    first = run_edition("build", mini.source, "--out", mini.out, "--format", "html", env=mini.env)
    assert first.returncode == 0, first.stderr
    before = tree_snapshot(mini.out)

    result = run_edition("build", mini.source, "--out", mini.out, env=mini.env)

    assert result.returncode == 1
    assert "build failed in step pdf" in result.stderr
    assert 'print HTML has no back matter (print.xsl marks the chronology and the index with data-part="back")' \
        in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_snapshot(mini.out) == before
    assert leftovers(mini.base) == []


def test_a_worker_that_dies_fails_the_step_and_keeps_the_output(mini_print, worker_module, tree_snapshot):
    worker_module("import os, sys\n"
                  "def render(**request):\n"
                  "    print('out of luck', file=sys.stderr)\n"
                  "    os._exit(3)\n")
    build.build(mini_print.source, mini_print.out, ["html"])
    before = tree_snapshot(mini_print.out)

    with pytest.raises(build.StepFailed) as info:
        build.build(mini_print.source, mini_print.out)

    assert info.value.step == "pdf"
    assert str(info.value) == ("the worker process for worker_for_test:render stopped without an answer "
                               "(exit status 3): out of luck")
    assert tree_snapshot(mini_print.out) == before
    assert leftovers(mini_print.base) == []


def test_the_worker_is_stopped_when_another_step_fails(mini_print, worker_module, started_workers, add_step,
                                                      tree_snapshot, tmp_path, monkeypatch, capfd):
    # A worker that would render for a minute, and a step that fails as soon as
    # the worker has begun.
    begun = tmp_path / "worker-has-begun"
    monkeypatch.setenv("WORKER_HAS_BEGUN", str(begun))
    worker_module("import os, pathlib, time\n"
                  "def render(**request):\n"
                  "    pathlib.Path(os.environ['WORKER_HAS_BEGUN']).touch()\n"
                  "    time.sleep(60)\n")
    add_step("fail",
             "import os, pathlib, time\n"
             "def build_fail(ctx):\n"
             "    begun = pathlib.Path(os.environ['WORKER_HAS_BEGUN'])\n"
             "    for _ in range(600):\n"
             "        if begun.exists():\n"
             "            break\n"
             "        time.sleep(0.1)\n"
             "    raise KeyError('no such register')\n")
    build.build(mini_print.source, mini_print.out, ["html"])
    before = tree_snapshot(mini_print.out)

    with pytest.raises(build.StepFailed) as info:
        build.build(mini_print.source, mini_print.out, ["pdf", "fail"])

    assert info.value.step == "fail"
    [started] = started_workers
    assert begun.exists()
    assert started.process.returncode == worker.STOPPED  # asked to stop, and it unwound
    assert "Traceback" not in capfd.readouterr().err  # nor did its reading thread fail
    assert tree_snapshot(mini_print.out) == before
    assert leftovers(mini_print.base) == []


def test_the_worker_exits_cleanly_when_the_source_is_invalid(mini_print, started_workers, capfd, tmp_path,
                                                             monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    mini_print.source.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>", encoding="utf-8")
    with pytest.raises(build.InvalidSource):
        build.build(mini_print.source, mini_print.out)
    [started] = started_workers
    # It finished its imports and read end-of-file: killed in the middle of them,
    # it could have left a temporary file of ctypes.util.find_library.
    assert started.process.returncode == 0
    assert list(temp.iterdir()) == []
    assert not mini_print.out.exists()
    assert capfd.readouterr().err == ""


def test_without_a_worker_the_step_renders_in_the_build_process(mini_print, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(worker.subprocess, "Popen", no_processes)
    build.build(mini_print.source, mini_print.out, ["pdf"])
    assert len(pypdf.PdfReader(str(mini_print.out / "pdf" / "article.pdf")).pages) == 2


def test_a_tei_edition_folder_in_the_current_folder_is_not_imported(mini_print, tmp_path):
    # The installed command (not python -m, which would itself import from the
    # current folder), run where a folder of the package's name awaits.
    edition = Path(sys.executable).with_name("edition")
    if not edition.exists():
        pytest.skip("the edition command is not installed beside this Python")
    impostor = tmp_path / "cwd" / "tei_edition"
    impostor.mkdir(parents=True)
    (impostor / "__init__.py").write_text("raise SystemExit('the impostor was imported')\n")
    result = subprocess.run([str(edition), "build", str(mini_print.source), "--out", str(mini_print.out),
                             "--format", "pdf"], cwd=impostor.parent, capture_output=True, text=True,
                            timeout=300, env={**os.environ, **mini_print.env})
    assert result.returncode == 0, result.stderr
    assert "impostor" not in result.stderr
    assert (mini_print.out / "pdf" / "article.pdf").exists()


def test_a_worker_whose_request_never_comes_exits_quietly():
    started = worker.Worker("tei_edition.pdf:render_pdf", ("weasyprint",))
    started.process.stdin.close()
    assert started.process.wait(timeout=120) == 0
    assert started.process.stdout.read() == b"" and started.process.stderr.read() == b""
    started.close()
