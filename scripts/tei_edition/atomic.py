"""Replace an output folder all at once, or not at all.

A build writes into a temporary folder beside the output folder (same file system,
so a rename can swap it in). The previous output is copied into it first, so steps
that were not selected keep their files. Only when every step succeeded is the
temporary folder renamed into place; the old output is deleted after the swap.
A failed build deletes the temporary folder and leaves the old output untouched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class OutputNotWritable(OSError):
    """The output folder, or the temporary folder beside it, cannot be created."""

    def __str__(self) -> str:
        return str(self.strerror)


def _not_a_folder(path: Path) -> Path | None:
    """The first of ``path`` and its ancestors that exists but is not a folder."""
    for candidate in [*reversed(path.parents), path]:
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return None


def prepare(out_dir: Path) -> Path:
    """A new temporary folder beside ``out_dir`` holding a copy of its current content."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} exists and is not a directory")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.building-", dir=out_dir.parent))
    except OSError as exc:
        blocker = _not_a_folder(out_dir.parent)
        reason = (f"{blocker} is a file, not a folder" if blocker is not None
                  else f"cannot create folders in {out_dir.parent} ({exc.strerror or exc})")
        raise OutputNotWritable(exc.errno, f"cannot write the output folder {out_dir}: {reason}") from None
    if out_dir.is_dir():
        # copytree keeps the bytes and times of carried-over files, and the folder's mode.
        shutil.copytree(out_dir, tmp, symlinks=True, dirs_exist_ok=True)
    else:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it 0700
    return tmp


def commit(tmp: Path, out_dir: Path) -> None:
    """Swap ``tmp`` in as ``out_dir``, then delete the previous output."""
    tmp, out_dir = Path(tmp), Path(out_dir)
    old = None
    if out_dir.exists():
        old = out_dir.parent / f".{out_dir.name}.previous-{uuid.uuid4().hex[:8]}"
        os.rename(out_dir, old)
    try:
        os.rename(tmp, out_dir)
    except BaseException:
        if old is not None:
            os.rename(old, out_dir)  # put the previous output back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path) -> None:
    shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def replaced_dir(out_dir: Path) -> Iterator[Path]:
    """``with replaced_dir(out) as tmp:`` write into ``tmp``; on success it becomes ``out``."""
    tmp = prepare(out_dir)
    try:
        yield tmp
    except BaseException:
        discard(tmp)
        raise
    try:
        commit(tmp, out_dir)
    except BaseException:
        discard(tmp)
        raise
