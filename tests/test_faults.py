"""Faults injected for real into `edition build`: signals sent to the running
process, a second build into the same folder, a full disk (a small tmpfs, a
file-size limit), a crash's leftovers; and folders the build did not make.

A build that must be caught in the middle runs a step added for the test
(``block``) that says when it has started and then waits: the signal or the
second build comes while the build is surely under way, without timing."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import leftovers, snapshot
from tei_edition import atomic, build
from tei_edition.paths import ROOT

BLOCK_STEP = '''
import os, time
from pathlib import Path

def build_block(ctx):
    (ctx.out_dir / "block").mkdir()
    (ctx.out_dir / "block" / "made.txt").write_text("made")
    Path(os.environ["BLOCK_READY"]).touch()
    release = os.environ.get("BLOCK_RELEASE")
    for _ in range(6000):  # at most a minute; a test ends it sooner
        if release and Path(release).exists():
            return
        time.sleep(0.01)
'''

RUNNER = (
    "import sys; sys.path.insert(0, sys.argv[1]); from tei_edition import build; "
    "build.STEPS['block'] = build.Step('block_step', 'build_block', 'block'); "
    "from tei_edition.cli import main; main(sys.argv[2:])"
)


class Blocking:
    """``edition build ... --format block`` in a subprocess, stopped in the middle."""

    def __init__(self, tmp_path: Path, env: dict[str, str]):
        self.folder = tmp_path / "block-step"
        self.folder.mkdir(exist_ok=True)
        (self.folder / "block_step.py").write_text(BLOCK_STEP, encoding="utf-8")
        self.ready = tmp_path / "block-ready"
        self.release = tmp_path / "block-release"
        self.env = {**os.environ, **env, "BLOCK_READY": str(self.ready), "BLOCK_RELEASE": str(self.release)}

    def start(self, *args) -> subprocess.Popen:
        process = subprocess.Popen([sys.executable, "-c", RUNNER, str(self.folder), "build", *map(str, args)],
                                   cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        wait_for(lambda: self.ready.exists() or process.poll() is not None)
        assert process.poll() is None, process.communicate()
        return process


def wait_for(condition, limit: float = 60) -> None:
    """Poll until ``condition()`` (a bound against hanging, not a timing)."""
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, "the condition never came true"
        time.sleep(0.01)


@pytest.fixture
def blocking(tmp_path, mini):
    return Blocking(tmp_path, mini.env)


@pytest.fixture
def built(run_edition, mini):
    """A previous build of the mini edition (HTML and data) in mini.out."""
    result = run_edition("build", mini.source, "--out", mini.out, "--format", "html", "--format", "data",
                         env=mini.env)
    assert result.returncode == 0, result.stderr
    return snapshot(mini.out)


# --- 1. a folder the build did not make ----------------------------------------------------


def test_a_foreign_folder_is_refused_and_kept(run_edition, mini, tmp_path):
    out = tmp_path / "h"
    (out / "data").mkdir(parents=True)
    (out / "data" / "important.txt").write_text("keep")
    result = run_edition("build", mini.source, "--out", out, "--format", "data", env=mini.env)
    assert result.returncode == 1
    assert "did not make (data/important.txt)" in result.stderr
    assert "h was left unchanged" in result.stderr
    assert snapshot(out) == {"data/important.txt": b"keep"}
    assert leftovers(tmp_path) == []


def test_files_beside_the_formats_are_carried_over_and_never_adopted(run_edition, mini, built):
    (mini.out / "notes.txt").write_text("mine")
    (mini.out / "data" / "important.txt").write_text("keep")
    html = run_edition("build", mini.source, "--out", mini.out, "--format", "html", env=mini.env)
    assert html.returncode == 0, html.stderr
    assert (mini.out / "notes.txt").read_text() == "mine"
    assert (mini.out / "data" / "important.txt").read_text() == "keep"  # data/ was not rebuilt
    # ... and rebuilding data/ would delete it: refused, though the last build carried it.
    data = run_edition("build", mini.source, "--out", mini.out, "--format", "data", env=mini.env)
    assert data.returncode == 1
    assert "data/important.txt" in data.stderr
    assert (mini.out / "data" / "important.txt").read_text() == "keep"


# --- 2. the swap -----------------------------------------------------------------------------


# Each name is looked up on its own: a listing of the folder takes long enough to
# watch the old output, swapped out meanwhile, being deleted under it.
WATCHER = '''
import os, sys
out, stop = sys.argv[1], sys.argv[2]
seen = bad = 0
while not os.path.exists(stop):
    for name in ("html/index.html", "data/article.xml", ".edition-build"):
        seen += 1
        if not os.path.exists(os.path.join(out, name)):
            bad += 1
            print("missing", name, file=sys.stderr)
print(seen, bad)
'''


def test_the_output_is_always_whole_while_builds_swap_it(mini, built, tmp_path):
    stop = tmp_path / "stop"
    watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(mini.out), str(stop)],
                               stdout=subprocess.PIPE, text=True)
    try:
        for formats in (["html"], ["data"], ["html", "data"], ["html"]):
            build.build(mini.source, mini.out, formats)
    finally:
        stop.touch()
    seen, bad = map(int, watcher.communicate(timeout=60)[0].split())
    assert seen > 0 and bad == 0
    assert leftovers(mini.base) == []


def test_without_an_exchange_the_two_renames_still_give_a_whole_output(mini, built, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    build.build(mini.source, mini.out, ["html"])
    assert {"html", "data"} <= {p.name for p in mini.out.iterdir()}
    assert leftovers(mini.base) == []


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_later_build_puts_back_an_output_a_crash_left_aside(run_edition, mini, built):
    # What a crash between the two renames leaves: no output, the previous one aside.
    aside = mini.base / f".output.previous-{dead_pid()}-abc123"
    os.rename(mini.out, aside)
    result = run_edition("build", mini.source, "--out", mini.out, "--format", "html", env=mini.env)
    assert result.returncode == 0, result.stderr
    assert "was put back from .output.previous-" in result.stderr
    assert snapshot(mini.out)["data/article.xml"] == built["data/article.xml"]  # not an html-only output
    assert leftovers(mini.base) == []


# --- 3. signals, leftovers, a full disk -------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_build_cleanly(mini, built, blocking, signum):
    process = blocking.start(mini.source, "--out", mini.out, "--format", "data", "--format", "block")
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "build interrupted" in err and "output was left unchanged" in err
    assert "Traceback" not in err
    assert snapshot(mini.out) == built
    assert leftovers(mini.base) == [] and not atomic.lock_path(mini.out).exists()


def test_sigterm_stops_the_build_and_its_children(tmp_path):
    out = tmp_path / "output"
    # The real edition with the PDF: its rendering may run in a child process.
    process = Blocking(tmp_path, {}).start("--out", out, "--format", "pdf", "--format", "block")
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "build interrupted" in err
    for child in children:
        status = Path(f"/proc/{child}/status")
        assert not status.exists() or "zombie" in status.read_text(), f"process {child} outlived the build"
    assert not out.exists() and leftovers(tmp_path) == []


def test_a_killed_build_leaves_the_output_and_the_next_build_tidies_up(run_edition, mini, built, blocking):
    process = blocking.start(mini.source, "--out", mini.out, "--format", "data", "--format", "block")
    process.kill()
    process.communicate()
    left = leftovers(mini.base)
    assert left and all(f".building-{process.pid}-" in name for name in left)
    assert snapshot(mini.out) == built

    result = run_edition("build", mini.source, "--out", mini.out, "--format", "html", env=mini.env)
    assert result.returncode == 0, result.stderr
    assert f"removed {left[0]}, left by an interrupted build" in result.stderr
    assert leftovers(mini.base) == []


def limit_file_size(size: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return apply


def test_a_full_disk_while_carrying_the_output_over_fails_cleanly(mini, built):
    # A large file of an earlier build, carried over: the copy hits the limit.
    (mini.out / "pdf").mkdir()
    (mini.out / "pdf" / "article.pdf").write_bytes(b"%PDF" + b"0" * 200_000)
    atomic.write_manifest(mini.out)
    before = snapshot(mini.out)
    result = subprocess.run([sys.executable, "-m", "tei_edition.cli", "build", str(mini.source), "--out",
                             str(mini.out), "--format", "html"], env={**os.environ, **mini.env}, cwd=ROOT,
                            capture_output=True, text=True, preexec_fn=limit_file_size(100_000), timeout=120)
    assert result.returncode == 1
    assert "cannot carry the previous output" in result.stderr and "File too large" in result.stderr
    assert "[(" not in result.stderr and "Traceback" not in result.stderr
    assert snapshot(mini.out) == before
    assert leftovers(mini.base) == []


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of its own (needs the right to mount, as root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,nr_inodes=200", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    yield disk
    subprocess.run(["umount", str(disk)], check=True)


def test_a_disk_out_of_inodes_fails_cleanly_and_is_left_as_it_was(run_edition, mini, small_disk):
    out = small_disk / "output"
    first = run_edition("build", mini.source, "--out", out, "--format", "html", "--format", "data",
                        env=mini.env)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    filler = small_disk / "filler"
    filler.mkdir()
    n = 0
    try:
        while True:
            (filler / str(n)).touch()
            n += 1
    except OSError:
        pass
    for i in range(1, 4):  # room for the lock, the temporary folder and a file: not for the copy
        (filler / str(n - i)).unlink()
    free = os.statvfs(small_disk).f_ffree

    result = run_edition("build", mini.source, "--out", out, "--format", "html", env=mini.env)
    assert result.returncode == 1
    assert "No space left on device" in result.stderr and "output was left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
    assert leftovers(small_disk) == [] and os.statvfs(small_disk).f_ffree == free


# --- 4. two builds into one folder ------------------------------------------------------------


def test_a_second_build_waits_for_the_first_and_loses_nothing(run_edition, mini, built, blocking):
    # The source changes; one build makes the HTML, another, started meanwhile, the data.
    mini.source.write_text(mini.source.read_text().replace("Bukhara", "Samarkand"))
    first = blocking.start(mini.source, "--out", mini.out, "--format", "html", "--format", "block")
    second = subprocess.Popen([sys.executable, "-m", "tei_edition.cli", "build", str(mini.source), "--out",
                               str(mini.out), "--format", "data"], cwd=ROOT, env={**os.environ, **mini.env},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = second.stderr.readline()
    assert f"waiting for process {first.pid}, which is building into" in line
    blocking.release.touch()
    assert first.wait(timeout=60) == 0, first.communicate()
    assert second.wait(timeout=60) == 0, second.communicate()
    out = snapshot(mini.out)
    assert b"Samarkand" in out["html/pages/body.html"]  # the first build's update
    assert out["data/article.xml"] == mini.source.read_bytes()  # the second's
    assert "block/made.txt" in out
    assert leftovers(mini.base) == [] and not atomic.lock_path(mini.out).exists()


def test_ctrl_c_while_the_old_output_is_deleted_does_not_fail_the_build(mini, built, monkeypatch):
    # The interruption comes once the new output is in place: the build succeeded.
    real_rmtree = atomic.shutil.rmtree

    def interrupted(path, *args, **kwargs):
        if ".building-" in str(path) and (Path(path) / atomic.MANIFEST).exists():
            raise KeyboardInterrupt
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(atomic.shutil, "rmtree", interrupted)
    mini.source.write_text(mini.source.read_text().replace("Bukhara", "Samarkand"))
    build.build(mini.source, mini.out, ["html"])
    assert b"Samarkand" in (mini.out / "html" / "pages" / "body.html").read_bytes()
    monkeypatch.setattr(atomic.shutil, "rmtree", real_rmtree)
    assert leftovers(mini.base)  # the old output, left where the next build finds it
    build.build(mini.source, mini.out, ["data"])
    assert leftovers(mini.base) == []


# --- 4. the steps' worker processes -------------------------------------------------------

DYING_STEP = '''
import os, signal

def build_dying(ctx):
    (ctx.out_dir / "dying").mkdir()
    (ctx.out_dir / "dying" / "half.txt").write_text("half")
    os.kill(os.getpid(), signal.SIGKILL)
'''


def build_with_step(mini, tmp_path: Path, name: str, module: str) -> subprocess.CompletedProcess:
    """``edition build --format html --format NAME`` in a subprocess, where step NAME is
    ``build_NAME`` of the module ``NAME_step.py`` whose text is ``module``."""
    folder = tmp_path / f"{name}-step"
    folder.mkdir()
    (folder / f"{name}_step.py").write_text(module, encoding="utf-8")
    runner = RUNNER.replace("build.STEPS['block'] = build.Step('block_step', 'build_block', 'block')",
                            f"build.STEPS['{name}'] = build.Step('{name}_step', 'build_{name}', '{name}')")
    assert runner != RUNNER
    return subprocess.run([sys.executable, "-c", runner, str(folder), "build", str(mini.source), "--out",
                           str(mini.out), "--format", "html", "--format", name],
                          cwd=ROOT, env=mini.env, capture_output=True, text=True, timeout=120)


def test_a_step_whose_process_dies_fails_the_build_and_leaves_the_output(mini, built, tmp_path):
    # Each step runs in a process of its own beside the validation: one that dies
    # (killed, out of memory) fails the build like a step that reports an error.
    result = build_with_step(mini, tmp_path, "dying", DYING_STEP)
    assert result.returncode == 1, result.stderr
    assert ("build failed in step dying: its process was killed by signal 9 (SIGKILL) before it finished"
            in result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini.out) == built
    assert leftovers(mini.base) == [] and not atomic.lock_path(mini.out).exists()


def test_the_workers_of_a_killed_build_die_with_it(mini, built, blocking):
    process = blocking.start(mini.source, "--out", mini.out, "--format", "html", "--format", "block")
    workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(workers) == 2, workers  # html and block, each in a process of its own
    process.kill()
    process.communicate()

    def gone(pid: str) -> bool:
        status = Path(f"/proc/{pid}/status")
        try:
            return "zombie" in status.read_text()
        except FileNotFoundError:
            return True

    wait_for(lambda: all(gone(pid) for pid in workers))
    assert snapshot(mini.out) == built


def test_a_step_that_crashes_in_its_worker_is_reported_in_one_line(mini, built, tmp_path):
    result = build_with_step(mini, tmp_path, "crashing", "def build_crashing(ctx):\n    raise RuntimeError('kaboom')\n")
    assert result.returncode == 1, result.stderr
    assert "build failed in step crashing: RuntimeError: kaboom; " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(mini.out) == built and leftovers(mini.base) == []
