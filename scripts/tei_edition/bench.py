"""``edition bench``: how long each stage takes, cold, and how its cost grows.

A benchmark, not a test: it measures and reports, it never fails on a slow
machine. Each stage (validate, HTML, data, PDF, package, and the two combined
builds) runs ``python -m tei_edition.cli ...`` in a fresh subprocess, so start-up
and imports count, as they do for a user. For every stage and size it reports the
median wall-clock time over ``--runs`` runs, the median CPU time (user + system:
less disturbed than wall time by other work on the machine) and the peak resident
memory (``ru_maxrss`` from ``os.wait4``). The CPU time counts every thread of
the process (Typst typesets on several).

Sizes are synthetic enlargements of the article: the body's divisions repeated N
times (``enlarge``), every ``xml:id`` in a copy renamed and every pointer to it
rewritten, paragraphs renumbered, so that the enlarged source still validates
(checked before anything is timed). The growth ratio
``(t[40] - t[10]) / (t[10] - t[1])`` is 3.33 when the cost is linear in the size
of the text; clearly more means some step re-scans the document per item.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Stage name -> what it runs (after ``python -m tei_edition.cli``), given the
# source, a fresh output folder and a fully built output folder (for package).
STAGES: dict[str, Callable[[Path, Path, Path], list[str]]] = {
    "validate": lambda src, out, built: ["validate", str(src)],
    "html": lambda src, out, built: ["build", str(src), "--out", str(out), "--format", "html", "--quiet"],
    "data": lambda src, out, built: ["build", str(src), "--out", str(out), "--format", "data", "--quiet"],
    "pdf": lambda src, out, built: ["build", str(src), "--out", str(out), "--format", "pdf", "--quiet"],
    "package": lambda src, out, built: ["package", "--from", str(built), "--out", str(out)],
    "html+data": lambda src, out, built: ["build", str(src), "--out", str(out), "--format", "html",
                                           "--format", "data", "--quiet"],
    "build": lambda src, out, built: ["build", str(src), "--out", str(out), "--quiet"],
}
DEFAULT_SIZES = (1, 10, 40)
DEFAULT_RUNS = 5
# Targets for the article itself (size 1), cold, in seconds of wall-clock time.
TARGETS = {"validate": 0.5, "build": 1.0}
# Targets relative to the TEI Consortium's own routes (--tei-stylesheets): the
# stage at most FACTOR times the route's median wall-clock time.
RELATIVE_TARGETS = {"html+data": ("tei-html", 1.0), "build": ("tei-pdf", 0.5)}

# The TEI Consortium's routes, for comparison: their stylesheets (a checkout of
# github.com/TEIC/Stylesheets, which no package registry carries) compiled and run
# on saxonche in a fresh Python process, as the edition's own stylesheets are;
# the PDF route then typesets the XSL-FO with Apache FOP (Debian's ``fop``).
_TEI_XSLT = """
import sys
from saxonche import PySaxonProcessor
executable = PySaxonProcessor(license=False).new_xslt30_processor().compile_stylesheet(stylesheet_file=sys.argv[1])
executable.transform_to_file(source_file=sys.argv[2], output_file=sys.argv[3])
"""


class BenchError(Exception):
    """The benchmark cannot run (invalid source, an enlargement that does not validate...)."""


# --- synthetic enlargements -------------------------------------------------------------


def _pointer_tokens(value: str) -> list[str]:
    return value.split()


def enlarge(tree: etree._ElementTree, factor: int) -> etree._ElementTree:
    """A copy of ``tree`` whose ``text/body`` holds its divisions ``factor`` times.

    In the k-th copy (k >= 2) every ``xml:id`` gets the suffix ``-xk`` and every
    ``#id`` pointer (in any attribute) to an id of that copy is rewritten, so copies
    point at their own paragraphs, notes and tables while pointers to the registers
    (standOff) stay as they are. Numbered paragraphs (``p/@n``) are renumbered on
    through the copies; a paragraph whose id is ``p<n>`` becomes ``p<new n>``.
    """
    if factor < 1:
        raise ValueError("factor must be at least 1")
    tree = copy.deepcopy(tree)
    root = tree.getroot()
    body = root.find(f"{{{TEI}}}text/{{{TEI}}}body")
    if body is None:
        raise BenchError("the source has no text/body to enlarge")
    divs = [child for child in body if child.tag == f"{{{TEI}}}div"]
    if not divs:
        raise BenchError("the source's body has no div to repeat")
    numbered = [p for d in divs for p in d.iter(f"{{{TEI}}}p") if p.get("n") is not None]
    per_copy = len(numbered)
    insert_at = body.index(divs[-1]) + 1

    for k in range(2, factor + 1):
        suffix = f"-x{k}"
        copies = [copy.deepcopy(d) for d in divs]
        renamed: dict[str, str] = {}
        for c in copies:
            for el in c.iter(etree.Element):
                old = el.get(XML_ID)
                n = el.get("n")
                if el.tag == f"{{{TEI}}}p" and n is not None and n.isdigit():
                    new_n = str(int(n) + (k - 1) * per_copy)
                    el.set("n", new_n)
                    if old == f"p{n}":
                        renamed[old] = f"p{new_n}"
                        continue
                if old is not None:
                    renamed[old] = old + suffix
        for c in copies:
            for el in c.iter(etree.Element):
                for name, value in el.attrib.items():
                    if name == XML_ID:
                        el.set(name, renamed.get(value, value))
                    elif "#" in value:
                        tokens = [
                            "#" + renamed[t[1:]] if t.startswith("#") and t[1:] in renamed else t
                            for t in _pointer_tokens(value)
                        ]
                        el.set(name, " ".join(tokens))
        for offset, c in enumerate(copies):
            body.insert(insert_at + offset, c)
        insert_at += len(copies)
    return tree


def write_enlargement(source: Path, factor: int, target: Path) -> Path:
    from .xmlsafe import load

    if factor == 1:  # the article itself, byte for byte
        shutil.copyfile(source, target)
        return target
    big = enlarge(load(source).tree, factor)
    target.write_bytes(etree.tostring(big, xml_declaration=True, encoding="UTF-8") + b"\n")
    return target


def check_valid(path: Path) -> None:
    from .findings import count, format_text
    from .validate import validate

    findings = validate(path)
    errors = [f for f in findings if f.is_error]
    if count(findings)[0]:
        shown = "\n".join(format_text(f) for f in errors[:10])
        raise BenchError(f"{path.name} does not validate ({len(errors)} errors); nothing was timed:\n{shown}")


# --- running one stage cold ----------------------------------------------------------


@dataclass
class Sample:
    wall: float      # seconds
    cpu: float       # user + system seconds of the subprocess
    rss_mb: float    # peak resident set size
    returncode: int
    stderr: str = ""
    stdout: str = ""
    command: str = ""  # of a route's commands, the one that failed

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cold(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float = 900, preexec_fn: Callable[[], None] | None = None) -> Sample:
    """Run ``python -m tei_edition.cli ARGS`` in a fresh process; time it, read its
    rusage and what it printed. ``preexec_fn`` runs in the child before the command
    (the tests set resource limits there); past ``timeout`` seconds it is killed."""
    return run_argv([sys.executable, "-m", "tei_edition.cli", *map(str, args)], env, cwd, timeout, preexec_fn)


def run_argv(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
             timeout: float = 900, preexec_fn: Callable[[], None] | None = None) -> Sample:
    """Run ``argv`` in a fresh process and measure it (``run_cold``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                env=env, cwd=cwd, preexec_fn=preexec_fn)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, stderr, stdout)


@dataclass
class Result:
    stage: str
    size: int
    runs: int
    wall_median: float | None = None
    wall_min: float | None = None
    cpu_median: float | None = None
    rss_mb_max: float | None = None
    error: str | None = None
    walls: list[float] = field(default_factory=list)


def stage_once(stage: str, size: int, source: Path, built: Path, work: Path,
               env: dict[str, str]) -> Sample:
    """One cold run of a stage, into a fresh output folder (removed afterwards)."""
    out = work / f"out-{stage.replace('+', '-')}-{size}"
    shutil.rmtree(out, ignore_errors=True)  # every build starts from nothing
    try:
        return run_cold(STAGES[stage](source, out, built), env=env, cwd=work)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _failure(sample: Sample) -> str:
    """A failed run in one line: the command (of a route's), its exit status and the
    last lines it printed."""
    last = [line for line in sample.stderr.splitlines() if line.strip()][-3:]
    return f"{sample.command + ' ' if sample.command else ''}exit {sample.returncode}: " + " | ".join(last)


def _summarised(result: Result, samples: list[Sample]) -> Result:
    """``result`` with the medians, minimum and peak of the successful runs."""
    if samples:
        result.walls = [s.wall for s in samples]
        result.wall_median = statistics.median(result.walls)
        result.wall_min = min(result.walls)
        result.cpu_median = statistics.median(s.cpu for s in samples)
        result.rss_mb_max = max(s.rss_mb for s in samples)
    return result


def tei_routes(stylesheets: Path) -> dict[str, list[list[str]]]:
    """The TEI routes to time, each as the commands it runs (SOURCE and OUT are
    filled in by ``route_once``): ``tei-html`` always, ``tei-pdf`` when ``fop``
    is on the PATH."""
    routes = {"tei-html": [[sys.executable, "-c", _TEI_XSLT, str(stylesheets / "html" / "html.xsl"),
                            "SOURCE", "OUT/article.html"]]}
    if shutil.which("fop"):
        routes["tei-pdf"] = [[sys.executable, "-c", _TEI_XSLT, str(stylesheets / "fo" / "fo.xsl"),
                              "SOURCE", "OUT/article.fo"],
                             ["fop", "-q", "-fo", "OUT/article.fo", "-pdf", "OUT/article.pdf"]]
    return routes


def route_once(name: str, commands: list[list[str]], source: Path, work: Path,
               env: dict[str, str]) -> Sample:
    """One cold run of a TEI route: wall and CPU time summed over its commands; a
    command that fails gives its own sample (exit status and messages), named."""
    out = work / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    wall = cpu = rss = 0.0
    try:
        for command in commands:
            argv = [str(source) if a == "SOURCE" else a.replace("OUT", str(out), 1) if a.startswith("OUT") else a
                    for a in command]
            sample = run_argv(argv, env=env, cwd=work)
            if sample.returncode != 0:
                sample.command = Path(command[0]).name
                return sample
            wall, cpu, rss = wall + sample.wall, cpu + sample.cpu, max(rss, sample.rss_mb)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return Sample(wall, cpu, rss, 0)


def measure_interleaved(cells: list[tuple[Result, Callable[[], Sample]]], runs: int,
                        echo: Callable[[str], None]) -> None:
    """Run every cell (a stage at a size, or a TEI route) ``runs`` times, in rounds:
    the first run of each, then the second of each, and so on. A shared machine's
    slow minute then falls on every stage alike, not on whichever ran then, so the
    stages compare fairly with each other and with the TEI routes. A cell whose
    run fails is not run again."""
    samples: list[list[Sample]] = [[] for _ in cells]
    for round_number in range(1, runs + 1):
        if runs > 1:
            echo(f"  round {round_number} of {runs} ...")
        for (result, once), taken in zip(cells, samples):
            if result.error:
                continue
            sample = once()
            if sample.returncode != 0:
                result.error = _failure(sample)
                continue
            taken.append(sample)
    for (result, _), taken in zip(cells, samples):
        _summarised(result, taken)


def growth(values: dict[int, float | None], sizes: list[int]) -> tuple[float | None, float | None]:
    """(measured, linear) ratio ``(t[c] - t[b]) / (t[b] - t[a])`` for the smallest size a and
    the two largest b < c; ``linear`` is what a cost proportional to the size gives."""
    if len(sizes) < 3:
        return None, None
    a, b, c = sizes[0], sizes[-2], sizes[-1]
    ta, tb, tc = values.get(a), values.get(b), values.get(c)
    linear = (c - b) / (b - a)
    if None in (ta, tb, tc) or tb - ta <= 0:
        return None, linear
    return (tc - tb) / (tb - ta), linear


# --- the whole benchmark --------------------------------------------------------------


def _load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def run_benchmark(
    source: Path,
    sizes: Iterable[int] = DEFAULT_SIZES,
    stages: Iterable[str] = tuple(STAGES),
    runs: int = DEFAULT_RUNS,
    *,
    echo: Callable[[str], None] = print,
    keep: Path | None = None,
    tei_stylesheets: Path | None = None,
) -> dict:
    """Time the stages (and, given ``tei_stylesheets``, the TEI Consortium's own
    routes on the article, for the relative targets) and return the report."""
    sizes = sorted(set(sizes))
    stages = [s for s in STAGES if s in set(stages)]
    env = dict(os.environ)
    work = Path(tempfile.mkdtemp(prefix="edition-bench-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {
        "source": str(source), "runs": runs, "sizes": sizes, "stages": stages,
        "python": sys.version.split()[0], "cpus": os.cpu_count(),
        "load_before": _load_average(), "results": [],
    }
    echo(f"edition bench: {runs} cold run(s) per stage and size; load average {report['load_before']} "
         f"(1, 5, 15 min) on {os.cpu_count()} CPUs")
    try:
        sources: dict[int, Path] = {}
        for size in sizes:
            path = write_enlargement(source, size, work / f"article-x{size}.xml")
            check_valid(path)
            sources[size] = path
            echo(f"  size {size:>3}: {path.stat().st_size / 1024:8.0f} KiB, validates")

        # The package's byte-code, current: where PYTHONDONTWRITEBYTECODE is set (some
        # CI images), every run would otherwise compile the modules it imports again.
        import compileall

        compileall.compile_dir(Path(__file__).resolve().parent, quiet=1)
        # A full build of each size: the package stage's input, and a warm-up of the
        # disk cache (not timed).
        built: dict[int, Path] = {}
        for size in sizes:
            built[size] = work / f"built-x{size}"
            if "package" in stages or size == sizes[0]:
                warm = run_cold(["build", str(sources[size]), "--out", str(built[size]), "--quiet"],
                                env=env, cwd=work)
                if warm.returncode != 0:
                    tail = " | ".join(warm.stderr.strip().splitlines()[-3:])
                    echo(f"  warm-up build of size {size} failed (exit {warm.returncode}): {tail}")

        cells: list[tuple[Result, Callable[[], Sample]]] = [
            (Result(stage, size, runs),
             partial(stage_once, stage, size, sources[size], built[size], work, env))
            for stage in stages for size in sizes]
        if tei_stylesheets is not None:
            routes = tei_routes(tei_stylesheets)
            if "tei-pdf" not in routes:
                echo("  tei-pdf: not timed, Apache FOP (`fop`) is not on the PATH")
            cells += [(Result(name, 1, runs), partial(route_once, name, commands, source, work, env))
                      for name, commands in routes.items()]
        measure_interleaved(cells, runs, echo)
        for result, _ in cells:
            report["results"].append(asdict(result))
            echo(_row(result))
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    report["load_after"] = _load_average()
    _summary(report, echo)
    return report


def _fmt(x: float | None, unit: str = "s", width: int = 7) -> str:
    if x is None:
        return f"{'-':>{width}}"
    return f"{x:>{width - len(unit)}.2f}{unit}" if unit == "s" else f"{x:>{width - len(unit)}.0f}{unit}"


def _row(r: Result) -> str:
    if r.error:
        return f"  {r.stage:<10} x{r.size:<4} FAILED {r.error}"
    return (f"  {r.stage:<10} x{r.size:<4} wall {_fmt(r.wall_median)} (min {_fmt(r.wall_min)})  "
            f"cpu {_fmt(r.cpu_median)}  peak {_fmt(r.rss_mb_max, ' MB', 8)}")


def _noisy(by_size: dict[int, dict], sizes: list[int]) -> bool:
    """Whether t[b] - t[a] is too small, beside the spread of the runs, for a growth ratio."""
    a, b = sizes[0], sizes[-2]
    ra, rb = by_size.get(a, {}), by_size.get(b, {})
    if not ra.get("walls") or not rb.get("walls"):
        return False
    spread = (max(ra["walls"]) - min(ra["walls"])) + (max(rb["walls"]) - min(rb["walls"]))
    return rb["wall_median"] - ra["wall_median"] < 3 * spread


def _summary(report: dict, echo: Callable[[str], None]) -> None:
    sizes = report["sizes"]
    results = report["results"]
    echo("")
    header = f"{'stage':<10} " + " ".join(f"{'x' + str(s) + ' wall':>10} {'cpu':>7} {'MB':>5}" for s in sizes)
    if len(sizes) >= 3:
        header += f"  {'growth':>7} {'(cpu)':>7} {'linear':>7}"
    echo(header)
    report["growth"] = {}
    for stage in report["stages"]:
        by_size = {r["size"]: r for r in results if r["stage"] == stage}
        cells = []
        for s in sizes:
            r = by_size.get(s, {})
            if r.get("error"):
                cells.append(f"{'failed':>10} {'':>7} {'':>5}")
            else:
                cells.append(f"{_fmt(r.get('wall_median'), 's', 10)} {_fmt(r.get('cpu_median'))} "
                             f"{_fmt(r.get('rss_mb_max'), '', 5)}")
        line = f"{stage:<10} " + " ".join(cells)
        if len(sizes) >= 3:
            g_wall, linear = growth({s: by_size.get(s, {}).get("wall_median") for s in sizes}, sizes)
            g_cpu, _ = growth({s: by_size.get(s, {}).get("cpu_median") for s in sizes}, sizes)
            noisy = _noisy(by_size, sizes)
            report["growth"][stage] = {"wall": g_wall, "cpu": g_cpu, "linear": linear, "noisy": noisy}
            line += f"  {_fmt(g_wall, '', 7) if g_wall is None else f'{g_wall:7.2f}'}"
            line += f" {_fmt(g_cpu, '', 7) if g_cpu is None else f'{g_cpu:7.2f}'} {linear:7.2f}"
            line += "  (noisy)" if noisy else ""
        echo(line)
    if len(sizes) >= 3:
        a, b, c = sizes[0], sizes[-2], sizes[-1]
        echo(f"growth = (t{c} - t{b}) / (t{b} - t{a}); {(c - b) / (b - a):.2f} is linear, more is super-linear")
        if any(g.get("noisy") for g in report["growth"].values()):
            echo(f"(noisy): t{b} - t{a} is less than 3 times the spread of the runs at x{a} and x{b}, "
                 "so the ratio says little; use more --runs or larger --sizes")
    if 1 in sizes:
        echo("")
        report["targets"] = {}

        def median_of(stage: str) -> float | None:
            return (_article_result(results, stage) or {}).get("wall_median")

        for stage, limit in TARGETS.items():
            if median_of(stage) is not None:
                _target(report, echo, stage, median_of(stage), limit, f"{limit:.1f} s")
        for stage, (route, factor) in RELATIVE_TARGETS.items():
            ratio = paired_ratio(results, stage, route)
            if ratio is not None:
                name = f"{stage} vs {route}"
                met = ratio <= factor
                report["targets"][name] = {"limit": factor, "ratio": ratio, "met": met,
                                           "wall_median": median_of(stage), "route_median": median_of(route)}
                echo(f"target {name:<20} <= {factor:g} x {route}: {ratio:.2f} x (the median of the rounds' "
                     f"ratios; medians {median_of(stage):.2f} s and {median_of(route):.2f} s) "
                     f"{'met' if met else 'MISSED'}")
    echo(f"load average after: {report['load_after']}")


def _article_result(results: list[dict], stage: str) -> dict | None:
    """The result of a stage (or TEI route) on the article itself, size 1."""
    return next((r for r in results if r["stage"] == stage and r["size"] == 1), None)


def paired_ratio(results: list[dict], stage: str, route: str) -> float | None:
    """The median, over the rounds, of the stage's time divided by the TEI route's in
    the same round (size 1): runs seconds apart share the machine's state, so the
    ratio varies less than the ratio of two medians does on a machine whose speed
    drifts. None unless both have a run in every round."""
    def walls(name: str) -> list[float]:
        r = _article_result(results, name)
        return [] if r is None or r.get("error") else r.get("walls") or []

    ours, theirs = walls(stage), walls(route)
    if not ours or len(ours) != len(theirs):
        return None
    return statistics.median(a / b for a, b in zip(ours, theirs))


def _target(report: dict, echo: Callable[[str], None], name: str, measured: float, limit: float,
            described: str) -> None:
    met = measured <= limit
    report["targets"][name] = {"limit": limit, "wall_median": measured, "met": met}
    echo(f"target {name:<20} <= {described}: {measured:.2f} s {'met' if met else 'MISSED'}")


def write_json(report: dict, path: Path) -> None:
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
