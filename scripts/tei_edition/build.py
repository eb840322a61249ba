"""``edition build``: validate, run the selected steps, swap the output in.

A step is a function ``step(ctx: BuildContext)`` in a module of its own
(``tei_edition.steps_html.build_html`` and so on), imported only when it runs, so
that the Typst compiler, say, is loaded only for the PDF. Each step writes below
``ctx.out_dir / <format>``; ``ctx.out_dir`` is a temporary folder that replaces the
real output only when every selected step has succeeded.
"""

from __future__ import annotations

import importlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from lxml import etree

from . import atomic
from .findings import BuildError, Finding, count
from .paths import DEFAULT_OUT, DEFAULT_SOURCE, ROOT, display_path, schema_dir, xslt_dir
from .validate import validate_document
from .xmlsafe import SourceDocument, XMLInputError, load


@dataclass(frozen=True)
class Step:
    module: str    # imported lazily
    function: str
    folder: str    # the sub-folder of the output this step owns


# The build's steps, in the order they run. The key is the --format name.
STEPS: dict[str, Step] = {
    "html": Step("tei_edition.steps_html", "build_html", "html"),
    "pdf": Step("tei_edition.steps_pdf", "build_pdf", "pdf"),
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
    source = Path(source).resolve()
    out_dir = Path(out_dir).resolve()
    check_out_dir(out_dir, source)

    try:
        doc = load(source)
    except XMLInputError as exc:
        raise InvalidSource(exc.findings) from None

    stylesheets = Path(xslt).resolve() if xslt else xslt_dir()

    def context(out: Path) -> BuildContext:
        return BuildContext(source=source, tree=doc.tree, out_dir=out, params=dict(params or {}),
                            xslt_dir=stylesheets, document=doc)

    seconds: dict[str, float] = {}
    def wait_for(holder: str) -> None:
        if notice:
            notice(f"waiting for {holder}, which is building into {display_path(out_dir)}")

    # The steps run in worker processes (tei_edition.workers) while the source is
    # validated: they write into the temporary folder, which becomes the output
    # only if the source is valid and every step has succeeded.
    steps = _Steps(selected, context, stylesheets)
    findings: list[Finding] | None = None
    try:
        # The selected steps replace their own folders; the rest is carried over.
        folders = {STEPS[name].folder for name in selected}
        with atomic.replaced_dir(out_dir, folders, on_wait=wait_for, on_recover=notice, manifest=True) as tmp:
            try:
                steps.start(tmp)
                findings = validate_document(doc, xsd_only_on_error=True)
                if count(findings)[0]:
                    raise InvalidSource(findings)
                steps.finish(tmp, seconds, progress)
            finally:
                steps.stop()  # no worker may still write when tmp is discarded or swapped in
    except (BuildError, OSError):
        # The output folder was refused (foreign files, not writable) before the
        # source was checked: an invalid source is still reported as such first.
        if findings is None:
            findings = validate_document(doc, xsd_only_on_error=True)
            if count(findings)[0]:
                raise InvalidSource(findings) from None
        raise
    finally:
        steps.stop()
    return BuildResult(out_dir, selected, [f for f in findings if not f.is_error], seconds)


class _Steps:
    """The selected steps: forked workers when this process may fork
    (``workers.can_fork``), else run here one after the other."""

    def __init__(self, names: list[str], context: Callable[[Path], BuildContext], stylesheets: Path):
        from . import workers

        self.names = names
        self.context = context
        self.workers: list[workers.Worker] = []
        if workers.can_fork():
            try:
                for name in names:
                    self.workers.append(workers.fork(
                        name, lambda name=name: _warm_up(name, stylesheets),
                        lambda out, name=name: _run_step(name, lambda: load_step(name)(context(Path(out)))),
                        self.workers))
            except OSError:  # no more processes (a ulimit): the steps run here, one after the other
                self.stop()
                self.workers = []

    def start(self, out_dir: Path) -> None:
        """Let the workers write into ``out_dir`` (while the source is validated)."""
        for worker in self.workers:
            worker.start(os.fspath(out_dir))

    def finish(self, out_dir: Path, seconds: dict[str, float],
               progress: Callable[[str, str, float | None], None] | None) -> None:
        """Wait for the workers (or run the steps here); raise StepFailed for the
        first step, in the steps' order, that failed."""
        if not self.workers:
            for name in self.names:
                if progress:
                    progress(name, "start", None)
                started = time.monotonic()
                _run_step(name, lambda: load_step(name)(self.context(out_dir)))
                seconds[name] = time.monotonic() - started
                if progress:
                    progress(name, "done", seconds[name])
            return
        if progress:  # the source is valid: what the workers began is the build
            for worker in self.workers:
                progress(worker.name, "start", None)
        failed: list[tuple[str, Any]] = []
        for worker in self.workers:
            outcome = worker.outcome()
            seconds[worker.name] = outcome.seconds
            if outcome.ok:
                if progress:
                    progress(worker.name, "done", outcome.seconds)
            else:
                failed.append((worker.name, outcome))
        if failed:  # the worker's StepFailed, as the serial build would raise it
            name, outcome = failed[0]
            raise StepFailed(name, outcome.error())

    def stop(self) -> None:
        """Stop what still runs: the workers of an invalid, failed or interrupted build."""
        for worker in self.workers:
            worker.kill()


def _warm_up(name: str, stylesheets: Path) -> None:
    """What a worker does while the source is validated: import its step and
    compile its stylesheet (``STYLESHEET`` in the step's module, in ``stylesheets``)."""
    module = importlib.import_module(STEPS[name].module)
    stylesheet = getattr(module, "STYLESHEET", None)
    if stylesheet:
        from .transform import compile as compile_stylesheet

        compile_stylesheet(stylesheets / stylesheet)


def _run_step(name: str, call: Callable[[], Any]) -> Any:
    """Call a step; any failure becomes StepFailed."""
    try:
        return call()
    except BuildError as exc:
        raise StepFailed(name, exc) from None
    except Exception as exc:  # a crashing step must not leave a half-built output
        raise StepFailed(name, BuildError(f"{type(exc).__name__}: {exc}")) from exc
