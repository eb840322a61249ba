"""A worker process for the heavy part of a build step, started with the build.

The PDF step spends half a second importing WeasyPrint before it can render,
and its rendering takes longer than the HTML and data steps together. So the
build starts the worker (``python -m tei_edition.worker tei_edition.pdf:render_pdf
weasyprint``: the function that does the work, then the modules to import
while waiting) before it validates: the worker's imports overlap the
validation, and its rendering the other steps, which run meanwhile in the
build's own process (the machine has two CPUs).

The protocol is one request and one reply, both pickled (the two processes are
the same program): the build writes the request to the worker's standard input
and closes it; the worker writes ``("ok", value)`` or ``("error", findings,
message)`` to its standard output and exits at once. A worker whose request
never comes (the source was invalid) reads end-of-file and exits; one whose work
is no longer wanted (another step failed) is stopped by ``close``. Whatever the
worker's libraries print goes to its standard error, which the build reads only
to explain a worker that died.
"""

from __future__ import annotations

import gc
import importlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from typing import Any, Callable

from .findings import BuildError


# How long a worker may take to stop before it is killed, and its exit status
# when asked to stop.
STOP_SECONDS = 30
STOPPED = 128 + signal.SIGTERM


class Worker:
    """The build's side: start a worker for ``function`` ("module:name"), send it
    one request."""

    def __init__(self, function: str, warm_up: tuple[str, ...] = ()):
        self.function = function
        # -P: the current folder is not put on the module path (a folder named
        # tei_edition there must not stand in for the package).
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", __name__, function, *warm_up],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._exchange: threading.Thread | None = None

    def submit(self, request: dict[str, Any]) -> Callable[[], Any]:
        """Send ``request``; return a function that waits for the reply and returns
        its value, or raises BuildError with the worker's findings."""
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        replies: dict[str, bytes] = {}

        def exchange() -> None:  # in a thread: the request may be larger than a pipe holds
            replies["out"], replies["err"] = self.process.communicate(payload)

        self._exchange = threading.Thread(target=exchange, name=f"worker for {self.function}", daemon=True)
        self._exchange.start()

        def result() -> Any:
            self._exchange.join()
            return self._reply(replies.get("out", b""), replies.get("err", b""))

        return result

    def _reply(self, out: bytes, err: bytes) -> Any:
        try:
            reply = pickle.loads(out)
        except Exception:
            last = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
            cause = f": {last[-1].strip()}" if last else ""
            raise BuildError(f"the worker process for {self.function} stopped without an answer "
                             f"(exit status {self.process.returncode}){cause}") from None
        if reply[0] == "ok":
            return reply[1]
        _, findings, message = reply
        raise BuildError(findings or message)

    def close(self) -> None:
        """Stop the worker if it is still running (a failed or refused build).

        A worker that was never asked finishes its imports, reads end-of-file
        and exits: killed in the middle of them it could leave files behind (the
        temporary file of ``ctypes.util.find_library``, which WeasyPrint's cffi
        calls). A worker at work is asked to stop (SIGTERM, which ``serve`` turns
        into an exit that unwinds). Either is killed if it has not gone within
        ``STOP_SECONDS``."""
        if self.process.poll() is None:
            if self._exchange is None:
                self.process.stdin.close()
            else:
                self.process.terminate()
            try:
                self.process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        if self._exchange is not None:
            # communicate() reads to the end of the pipes, which the kill closed,
            # and closes them itself: closing them under it would fail in its thread.
            self._exchange.join()
            return
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if not stream.closed:
                stream.close()


def start(function: str, warm_up: tuple[str, ...] = ()) -> Worker | None:
    """A worker, or None when no process can be started (the step then does its
    work in the build's process)."""
    try:
        return Worker(function, warm_up)
    except OSError:
        return None


def _stop(signum: int, frame: object) -> None:
    """SIGTERM: exit by unwinding (files open for writing are closed, temporary
    ones deleted), with the shell's status for it."""
    raise SystemExit(STOPPED)


def serve(function: str, warm_up: list[str]) -> None:
    """The worker's side: import the ``warm_up`` modules, then answer one request
    with ``function(**request)``."""
    signal.signal(signal.SIGTERM, _stop)
    reply_to = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what libraries print must not mix with the reply
    # One job, then exit: look for reference cycles less often. WeasyPrint makes
    # millions of small objects, and the collector's passes over them grew with
    # the document: at 40 times the article the rendering takes a fifth less
    # time this way, for a quarter more memory.
    gc.set_threshold(100_000, 50, 100)
    try:
        for module in warm_up:
            try:
                importlib.import_module(module)
            except Exception:  # the function's own import will fail again, and be reported
                pass
        module, _, name = function.partition(":")
        handle = getattr(importlib.import_module(module), name)
        data = sys.stdin.buffer.read()
        if not data:  # the build did not need us after all
            return
        try:
            reply: tuple = ("ok", handle(**pickle.loads(data)))
        except BuildError as exc:
            reply = ("error", exc.findings, str(exc))
        except Exception as exc:
            reply = ("error", [], f"{type(exc).__name__}: {exc}")
        pickle.dump(reply, reply_to, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        reply_to.close()
    # The reply is sent and the work's files are closed: skip the interpreter's
    # teardown of WeasyPrint's millions of objects (a tenth of a second the build
    # would wait for, since it reads the reply to the end of the pipe).
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
