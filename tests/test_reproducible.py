"""Reproducibility: the same source gives byte-identical output, every time.

Two full builds (HTML, PDF, data) run in separate processes, so that no cache in
one process can hide a difference, into two output folders with different names,
from different working folders, with different time zones, locales and hash
seeds: whatever the outputs depend on besides the source (the clock, the
environment, the output path, the order of a set) shows up as a differing file.
Then each output is packaged (``edition package``): the two bags, their
manifests, tag manifests and bag-info.txt included, must be identical too.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tei_edition import paths

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"},
    {"TZ": "Pacific/Kiritimati", "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8", "PYTHONHASHSEED": "2"},
]


def edition(*args, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "tei_edition.cli", *map(str, args)], cwd=cwd,
                            env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"edition {' '.join(map(str, args))} failed:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """One line per differing file, with the first differing line of text files."""
    problems = [f"only in the first: {name}" for name in sorted(a.keys() - b.keys())]
    problems += [f"only in the second: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        if a[name] == b[name]:
            continue
        detail = f"{len(a[name])} vs {len(b[name])} bytes"
        try:
            first, second = a[name].decode("utf-8").splitlines(), b[name].decode("utf-8").splitlines()
        except UnicodeDecodeError:
            at = next(i for i, (x, y) in enumerate(zip(a[name], b[name])) if x != y) \
                if any(x != y for x, y in zip(a[name], b[name])) else min(len(a[name]), len(b[name]))
            detail += f", first difference at byte {at}"
        else:
            diff = [line for line in difflib.unified_diff(first, second, lineterm="", n=0)
                    if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))]
            detail += ": " + " | ".join(d[:160] for d in diff[:2])
        problems.append(f"differs: {name} ({detail})")
    return problems


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("reproducible")
    outs = []
    for i, env in enumerate(ENVIRONMENTS, start=1):
        cwd = base / f"cwd-{i}"
        cwd.mkdir()
        out = base / f"output-{i}"
        edition("build", paths.DEFAULT_SOURCE, "--out", out, "--quiet", cwd=cwd, env=env)
        outs.append(out)
    return base, outs


@pytest.mark.slow
def test_two_builds_are_byte_identical(two_builds):
    _, (first, second) = two_builds
    a, b = files(first), files(second)
    for folder in ("html", "pdf", "data"):
        assert any(name.startswith(folder + "/") for name in a), f"the build wrote no {folder}/"
    assert "pdf/article.pdf" in a
    problems = differences(a, b)
    assert not problems, "builds differ:\n" + "\n".join(problems)


@pytest.mark.slow
def test_two_packages_are_byte_identical(two_builds):
    base, outs = two_builds
    bags = []
    for i, (out, env) in enumerate(zip(outs, ENVIRONMENTS), start=1):
        bag = base / f"bag-{i}"
        edition("package", "--from", out, "--out", bag, cwd=base / f"cwd-{i}", env=env)
        bags.append(bag)
    a, b = files(bags[0]), files(bags[1])
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                 "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"):
        assert name in a, f"the bag has no {name}"
    problems = differences(a, b)
    assert not problems, "packages differ:\n" + "\n".join(problems)


def test_the_difference_report_names_the_files():
    report = differences({"a.html": b"<p>1</p>", "same": b"x", "gone": b""},
                         {"a.html": b"<p>2</p>", "same": b"x", "new.pdf": b"\x00\x01"})
    assert report == [
        "only in the first: gone",
        "only in the second: new.pdf",
        "differs: a.html (8 vs 8 bytes: -<p>1</p> | +<p>2</p>)",
    ]
