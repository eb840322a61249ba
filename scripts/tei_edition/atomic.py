"""Replace an output folder all at once, or not at all.

The guarantees (README, "Fault injection"):

* At every instant the output folder ``OUT`` is the whole previous output or the
  whole new one. A build writes into a temporary folder beside it (same file
  system) and swaps the two with one ``renameat2(RENAME_EXCHANGE)``; the old
  output, now in the temporary folder, is deleted afterwards. Where the file
  system cannot exchange, ``OUT`` is renamed aside to ``.OUT.previous-PID-*``
  and the new folder renamed in: a crash between the two renames leaves no
  ``OUT``, and the next build puts the previous one back (``recover``).
* One build at a time: ``locked`` holds an exclusive ``flock`` on
  ``.OUT.lock`` (beside ``OUT``) from before the temporary folder is made until
  the old output is deleted; a second build waits for it.
* Nothing leaks: the temporary folders are named ``.OUT.building-PID-*`` and
  ``.OUT.previous-PID-*``; those a build leaves behind when it is killed are
  removed by the next one (under the lock, and only when process PID is gone,
  or is the one building).
* Nothing the user owns is deleted: a build writes a manifest ``.edition-build``
  of the files it made into ``OUT``; a folder the build would replace
  (``html/``, ``data/``...) that holds a file not in the manifest is refused
  (``check_owned``). Everything else already in ``OUT`` is carried over into
  the new output as it is (copied).
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Collection, Iterator

from .findings import BuildError
from .paths import display_path

# The manifest a build writes into its output: one path a line.
MANIFEST = ".edition-build"
_MANIFEST_HEAD = "# Written by `edition build`: the files it made in this folder. Do not edit.\n"
_TEMP = re.compile(r"\.(building|previous)-(\d+)-[A-Za-z0-9_]+$")


def umask() -> int:
    """The process's umask (read without changing it for good)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class OutputNotWritable(OSError):
    """The output folder, or the temporary folder beside it, cannot be created."""

    def __str__(self) -> str:
        return str(self.strerror)


class ForeignFiles(BuildError):
    """The output folder holds files the build did not make, where it would delete them."""


def _not_a_folder(path: Path) -> Path | None:
    """The first of ``path`` and its ancestors that exists but is not a folder."""
    for candidate in [*reversed(path.parents), path]:
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return None


def _cannot_write(out_dir: Path, exc: OSError) -> OutputNotWritable:
    blocker = _not_a_folder(out_dir.parent)
    reason = (f"{display_path(blocker)} is a file, not a folder" if blocker is not None
              else f"cannot create folders in {display_path(out_dir.parent)} ({exc.strerror or exc})")
    return OutputNotWritable(exc.errno, f"cannot write the output folder {display_path(out_dir)}: {reason}")


# --- the lock --------------------------------------------------------------------------


def lock_path(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def locked(out_dir: Path, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock of ``out_dir``; while another process holds it,
    call ``on_wait(holder)`` once and wait. The lock file is removed on release:
    a process that opened it meanwhile sees that it is no longer the one at the
    path, and opens the new one."""
    path = lock_path(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(out_dir, exc) from None
    told = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise _cannot_write(out_dir, exc) from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None and not told:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    on_wait(f"process {holder}" if holder.isdigit() else "another process")
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                current = os.stat(path).st_ino
            except FileNotFoundError:
                current = None
            if current == os.fstat(fd).st_ino:
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # its holder removed it: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


# --- what a previous build left --------------------------------------------------------


def _temp_folders(out_dir: Path) -> list[tuple[str, int, Path]]:
    prefix = f".{out_dir.name}."
    found = []
    try:
        names = os.listdir(out_dir.parent)
    except OSError:
        return []
    for name in names:
        m = _TEMP.match(name[len(prefix) - 1:]) if name.startswith(prefix) else None
        if m:
            found.append((m[1], int(m[2]), out_dir.parent / name))
    return found


def _gone(pid: int) -> bool:
    """Whether the build of process ``pid`` is over: the process is gone, or it is
    this one (which holds the lock, so none of its builds is under way)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover(out_dir: Path) -> list[str]:
    """Called under the lock: put back a previous output that a crash in the
    middle of a two-rename swap left aside, and remove the temporary folders of
    builds that are gone. Returns what was done, for the user."""
    notes = []
    dead = [(kind, path) for kind, pid, path in _temp_folders(out_dir) if _gone(pid)]
    previous = [path for kind, path in dead if kind == "previous"]
    if previous and not os.path.lexists(out_dir):
        newest = max(previous, key=lambda p: p.stat().st_ctime)
        os.rename(newest, out_dir)
        notes.append(f"{display_path(out_dir)} was put back from {newest.name}, where an interrupted build "
                     "had left it")
    for kind, path in dead:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)
            notes.append(f"removed {path.name}, left by an interrupted build")
    return notes


# --- the files a build made ------------------------------------------------------------


def _entries(folder: Path) -> list[str]:
    """Every file, link and folder below ``folder``, relative, without following links."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath).relative_to(folder)
        found += [(base / d).as_posix() + "/" for d in dirnames]
        found += [(base / f).as_posix() for f in filenames]
    return found


def read_manifest(out_dir: Path) -> set[str]:
    try:
        text = (out_dir / MANIFEST).read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("#")}


def write_manifest(tmp: Path, made: Collection[str] | None = None, before: Collection[str] = ()) -> None:
    """List what the build made in the new output ``tmp``, so that the next build
    knows what it may replace: everything below the top-level folders in ``made``
    (all of ``tmp`` when None), and of the rest what the manifest of the previous
    output listed (``before``): a file the user put beside is never adopted."""
    def ours(entry: str) -> bool:
        return made is None or entry.split("/", 1)[0] in made or entry in before

    entries = sorted(e for e in _entries(tmp) if e != MANIFEST and ours(e))
    text = _MANIFEST_HEAD + "".join(f"{e}\n" for e in entries)
    (tmp / MANIFEST).write_text(text, encoding="utf-8", errors="surrogateescape")


def check_owned(out_dir: Path, folders: Collection[str]) -> None:
    """Refuse to replace ``out_dir/F`` (F in ``folders``) when it holds anything a
    build did not write there (the manifest says what it wrote)."""
    if not out_dir.is_dir():
        return
    made = read_manifest(out_dir)
    foreign: list[str] = []
    for folder in folders:
        path = out_dir / folder
        if not os.path.lexists(path):
            continue
        if path.is_symlink() or not path.is_dir():
            foreign.append(folder)
            continue
        if f"{folder}/" not in made and not any(True for _ in os.scandir(path)):
            continue  # an empty folder: nothing to lose
        foreign += [f"{folder}/{e}" for e in _entries(path) if f"{folder}/{e}" not in made]
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise ForeignFiles(
            f"refusing to build into {display_path(out_dir)}: it holds files that `edition build` did not make "
            f"({shown}), which replacing {', '.join(sorted({f.split('/')[0] for f in foreign}))}/ would delete; "
            "move them away, or choose an empty or new --out folder")


# --- the temporary folder and the swap --------------------------------------------------


def _copy_error(exc: shutil.Error) -> str:
    problems = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
    if not problems:
        return str(exc)
    src, _, why = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"{display_path(src)}: {why}{more}"


def prepare(out_dir: Path, replace: Collection[str] | None) -> Path:
    """A new temporary folder beside ``out_dir`` holding what the new output
    carries over from the current one: everything but the top-level entries in
    ``replace`` (nothing at all when ``replace`` is None)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{display_path(out_dir)} exists and is not a directory")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-{os.getpid()}-", dir=out_dir.parent))
    except OSError as exc:
        raise _cannot_write(out_dir, exc) from None
    try:
        if replace is not None and out_dir.is_dir():
            shutil.copystat(out_dir, tmp)
            for entry in os.scandir(out_dir):
                if entry.name in replace or entry.name == MANIFEST:
                    continue
                # Copies, not hard links: whatever writes into the new output
                # must never write through into the old one.
                if entry.is_dir(follow_symlinks=False):
                    shutil.copytree(entry.path, tmp / entry.name, symlinks=True)
                else:
                    shutil.copy2(entry.path, tmp / entry.name, follow_symlinks=False)
        else:
            os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it 0700
    except shutil.Error as exc:
        discard(tmp)
        raise OutputNotWritable(errno.EIO, f"cannot carry the previous output of {display_path(out_dir)} over: "
                                           f"{_copy_error(exc)}") from None
    except OSError as exc:
        discard(tmp)
        raise OutputNotWritable(exc.errno, f"cannot carry the previous output of {display_path(out_dir)} over: "
                                           f"{exc.strerror or exc}") from None
    except BaseException:
        discard(tmp)
        raise
    return tmp


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where it cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _is(path: Path, inode: int) -> bool:
    try:
        return os.lstat(path).st_ino == inode
    except OSError:
        return False


def commit(tmp: Path, out_dir: Path) -> None:
    """Swap ``tmp`` in as ``out_dir``, then delete the previous output.

    Once the new output is in place the build has succeeded: an interruption
    (Ctrl+C) while the old output is deleted no longer fails it; what is left
    is removed by the next build."""
    tmp, out_dir = Path(tmp), Path(out_dir)
    new = os.lstat(tmp).st_ino
    old: Path | None = None
    try:
        if not os.path.lexists(out_dir):
            os.rename(tmp, out_dir)
        elif _exchange(tmp, out_dir):
            old = tmp
        else:
            old = tmp.with_name(tmp.name.replace(".building-", ".previous-", 1))
            os.rename(out_dir, old)
            try:
                os.rename(tmp, out_dir)
            except BaseException:
                if not _is(out_dir, new) and not os.path.lexists(out_dir):
                    os.rename(old, out_dir)  # put the previous output back
                raise
    except BaseException:
        if not _is(out_dir, new):
            raise  # not swapped: the caller discards tmp, the old output is in place
        old = tmp if os.path.lexists(tmp) else old
    if old is not None:
        try:
            shutil.rmtree(old, ignore_errors=True)
        except KeyboardInterrupt:
            pass  # the next build removes it


def discard(tmp: Path) -> None:
    shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def replaced_dir(out_dir: Path, replace: Collection[str] | None = None, *,
                 on_wait: Callable[[str], None] | None = None,
                 on_recover: Callable[[str], None] | None = None,
                 manifest: bool = False) -> Iterator[Path]:
    """``with replaced_dir(out, {"html"}) as tmp:`` write into ``tmp``; on success it
    becomes ``out``, carrying over what ``out`` held outside ``replace`` (None:
    nothing). With ``manifest``, folders in ``replace`` must hold only what an
    earlier build made (``check_owned``), and the new output gets a manifest."""
    out_dir = Path(out_dir)
    with locked(out_dir, on_wait):
        for note in recover(out_dir):
            if on_recover is not None:
                on_recover(note)
        before = read_manifest(out_dir) if manifest else set()
        if manifest and replace is not None:
            check_owned(out_dir, replace)
        tmp = prepare(out_dir, replace)
        try:
            yield tmp
            if manifest:
                write_manifest(tmp, replace, before)
        except BaseException:
            discard(tmp)
            raise
        try:
            commit(tmp, out_dir)
        except BaseException:
            discard(tmp)
            raise
