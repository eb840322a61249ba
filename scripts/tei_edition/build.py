"""``edition build``: validate, run the selected steps, swap the output in.

A step is a function ``step(ctx: BuildContext)`` in a module of its own
(``tei_edition.steps_html.build_html`` and so on), imported only when it runs, so
that WeasyPrint, say, is loaded only for the PDF. Each step writes below
``ctx.out_dir / <format>``; ``ctx.out_dir`` is a temporary folder that replaces the
real output only when every selected step has succeeded.

A step with a worker (the PDF's rendering, see worker.py) gets a worker process
started before validation, runs first, and may return a function that waits
for the worker: the build calls it after the other steps have run.
"""

from __future__ import annotations

import importlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from lxml import etree

from . import atomic
from .findings import BuildError, Finding, count
from .paths import DEFAULT_OUT, DEFAULT_SOURCE, ROOT, display_path, schema_dir, xslt_dir
from .validate import validate_document
from .worker import Worker, start as start_worker
from .xmlsafe import SourceDocument, XMLInputError, load


@dataclass(frozen=True)
class Step:
    module: str    # imported lazily
    function: str
    folder: str    # the sub-folder of the output this step owns
    # "module:function" of the step's worker process, and the modules it imports
    # while it waits for its request.
    worker: tuple[str, tuple[str, ...]] | None = None


# The build's steps. The key is the --format name. Steps with a worker run
# first, the others in this order.
STEPS: dict[str, Step] = {
    "html": Step("tei_edition.steps_html", "build_html", "html"),
    "pdf": Step("tei_edition.steps_pdf", "build_pdf", "pdf",
                worker=("tei_edition.pdf:render_pdf", ("weasyprint",))),
    "data": Step("tei_edition.steps_data", "build_data", "data"),
}


@dataclass
class BuildContext:
    source: Path                      # the edition source (absolute)
    tree: etree._ElementTree          # its safely parsed tree: do not re-read the file
    out_dir: Path                     # temporary output root; write below out_dir / <format>
    params: dict[str, Any] = field(default_factory=dict)  # stylesheet parameters
    xslt_dir: Path = field(default_factory=xslt_dir)
    document: SourceDocument | None = None
    worker: Worker | None = None      # the step's worker process, if it has one

    def stylesheet(self, name: str) -> Path:
        return self.xslt_dir / name

    def fresh_dir(self, name: str) -> Path:
        """An empty ``out_dir / name`` (whatever a previous build left there is removed)."""
        path = self.out_dir / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path


class InvalidSource(Exception):
    """The source did not parse or validate; nothing was built."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        errors, _ = count(findings)
        super().__init__(f"source is invalid ({errors} errors); nothing was built")


class StepFailed(BuildError):
    """A step failed; the output folder was left as it was."""

    def __init__(self, step: str, cause: BuildError):
        self.step = step
        super().__init__(cause.findings or str(cause))
        self.reason = str(cause)


@dataclass
class BuildResult:
    out_dir: Path
    steps: list[str]
    warnings: list[Finding]
    seconds: dict[str, float]


def check_out_dir(out_dir: Path, source: Path) -> None:
    """Refuse an output folder that would swallow the source or the project, or
    that lies inside the folders the build reads.

    The output folder is replaced as a whole (what it holds outside the rebuilt
    formats carried over), so building into ``/``, the project folder or the
    source's own folder would copy and swap far more than the edition's output;
    and an output inside the stylesheets' or schemas' folder would be copied into
    every later output (the assets, the schema copies), nesting deeper each time.
    """
    protected = [("the source", source.parent), ("the schemas", schema_dir()), ("the stylesheets", xslt_dir()),
                 ("the project", ROOT)]
    try:
        os.fsencode(out_dir).decode("utf-8")
    except UnicodeDecodeError:
        raise BuildError(f"refusing to build into {out_dir}: its path is not valid UTF-8, and the XSLT processor "
                         "would write elsewhere; choose a folder whose path is UTF-8") from None
    if out_dir == Path(out_dir.anchor):
        raise BuildError(f"refusing to build into {out_dir}: the output folder must not be the file system root")
    for what, folder in protected:
        if out_dir == folder or out_dir in folder.parents:
            raise BuildError(f"refusing to build into {out_dir}: the output folder is replaced as a whole "
                             f"and it holds {what} ({folder}); choose a folder of its own, such as output/")
    for what, folder in (("schemas", schema_dir()), ("stylesheets", xslt_dir())):
        if folder in out_dir.parents:
            raise BuildError(f"refusing to build into {out_dir}: it lies inside the {what}' folder ({folder}), "
                             "which the build copies into its output; choose a folder outside it, such as output/")


def load_step(name: str) -> Callable[[BuildContext], None]:
    step = STEPS[name]
    try:
        module = importlib.import_module(step.module)
    except ModuleNotFoundError as exc:
        if exc.name == step.module:
            raise BuildError(f"step module {step.module} is missing") from None
        raise
    return getattr(module, step.function)


def build(
    source: str | Path = DEFAULT_SOURCE,
    out_dir: str | Path = DEFAULT_OUT,
    formats: Iterable[str] | None = None,
    params: dict[str, Any] | None = None,
    *,
    xslt: str | Path | None = None,
    progress: Callable[[str, str, float | None], None] | None = None,
    notice: Callable[[str], None] | None = None,
) -> BuildResult:
    """Validate ``source`` and build the selected formats into ``out_dir``.

    Raises ``InvalidSource`` (nothing built) or ``StepFailed`` (output unchanged).
    ``progress(step, "start"|"done", seconds)`` is called around each step;
    ``notice(message)`` for what the user should know (waiting for another
    build into the same folder, what an interrupted build left and was tidied).
    """
    unknown = set(formats or ()) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(sorted(unknown))}")
    selected = [f for f in STEPS if not formats or f in set(formats)]
    selected.sort(key=lambda name: STEPS[name].worker is None)  # stable: the rest keep their order
    source = Path(source).resolve()
    out_dir = Path(out_dir).resolve()
    check_out_dir(out_dir, source)

    # Started now, so that the workers' imports overlap the validation.
    with _workers_for(selected) as started_workers:
        try:
            doc = load(source)
        except XMLInputError as exc:
            raise InvalidSource(exc.findings) from None
        findings = validate_document(doc)
        if count(findings)[0]:
            raise InvalidSource(findings)

        seconds: dict[str, float] = {}
        def wait_for(holder: str) -> None:
            if notice:
                notice(f"waiting for {holder}, which is building into {display_path(out_dir)}")

        # The selected steps replace their own folders; the rest is carried over.
        folders = {STEPS[name].folder for name in selected}
        with atomic.replaced_dir(out_dir, folders, on_wait=wait_for, on_recover=notice, manifest=True) as tmp:
            try:
                waiting: list[tuple[str, float, Callable[[], None]]] = []
                for name in selected:
                    ctx = BuildContext(
                        source=source,
                        tree=doc.tree,
                        out_dir=tmp,
                        params=dict(params or {}),
                        xslt_dir=Path(xslt).resolve() if xslt else xslt_dir(),
                        document=doc,
                        worker=started_workers.get(name),
                    )
                    if progress:
                        progress(name, "start", None)
                    started = time.monotonic()
                    wait = _run_step(name, lambda: load_step(name)(ctx))
                    if wait is None:
                        _done(name, started, seconds, progress)
                    else:
                        waiting.append((name, started, wait))
                for name, started, wait in waiting:
                    _run_step(name, wait)
                    _done(name, started, seconds, progress)
            finally:
                # Before the temporary folder goes: a worker of a failed build must
                # not write into it any more.
                _close(started_workers)
    return BuildResult(out_dir, selected, [f for f in findings if not f.is_error], seconds)


@contextmanager
def _workers_for(selected: list[str]) -> Iterator[dict[str, Worker | None]]:
    """A worker process for each selected step that has one, stopped on the way out."""
    started = {name: start_worker(*STEPS[name].worker) for name in selected if STEPS[name].worker}
    try:
        yield started
    finally:
        _close(started)


def _close(started: dict[str, Worker | None]) -> None:
    for worker in started.values():
        if worker is not None:
            worker.close()


def _run_step(name: str, call: Callable[[], Any]) -> Any:
    """Call a step (or its wait for its worker); any failure becomes StepFailed."""
    try:
        return call()
    except BuildError as exc:
        raise StepFailed(name, exc) from None
    except Exception as exc:  # a crashing step must not leave a half-built output
        raise StepFailed(name, BuildError(f"{type(exc).__name__}: {exc}")) from exc


def _done(name: str, started: float, seconds: dict[str, float],
          progress: Callable[[str, str, float | None], None] | None) -> None:
    seconds[name] = time.monotonic() - started
    if progress:
        progress(name, "done", seconds[name])
