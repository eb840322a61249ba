"""The ``edition`` command line.

Exit codes: 0 success or valid; 1 invalid source, failed build or internal error;
2 usage error (bad option, missing file). No Python traceback reaches the user.
"""

from __future__ import annotations

import re
import os
import signal
import sys
import time
from pathlib import Path

import click

from . import __version__
from .findings import BuildError, count, format_text, plural, to_json_list
from .paths import DEFAULT_OUT, DEFAULT_SOURCE, display_path

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _default_source() -> Path:
    if not DEFAULT_SOURCE.is_file():
        raise click.UsageError(f"no SOURCE given and the default {display_path(DEFAULT_SOURCE)} does not exist")
    return DEFAULT_SOURCE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="edition", message="%(prog)s %(version)s",
                      help="Show the version and exit.")
def cli() -> None:
    """Validate, build, serve and package the TEI edition."""


# --- validate -------------------------------------------------------------------------


@cli.command()
@click.argument("sources", nargs=-1, type=_FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print findings as text lines (PATH:LINE:COL: error: message [rule]) or as JSON.")
def validate(sources: tuple[Path, ...], fmt: str) -> None:
    """Check SOURCE files (default: edition/article.xml) against the edition's schemas.

    Exits 0 when every file is valid, 1 when any is invalid or not well-formed.
    """
    from .validate import validate as run_validation

    paths = list(sources) or [_default_source()]
    results = [(display_path(p), run_validation(p)) for p in paths]
    errors = sum(count(f)[0] for _, f in results)
    warnings = sum(count(f)[1] for _, f in results)

    if fmt == "json":
        report = {
            "valid": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "files": [
                {"path": shown, "valid": count(found)[0] == 0, "findings": to_json_list(found)}
                for shown, found in results
            ],
        }
        # A file name that is not UTF-8 keeps its undecodable bytes as \udcXX escapes: valid JSON.
        import json

        text = json.dumps(report, ensure_ascii=False, indent=2)
        click.echo(re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m[0]):04x}", text))
    else:
        for shown, found in results:
            for f in found:
                click.echo(format_text(f))
            file_errors, file_warnings = count(found)
            if not file_errors:
                extra = f" ({plural(file_warnings, 'warning')})" if file_warnings else ""
                click.echo(f"{shown}: valid{extra}")
        if len(results) > 1 or errors or warnings:
            click.echo(f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(len(results), 'file')}")
    sys.exit(1 if errors else 0)


# --- build ----------------------------------------------------------------------------


def _edition_url(value: str) -> str:
    """An absolute http(s) URL of a folder, or empty: it goes into citations and hrefs.
    Its trailing slash is optional: the model ($ed:edition-url) gives it exactly one."""
    if value and not re.fullmatch(r"https?://[^\s<>\"'#?/]+(/[^\s<>\"'#?]*)?", value):
        raise click.BadParameter(f"{value!r} is not an absolute http(s) URL of a folder")
    return value


def _step_names() -> list[str]:
    from .build import STEPS

    return list(STEPS)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@cli.command()
@click.argument("source", required=False, type=_FILE)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder, replaced as a whole only when every step succeeds (default: output/).")
@click.option("--format", "formats", multiple=True, type=click.Choice(_step_names()),
              help="Build only this format; repeat for several (default: all). "
                   "The previous output of the other formats is kept.")
@click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default="a4",
              show_default=True, help="Paper size of the PDF (A4 or US Letter).")
@click.option("--edition-url", default="", metavar="URL", callback=lambda ctx, param, value: _edition_url(value),
              help="Absolute http(s) URL where the HTML edition will be published: used in citations, "
                   "metadata and the sitemap. Default: none; citations then use the edition's URN.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and warnings.")
def build(source: Path | None, out_dir: Path | None, formats: tuple[str, ...], paper: str, edition_url: str,
          quiet: bool) -> None:
    """Validate SOURCE (default: edition/article.xml) and build HTML, PDF and data.

    An invalid source builds nothing; a failed step leaves the previous output unchanged.
    """
    from .build import InvalidSource, StepFailed, build as run_build

    source = source or _default_source()
    out = out_dir or DEFAULT_OUT
    show_progress = not quiet and sys.stderr.isatty()

    def progress(step: str, event: str, seconds: float | None) -> None:
        if not show_progress:
            return
        if event == "start":
            click.echo(f"edition: building {step} ...", err=True)
        else:
            click.echo(f"edition: {step} done ({seconds:.1f} s)", err=True)

    def notice(message: str) -> None:
        if not quiet:
            click.echo(f"edition: {message}", err=True)

    # A `timeout`, a cancelled CI job: SIGTERM stops the build as Ctrl+C does.
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    try:
        params = {"paper": paper.lower(), "edition-url": edition_url}
        result = run_build(source, out, formats or None, params, progress=progress, notice=notice)
    except KeyboardInterrupt:
        click.echo(f"edition: build interrupted; nothing was built and {display_path(out)} was left unchanged",
                   err=True)
        sys.exit(130)
    except InvalidSource as exc:
        for f in exc.findings:
            click.echo(format_text(f), err=True)
        errors, warnings = count(exc.findings)
        click.echo(f"edition: {display_path(source)} is invalid ({plural(errors, 'error')}, "
                   f"{plural(warnings, 'warning')}); nothing was built", err=True)
        sys.exit(1)
    except StepFailed as exc:
        if exc.findings:
            for f in exc.findings:
                click.echo(format_text(f), err=True)
            reason = ""
        else:
            reason = f": {exc.reason}"
        click.echo(f"edition: build failed in step {exc.step}{reason}; "
                   f"{display_path(out)} was left unchanged", err=True)
        sys.exit(1)
    except (BuildError, OSError) as exc:
        click.echo(f"edition: build failed: {exc}; {display_path(out)} was left unchanged", err=True)
        sys.exit(1)
    for f in result.warnings:
        click.echo(format_text(f), err=True)
    if show_progress:
        click.echo(f"edition: built {', '.join(result.steps)} into {display_path(result.out_dir)} "
                   f"({time.monotonic() - started:.1f} s)")


# --- serve ----------------------------------------------------------------------------


@cli.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="TCP port to listen on (on 127.0.0.1 only).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to serve (default: output/html).")
@click.option("--idle-timeout", type=click.FloatRange(0.1, 3600), default=10, show_default=True,
              help="Seconds after which a connection that sends nothing is closed.")
def serve(port: int, directory: Path | None, idle_timeout: float) -> None:
    """Serve the built HTML edition on http://127.0.0.1:PORT/ (Ctrl+C stops).

    Only files inside the folder are served (no link is followed out of it); a
    bad path is answered 400; idle connections are closed."""
    from .serve import make_server

    folder = directory or DEFAULT_OUT / "html"
    if not folder.is_dir():
        raise click.UsageError(f"{display_path(folder)} does not exist; run `edition build` first")
    try:
        server = make_server(folder, port, idle_timeout)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    host, real_port = server.server_address[:2]
    click.echo(f"Serving {display_path(folder)} at http://{host}:{real_port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.server_close()


# --- stats ----------------------------------------------------------------------------


@cli.command()
@click.argument("source", required=False, type=_FILE)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print the counts as a table or as JSON.")
def stats(source: Path | None, fmt: str) -> None:
    """Count what the edition's model finds in SOURCE (default: edition/article.xml).

    \b
    For each kind of register entry (persons, places, organisations, events,
    references):
      entries           the entries of its register (in standOff)
      mentions          names in the text that point to one of them (for
                        references: the citations [n])
    dated mentions      dates in the title page, abstract and body, outside
                        editorial notes: the dates of the chronology
    chronology items    events of the register plus dated mentions
    paragraphs          numbered body paragraphs (the citable units)
    words               words of the reading text as the source prints them
                        (split at white space; editorial notes, additions and
                        omissions left out)

    The HTML registers and the data files are written from the same model and
    give the same numbers. Exits 1 when SOURCE cannot be read.
    """
    from .stats import as_json, as_text, edition_stats

    source = source or _default_source()
    try:
        numbers = edition_stats(source)
    except BuildError as exc:
        for f in exc.findings:
            click.echo(format_text(f), err=True)
        sys.exit(1)
    click.echo(as_json(source, numbers) if fmt == "json" else as_text(source, numbers))


# --- package ----------------------------------------------------------------------------


@cli.command()
@click.option("--from", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Built output to package (default: output/; run `edition build` first).")
@click.option("--out", "bag_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write the BagIt bag to (default: package/ beside the output folder).")
def package(out_dir: Path | None, bag_dir: Path | None) -> None:
    """Package the built edition as a BagIt bag (RFC 8493) for deposit, and validate it."""
    from .package import make_package

    try:
        result = make_package(out_dir or DEFAULT_OUT, bag_dir)
    except BuildError as exc:
        click.echo(f"edition: package failed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"edition: packaged {display_path(result.bag_dir)} "
               f"({result.files} payload files, {result.bytes} bytes; sha256 and sha512 manifests; valid)")


# --- bench ----------------------------------------------------------------------------

def _int_list(ctx, param, value: str) -> list[int]:
    try:
        numbers = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a comma-separated list of whole numbers") from None
    if not numbers or any(n < 1 for n in numbers):
        raise click.BadParameter("give one or more sizes of at least 1, such as 1,10,40")
    return sorted(set(numbers))


def _stage_list(ctx, param, value: str | None) -> list[str]:
    from .bench import STAGES

    if value is None:
        return list(STAGES)
    names = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [n for n in names if n not in STAGES]
    if unknown or not names:
        raise click.BadParameter(f"unknown stage(s) {', '.join(unknown) or '(none)'}; "
                                 f"choose from {','.join(STAGES)}")
    return names


@cli.command()
@click.argument("source", required=False, type=_FILE)
@click.option("--runs", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Cold runs of each stage and size; the median is reported.")
@click.option("--sizes", default="1,10,40", show_default=True, callback=_int_list,
              help="Enlargements of the article to time (the body's divisions repeated N times).")
@click.option("--stages", default=None, callback=_stage_list,
              help="Stages to time, comma-separated (default: all): validate, html, data, pdf, package, "
                   "html+data (both in one build), build (everything).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the measurements to this JSON file.")
@click.option("--keep", "keep_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Work in this folder and keep the enlarged sources and outputs (default: a temporary one).")
@click.option("--tei-stylesheets", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="A checkout of the TEI Stylesheets (github.com/TEIC/Stylesheets): also time their HTML route "
                   "(html/html.xsl on saxonche) and PDF route (fo/fo.xsl, then Apache FOP if `fop` is installed) "
                   "on SOURCE, and compare.")
def bench(source: Path | None, runs: int, sizes: list[int], stages: list[str], json_path: Path | None,
          keep_dir: Path | None, tei_stylesheets: Path | None) -> None:
    """Time each stage cold, in a fresh process, on SOURCE (default: edition/article.xml) and its enlargements.

    Prints the median wall-clock and CPU time and the peak memory per stage and size, and
    the growth ratio (t40 - t10) / (t10 - t1), which is 3.33 when the cost grows linearly.
    A benchmark, not a test: it exits 0 however slow, 1 when a stage cannot run at all.
    """
    from .bench import BenchError, run_benchmark, write_json

    try:
        report = run_benchmark(source or _default_source(), sizes, stages, runs, echo=click.echo,
                               keep=keep_dir, tei_stylesheets=tei_stylesheets)
    except BenchError as exc:
        click.echo(f"edition: bench: {exc}", err=True)
        sys.exit(1)
    if json_path:
        write_json(report, json_path)
    if any(r.get("error") for r in report["results"]):
        sys.exit(1)


# --- odd-check ------------------------------------------------------------------------

_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


@cli.command("odd-check")
@click.option("--stylesheets", type=_DIR, required=True,
              help="A checkout of the TEI Stylesheets (github.com/TEIC/Stylesheets): odds/odd2odd.xsl ...")
@click.option("--p5", "p5subset", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The P5 source, p5subset.xml (built with --tei-p5 when it does not exist yet).")
@click.option("--tei-p5", type=_DIR, default=None,
              help="The P5 folder of a TEIC/TEI checkout: build --p5 from it first (expand.xsl, subset.xsl).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep the compiled ODD, RELAX NG and Schematron in this folder (default: a temporary one).")
def odd_check(stylesheets: Path, p5subset: Path, tei_p5: Path | None, out_dir: Path | None) -> None:
    """Compile schema/edition.odd with the TEI's ODD processor and compare its verdicts with the edition's schemas.

    Prints one line per document (the article, every fixture, a bogus value in each closed
    list), whether the extracted Schematron equals edition.sch, and whether it runs under
    XSLT 2.0. Exits 0 when everything agrees, 1 otherwise.
    """
    from .oddcheck import OddCheckError, build_p5subset, check, format_report

    try:
        if tei_p5 is not None:
            build_p5subset(tei_p5, p5subset)
        report = check(stylesheets, p5subset, out_dir)
    except OddCheckError as exc:
        click.echo(f"edition: odd-check: {exc}", err=True)
        sys.exit(1)
    click.echo(format_report(report))
    if not report.ok:
        sys.exit(1)


# --- entry point ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    """The command line: click's own handling plus a last-resort handler; ends with SystemExit."""
    # A file name that is not UTF-8 is printed as the bytes the user typed.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    try:
        cli.main(args=argv, prog_name="edition", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:  # the user gets one line, never a traceback
        message = " ".join(str(exc).split()) or "(no message)"
        click.echo(f"edition: internal error: {type(exc).__name__}: {message}", err=True)
        code = 1
    sys.exit(code)


def run() -> None:
    """The ``edition`` program (console script and ``python -m tei_edition.cli``):
    ``main``, then ``_leave``."""
    try:
        main()
    except SystemExit as exc:  # main always ends so
        _leave(exc.code)


def _leave(code: object) -> None:
    """End the process with ``code`` (as ``sys.exit`` reads it) at once.

    Everything the command wrote is closed by now; what is left is the
    interpreter's own teardown (collecting the parsed schemas and trees object by
    object), which took 60 ms of every cold build, a tenth of it. The operating
    system frees the memory in one go."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
    finally:
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    run()
