"""``edition package``: a valid, reproducible BagIt bag of the built edition.

The output packaged here is a real data build (the ``data`` step with Saxon) plus
stand-in HTML pages and PDF bytes (the package step only copies and checksums
those, so their content does not matter); bags are made and validated with the
real ``bagit`` library.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import bagit
import pytest
from lxml import etree

from tei_edition import xmlsafe
from tei_edition.build import BuildContext
from tei_edition.findings import BuildError
from tei_edition.package import make_package, validate_bag
from tei_edition.steps_data import read_outputs
from tei_edition.paths import DEFAULT_SOURCE
from tei_edition.steps_data import build_data

NS = {"t": "http://www.tei-c.org/ns/1.0"}
TAG_FILES = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
             "tagmanifest-sha256.txt", "tagmanifest-sha512.txt")


def make_output(folder: Path) -> Path:
    """A complete build: the real data step, stand-in HTML pages and PDF."""
    doc = xmlsafe.load(DEFAULT_SOURCE)
    build_data(BuildContext(source=DEFAULT_SOURCE, tree=doc.tree, out_dir=folder, document=doc))
    (folder / "html" / "assets").mkdir(parents=True)
    for output in read_outputs(folder / "data" / "outputs.json"):
        if output["format"] == "html":
            page = folder / output["path"]
            page.write_text(f"<!DOCTYPE html><title>{page.name}</title>\n", encoding="utf-8")
    (folder / "html" / "assets" / "edition.css").write_text("body { margin: 0 }\n", encoding="utf-8")
    (folder / "pdf").mkdir()
    (folder / "pdf" / "article.pdf").write_bytes(b"%PDF-1.7\n% stand-in\n%%EOF\n")
    return folder


def files_below(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def output(tmp_path_factory) -> Path:
    return make_output(tmp_path_factory.mktemp("built") / "output")


@pytest.fixture(scope="session")
def bag(output, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("bags") / "bag"
    result = make_package(output, target)
    assert result.bag_dir == target
    return target


@pytest.fixture(scope="session")
def header():
    root = etree.parse(str(DEFAULT_SOURCE)).getroot()
    value = lambda path: " ".join("".join(root.find(path, NS).itertext()).split())  # noqa: E731
    stmt = "t:teiHeader/t:fileDesc/t:titleStmt/"
    pub = "t:teiHeader/t:fileDesc/t:publicationStmt/"
    return {
        "Title": value(stmt + "t:title[@type='main']") + ": " + value(stmt + "t:title[@type='sub']"),
        "Author": value(stmt + "t:author/t:persName"),
        "Source-Organization": value(pub + "t:publisher"),
        "External-Identifier": value(pub + "t:idno"),
        "External-Description": value("t:teiHeader/t:profileDesc/t:abstract"),
        "Bagging-Date": root.find(pub + "t:date", NS).get("when"),
        "Rights": root.find(pub + "t:availability/t:licence", NS).get("target"),
    }


# --- a valid bag -----------------------------------------------------------------------------


def test_bag_validates(bag):
    b = bagit.Bag(str(bag))
    b.validate(processes=1)  # recomputes every checksum
    assert b.version_info == (1, 0)
    assert sorted(b.algorithms) == ["sha256", "sha512"]
    for name in TAG_FILES:
        assert (bag / name).is_file(), name


def test_payload_is_the_whole_build(bag, output):
    built = files_below(output)
    payload = files_below(bag / "data")
    assert payload == built  # html, pdf and data, byte for byte, nothing else
    assert set(bagit.Bag(str(bag)).payload_entries()) == {f"data/{name}" for name in built}
    assert payload["data/article.xml"] == DEFAULT_SOURCE.read_bytes()
    for needed in ("html/index.html", "pdf/article.pdf", "data/persons.json", "data/schema/edition.rng",
                   "data/schema/data/persons.schema.json"):
        assert needed in payload, needed


def test_manifests_hold_correct_sha256_and_sha512(bag):
    for alg in ("sha256", "sha512"):
        lines = (bag / f"manifest-{alg}.txt").read_text(encoding="utf-8").splitlines()
        paths = []
        for line in lines:
            digest, path = line.split(None, 1)
            assert hashlib.new(alg, (bag / path).read_bytes()).hexdigest() == digest
            paths.append(path)
        payload = [p.relative_to(bag).as_posix() for p in (bag / "data").rglob("*") if p.is_file()]
        assert sorted(paths) == sorted(payload) and len(set(paths)) == len(paths)


def test_tag_manifests_cover_the_tag_files_in_order(bag):
    for alg in ("sha256", "sha512"):
        lines = (bag / f"tagmanifest-{alg}.txt").read_text(encoding="utf-8").splitlines()
        names = [line.split(None, 1)[1] for line in lines]
        assert names == sorted(["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt"])
        for line in lines:
            digest, name = line.split(None, 1)
            assert hashlib.new(alg, (bag / name).read_bytes()).hexdigest() == digest


def test_bag_info_comes_from_the_tei_header(bag, header):
    info = bagit.Bag(str(bag)).info
    for field, value in header.items():
        assert info[field] == value, field
    assert info["Contact-Name"]
    assert "bagit.py" in info["Bag-Software-Agent"] and "tei-edition" in info["Bag-Software-Agent"]
    payload = [p for p in (bag / "data").rglob("*") if p.is_file()]
    assert info["Payload-Oxum"] == f"{sum(p.stat().st_size for p in payload)}.{len(payload)}"


# --- a changed bag fails ------------------------------------------------------------------------


@pytest.mark.parametrize("victim", ["data/data/persons.json", "data/pdf/article.pdf", "bag-info.txt"])
def test_one_changed_byte_fails_validation(bag, tmp_path, victim):
    copy_ = tmp_path / "bag"
    shutil.copytree(bag, copy_)
    validate_bag(copy_)  # the copy itself is valid
    path = copy_ / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01  # same size: Payload-Oxum still matches, only a checksum can tell
    path.write_bytes(bytes(data))
    with pytest.raises(BuildError, match="not valid"):
        validate_bag(copy_)
    assert not bagit.Bag(str(copy_)).is_valid()


def test_an_extra_payload_file_fails_validation(bag, tmp_path):
    copy_ = tmp_path / "bag"
    shutil.copytree(bag, copy_)
    (copy_ / "data" / "html" / "intruder.html").write_text("<p>not in the manifest</p>")
    with pytest.raises(BuildError, match="not valid"):
        validate_bag(copy_)


# --- reproducible -----------------------------------------------------------------------------


def test_two_packages_of_the_same_output_are_identical(bag, output, tmp_path):
    again = tmp_path / "again"
    make_package(output, again)
    for name in TAG_FILES:
        assert (again / name).read_bytes() == (bag / name).read_bytes(), name
    assert files_below(again) == files_below(bag)


def test_repackaging_replaces_the_previous_bag(output, tmp_path):
    target = tmp_path / "bag"
    make_package(output, target)
    (target / "data" / "html" / "stale.html").write_text("left over")
    make_package(output, target)
    validate_bag(target)
    assert not (target / "data" / "html" / "stale.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bag"], "no temporary folders are left behind"


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("remove", ["pdf/article.pdf", "html/index.html", "html/about.html",
                                    "data/places.geojson", "data/article.xml"])
def test_incomplete_output_is_refused(output, tmp_path, remove):
    partial = tmp_path / "output"
    shutil.copytree(output, partial)
    (partial / remove).unlink()
    target = tmp_path / "bag"
    with pytest.raises(BuildError, match="edition build") as caught:
        make_package(partial, target)
    assert remove in str(caught.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_missing_output_is_refused(tmp_path):
    with pytest.raises(BuildError, match="does not exist"):
        make_package(tmp_path / "nothing", tmp_path / "bag")
    assert not (tmp_path / "bag").exists()


def test_a_folder_that_is_not_a_bag_is_never_replaced(output, tmp_path):
    target = tmp_path / "precious"
    target.mkdir()
    (target / "notes.txt").write_text("user data")
    with pytest.raises(BuildError, match="not a BagIt bag"):
        make_package(output, target)
    assert (target / "notes.txt").read_text() == "user data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]


@pytest.mark.parametrize("where", ["inside", "same", "parent"])
def test_the_bag_must_lie_outside_the_output(output, tmp_path, where):
    built = tmp_path / "output"
    shutil.copytree(output, built)
    target = {"inside": built / "bag", "same": built, "parent": tmp_path}[where]
    before = files_below(built)
    with pytest.raises(BuildError, match="outside the built output"):
        make_package(built, target)
    assert files_below(built) == before


# --- the command line -------------------------------------------------------------------------


def test_cli_package(run_edition, output, tmp_path):
    target = tmp_path / "bag"
    result = run_edition("package", "--from", output, "--out", target)
    assert result.returncode == 0, result.stderr
    validate_bag(target)
    # The user is told where the bag is and that it was validated.
    assert str(target) in result.stdout and "valid" in result.stdout


def test_cli_package_without_a_build_fails_clearly(run_edition, tmp_path):
    result = run_edition("package", "--from", tmp_path / "output", "--out", tmp_path / "bag")
    assert result.returncode == 1
    assert "edition build" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "bag").exists()
