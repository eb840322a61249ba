"""``edition package``: the built edition as a BagIt bag (RFC 8493) for deposit.

The bag is made from a complete build (``edition build``); it never builds by
itself, so that what is deposited is exactly what was built and checked. An
incomplete output is refused with the list of what is missing.

Layout of the bag (the payload mirrors ``output/``, so the relative links
between the HTML edition and the data downloads still work inside it)::

    bagit.txt  bag-info.txt  manifest-sha256.txt  manifest-sha512.txt
    tagmanifest-sha256.txt  tagmanifest-sha512.txt
    data/html/...                 the HTML edition
    data/pdf/article.pdf          the print edition
    data/data/...                 registers and metadata as data (JSON, CSV, ...)
    data/data/article.xml         the TEI source, byte-identical
    data/data/schema/...          its schemas and the JSON Schemas of the data

``bag-info.txt`` is filled from the teiHeader (``data/bag-info.json``, written by
``xslt/data.xsl``); Bagging-Date is the edition's date, not the clock. The bag is
written with the Library of Congress ``bagit`` library, declared as BagIt 1.0, and
its tag manifests are written in a sorted order, so the same output always gives a
byte-identical bag. It is validated (every checksum recomputed) before it is moved
into place; the target is replaced as a whole (``atomic.replaced_dir``: one
swap, one packaging at a time), and only when it is empty or already a bag.
A symbolic link in the output that leads out of it is refused: nothing from
outside the output folder goes into the bag.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import __version__, atomic
from .findings import BuildError
from .paths import DEFAULT_OUT, display_path
from .steps_data import OUTPUTS_LIST, read_outputs

CHECKSUMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
# The folders of output/ that make up the payload, in this order.
PAYLOAD_FOLDERS = ("html", "pdf", "data")
# The list of every output of a build, written by the data step (xslt/model-outputs.xsl).
OUTPUTS_PATH = f"data/{OUTPUTS_LIST}"
INTERNAL_DESCRIPTION = (
    "Archival package of a TEI P5 digital edition: data/html is the HTML edition, "
    "data/pdf the print edition, data/data the registers and metadata as data "
    "(JSON, CSV, GeoJSON, CSL-JSON, BibTeX, Dublin Core) with the TEI source "
    "(data/data/article.xml) and its schemas (data/data/schema)."
)


@dataclass(frozen=True)
class PackageResult:
    bag_dir: Path
    files: int          # payload files
    bytes: int          # payload bytes
    oxum: str           # Payload-Oxum, "bytes.files"


def default_bag_dir(out_dir: Path) -> Path:
    """Where the bag goes when no folder is given: ``package/`` beside the output folder."""
    return Path(out_dir).resolve().parent / "package"


def make_package(out_dir: str | os.PathLike[str] = DEFAULT_OUT,
                 bag_dir: str | os.PathLike[str] | None = None) -> PackageResult:
    """Bag the built edition in ``out_dir`` into ``bag_dir``; raise ``BuildError`` on any problem.

    ``bag_dir`` (default: ``package/`` beside ``out_dir``) must not exist, be empty, or
    be a bag made before; it is replaced atomically by the new, validated bag.
    """
    import bagit

    out = Path(out_dir).resolve()
    bag = Path(bag_dir).resolve() if bag_dir is not None else default_bag_dir(out)
    check_complete(out)
    check_target(out, bag)
    info = bag_info(out)

    _check_links(out)
    with atomic.replaced_dir(bag) as tmp:
        for folder in PAYLOAD_FOLDERS:
            shutil.copytree(out / folder, tmp / folder)
        _check_names(tmp)
        try:
            bagit.make_bag(str(tmp), info, processes=1, checksums=list(CHECKSUMS))
        except (bagit.BagError, OSError, RuntimeError) as exc:
            raise BuildError(f"bagit could not make the bag: {exc}") from None
        # bagit.py declares BagIt 0.97 and lists tag files in directory order:
        # declare RFC 8493 (1.0) and write the tag manifests sorted, so the same
        # output always gives the same bytes.
        (tmp / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8", newline="\n")
        write_tagmanifests(tmp)
        validate_bag(tmp)
        oxum = bagit.Bag(str(tmp)).info["Payload-Oxum"]
    size, count = (int(n) for n in oxum.split("."))
    return PackageResult(bag, count, size, oxum)


# --- checks before packaging ----------------------------------------------------------


def missing_files(out: Path) -> list[str]:
    """What a complete build would have in ``out`` but it lacks (paths relative to it):
    every output that the edition's list of outputs (``data/outputs.json``) names, and
    that list itself."""
    out = Path(out)
    listed = out / OUTPUTS_PATH
    if not listed.is_file():
        return [OUTPUTS_PATH]
    wanted = [o["path"] for o in read_outputs(listed)]
    seen: set[str] = set()
    return [w for w in wanted if not (w in seen or seen.add(w)) and not (out / w).is_file()]


def check_complete(out: Path) -> None:
    if not out.is_dir():
        raise BuildError(f"{display_path(out)} does not exist; run `edition build` first "
                         "(a package is made from a complete build)")
    missing = missing_files(out)
    if missing:
        shown = ", ".join(missing[:8]) + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
        raise BuildError(f"{display_path(out)} is not a complete build: missing {shown}; "
                         "run `edition build` first (a package is made from a complete build)")


def check_target(out: Path, bag: Path) -> None:
    """Refuse a target that is, holds or lies inside the output, or that holds other data."""
    if bag == out or out.is_relative_to(bag) or bag.is_relative_to(out):
        raise BuildError(f"the package folder {display_path(bag)} must lie outside the built output "
                         f"{display_path(out)}, and not contain it")
    if bag.is_symlink() or (bag.exists() and not bag.is_dir()):
        raise BuildError(f"{display_path(bag)} exists and is not a folder; refusing to replace it")
    if bag.is_dir() and any(bag.iterdir()) and not (bag / "bagit.txt").is_file():
        raise BuildError(f"{display_path(bag)} exists and is not a BagIt bag; refusing to replace it "
                         "(choose another --out folder, or empty it)")


def bag_info(out: Path) -> dict[str, str]:
    """bag-info.txt fields: the teiHeader's (data/bag-info.json) and the software's."""
    path = out / "data" / "bag-info.json"
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BuildError(f"{display_path(path)} cannot be read: {exc}") from None
    if not isinstance(info, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in info.items()):
        raise BuildError(f"{display_path(path)} must be an object of text fields")
    for required in ("Bagging-Date", "External-Identifier", "Source-Organization"):
        if not info.get(required, "").strip():
            raise BuildError(f"{display_path(path)} has no {required}")
    import bagit

    info = {k: " ".join(v.split()) for k, v in info.items()}
    info["Internal-Sender-Description"] = INTERNAL_DESCRIPTION
    info["Bag-Software-Agent"] = (f"tei-edition {__version__} with bagit.py {bagit.VERSION} "
                                  "<https://github.com/LibraryOfCongress/bagit-python>")
    return info


def _check_links(out: Path) -> None:
    """Refuse a symbolic link in the payload that leads out of the output folder
    (a file from elsewhere must not be deposited, and checksummed as valid)."""
    root = out.resolve()
    for folder in PAYLOAD_FOLDERS:
        for dirpath, dirnames, filenames in os.walk(out / folder):
            for name in [*dirnames, *filenames]:
                path = Path(dirpath) / name
                if path.is_symlink() and not path.resolve().is_relative_to(root):
                    raise BuildError(f"refusing to package {display_path(path)}: it is a symbolic link to "
                                     f"{os.readlink(path)}, outside {display_path(out)}")


def _check_names(payload: Path) -> None:
    # BagIt 1.0 manifests percent-encode %, CR and LF in paths; bagit.py encodes only
    # CR and LF, so such names are refused rather than written wrongly.
    for path in payload.rglob("*"):
        if any(c in path.name for c in "%\r\n"):
            raise BuildError(f"cannot package {path.relative_to(payload).as_posix()!r}: "
                             "file names with %, CR or LF are not supported")


# --- tag manifests and validation -----------------------------------------------------


def write_tagmanifests(bag: Path) -> None:
    """(Re)write tagmanifest-ALG.txt for every checksum, tag files in sorted order."""
    import hashlib

    bag = Path(bag)
    tag_files = sorted(
        p.relative_to(bag).as_posix()
        for p in bag.rglob("*")
        if p.is_file() and not p.relative_to(bag).parts[0] == "data"
        and not p.name.startswith("tagmanifest-")
    )
    for alg in CHECKSUMS:
        lines = []
        for name in tag_files:
            digest = hashlib.new(alg, (bag / name).read_bytes()).hexdigest()
            lines.append(f"{digest}  {name}\n")
        (bag / f"tagmanifest-{alg}.txt").write_text("".join(lines), encoding="utf-8", newline="\n")


def validate_bag(path: str | os.PathLike[str]) -> None:
    """Validate a bag completely (structure, Payload-Oxum, every checksum); raise BuildError if invalid."""
    import bagit

    try:
        bagit.Bag(str(path)).validate(processes=1)
    except bagit.BagValidationError as exc:
        details = "; ".join(str(d) for d in exc.details[:10]) if exc.details else exc.message
        raise BuildError(f"the bag {display_path(path)} is not valid: {details}") from None
    except bagit.BagError as exc:
        raise BuildError(f"the bag {display_path(path)} is not valid: {exc}") from None
