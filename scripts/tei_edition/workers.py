"""Run the build's steps side by side, one process each, while the source is validated.

Why processes: Saxon and Typst each run one task at a time per process (two
transformations in two threads take as long as one after the other: measured),
and the machine has cores to spare. So ``edition build`` forks one worker per
step before it validates. A worker imports its step and compiles its stylesheet
while the parent validates; then it waits. Only when the source is valid and the
output folder is locked and prepared does the parent send each worker the
temporary folder to write into; each step writes its own sub-folder
(``html/``, ``pdf/``, ``data/``) and reports back. So the order of events a user
sees is the serial one: an invalid source builds nothing and never touches the
output folder; the output is swapped only when every step has succeeded.

The protocol, per worker, is two pipes:

* parent -> worker: one line, the temporary output folder; end of file without
  it means "stop" (the source was invalid, or another step failed first);
* worker -> parent: one pickled ``Outcome``, then end of file.

A worker ignores Ctrl+C (the terminal sends it to every process of the build):
the parent decides, and kills its workers when it is interrupted or fails. A
worker whose parent dies is killed by the kernel (``PR_SET_PDEATHSIG``).

Workers are forked only from a process in which neither Saxon nor Typst has
started: both run threads of their own, and a fork copies only the thread that
calls it. The ``edition`` command never starts them in the parent; a program that
builds several times in one process after running a stylesheet itself (the test
suite) gets the serial build, the same steps one after the other in-process.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .findings import BuildError, Finding


@dataclass
class Outcome:
    """What a step did: ``ok``; else the ``findings`` and the ``message`` of the
    BuildError it raised (``run`` turns every failure into one)."""
    ok: bool
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)
    message: str = ""

    def error(self) -> BuildError:
        return BuildError(self.findings or self.message)


def can_fork() -> bool:
    """True when this process may fork workers: POSIX, and no Saxon or Typst threads yet."""
    if not hasattr(os, "fork"):
        return False
    transform = sys.modules.get("tei_edition.transform")
    return not (transform is not None and transform.started()) and "typst" not in sys.modules


@functools.cache
def _libc():
    """The C library, loaded in the parent before it forks (ctypes took 4-8 ms in
    each worker, on the way to its step); None where it cannot be loaded."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True)
    except (ImportError, OSError):
        return None


def _die_with_parent(libc) -> None:
    """Ask Linux to kill this worker when the parent dies (no-op elsewhere)."""
    try:
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except AttributeError:  # no libc, or no prctl in it
        pass


@dataclass
class Worker:
    name: str
    pid: int
    go: int      # write end: the output folder, or close for "stop"
    result: int  # read end: the pickled Outcome

    def start(self, out_dir: str) -> None:
        os.write(self.go, os.fsencode(out_dir) + b"\n")
        self.release()

    def release(self) -> None:
        if self.go >= 0:
            os.close(self.go)
            self.go = -1

    def outcome(self) -> Outcome:
        """Wait for the worker's report and its exit."""
        chunks = []
        while True:
            chunk = os.read(self.result, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self.result)
        self.result = -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:
            code = os.waitstatus_to_exitcode(status)
            how = f"was killed by {_signal_name(-code)}" if code < 0 else f"exited with status {code}"
            return Outcome(False, message=f"its process {how} before it finished")

    def kill(self) -> None:
        self.release()
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self.pid = 0
        if self.result >= 0:
            os.close(self.result)
            self.result = -1


def _signal_name(number: int) -> str:
    try:
        return f"signal {number} ({signal.Signals(number).name})"
    except ValueError:
        return f"signal {number}"


def fork(name: str, warm_up: Callable[[], Any], run: Callable[[str], Any],
         siblings: Sequence[Worker] = ()) -> Worker:
    """A worker process for step ``name``: it calls ``warm_up()`` at once, then
    ``run(out_dir)`` when started, and reports an ``Outcome``. ``run`` reports a
    failure by raising a ``BuildError``; a worker that raises anything else exits
    without a report, which the parent reports as such. ``siblings``: the
    workers forked before it, whose pipe ends it closes (they are the parent's)."""
    go_read, go_write = os.pipe()
    result_read, result_write = os.pipe()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the worker would print what the parent had buffered
    parent = os.getpid()
    libc = _libc()
    # The parent's objects, frozen out of the collector's reach, are not touched
    # (and so not copied page by page) by a collection in the worker.
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        raise
    if pid != 0:
        gc.unfreeze()
    if pid == 0:  # the worker
        status = 0
        try:
            os.close(go_write)
            os.close(result_read)
            for sibling in siblings:
                for fd in (sibling.go, sibling.result):
                    if fd >= 0:
                        os.close(fd)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            _die_with_parent(libc)
            if os.getppid() != parent:
                os._exit(1)
            _work(name, go_read, result_write, warm_up, run)
        except BaseException:
            status = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(status)
    os.close(go_read)
    os.close(result_write)
    return Worker(name, pid, go_write, result_read)


def _work(name: str, go: int, result: int, warm_up: Callable[[], Any], run: Callable[[str], Any]) -> None:
    try:
        warm_up()
    except Exception:
        pass  # the step itself meets the same problem again, and reports it with its place
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(go, 4096)
        if not chunk:
            return  # stopped
        line += chunk
    started = time.monotonic()
    try:
        run(os.fsdecode(line[:-1]))
        outcome = Outcome(True)
    except BuildError as exc:
        outcome = Outcome(False, findings=exc.findings, message=str(exc))
    outcome.seconds = time.monotonic() - started
    data = pickle.dumps(outcome)
    view = memoryview(data)
    while view:
        view = view[os.write(result, view):]
    os.close(result)
