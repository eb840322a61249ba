"""``edition serve``: the built HTML edition over HTTP, on 127.0.0.1 only.

The standard library's file server, held to the served folder:

* a path that resolves outside the folder (through a symbolic link, say) is
  answered 404, as if it did not exist: nothing outside the folder is served;
* a path that cannot name a file (a NUL byte, an undecodable escape, a
  backslash or drive name) is answered 400 Bad Request;
* a connection that sends nothing for ``idle_seconds`` (default 10) is
  closed, so that half-sent requests do not hold threads for ever;
* no directory listings: a folder without ``index.html`` is 404.
"""

from __future__ import annotations

import os
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

IDLE_SECONDS = 10


class BadPath(ValueError):
    """The request's path cannot name a file."""


def resolve_request(root: Path, target: str) -> Path | None:
    """The file a request's target names below ``root`` (resolved), or None when it
    lies outside; BadPath when the target cannot name a file at all."""
    try:
        path = unquote(urlsplit(target).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise BadPath("the path is not valid UTF-8") from None
    if "\0" in path or "\\" in path or not path.startswith("/"):
        raise BadPath("the path holds a NUL byte or a backslash, or is not absolute")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or ":" in p for p in parts):
        raise BadPath("the path leaves the site")
    candidate = root.joinpath(*parts)
    try:
        real = candidate.resolve(strict=False)
    except (OSError, RuntimeError):  # a loop of links
        return None
    if real != root and root not in real.parents:
        return None
    return real


class EditionHandler(SimpleHTTPRequestHandler):
    """Serves files below ``directory`` only; see the module's docstring."""

    timeout = IDLE_SECONDS
    root: Path

    def __init__(self, *args, directory: str, **kwargs):
        self.root = Path(directory).resolve()
        super().__init__(*args, directory=str(self.root), **kwargs)

    def send_head(self):
        try:
            target = resolve_request(self.root, self.path)
        except BadPath as exc:
            self.send_error(HTTPStatus.BAD_REQUEST, str(exc))
            return None
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the standard redirect to "dir/"
            if not (target / "index.html").is_file():
                self.send_error(HTTPStatus.NOT_FOUND, "File not found")
                return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        try:
            target = resolve_request(self.root, path)
        except BadPath:
            target = None
        # A name that cannot exist: send_head answers before this is used.
        return str(target) if target is not None else os.path.join(str(self.root), "\0missing")

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None


def make_server(folder: Path, port: int, idle_seconds: float = IDLE_SECONDS) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port`` (0: any free port)."""
    handler = type("Handler", (EditionHandler,), {"timeout": idle_seconds})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(folder)))
    server.daemon_threads = True
    return server
