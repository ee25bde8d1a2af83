"""A slides unit's `pages` is the PDF's: the build counts them (QtPdf, given by the cartable-pack
entry point), fills a missing count and refuses a wrong one. A wrong count was shipped as it was:
300 pages declared as 20 showed 20 and completed there; 3 declared as 20 could never complete."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.pages import UnreadablePdf
from player.course.errors import CourseError
from player.course.manifest import SlidesUnit
from player.paths import demo_repository, resources_dir
from tests.support import FIXTURES, ROOT, run_cli, write_source
from tests.ui import hostile_pdfs

DECLARED = "pages = 3\n"


def source_with_pages(tmp_path: Path, pages: str) -> Path:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert DECLARED in text
    toml.write_text(text.replace(DECLARED, pages, 1), encoding="utf-8")
    return source


def deck_pages(repo: Path) -> int:
    (manifest,) = (repo / "courses").rglob("course.json")
    units = [u for m in json.loads(manifest.read_bytes())["modules"] for u in m["units"]]
    return int(next(u for u in units if u["id"] == "deck")["pages"])


def test_a_missing_page_count_is_filled_from_the_pdf(tmp_path: Path) -> None:
    source = source_with_pages(tmp_path, "")
    counted: list[Path] = []

    def count(path: Path) -> int:
        counted.append(path)
        return 3

    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys", page_count=count)
    deck = result.course.unit("deck")
    assert isinstance(deck, SlidesUnit) and deck.pages == 3
    assert counted == [(source / "m1" / "deck.pdf").resolve()]


@pytest.mark.parametrize("declared, real", [(20, 3), (20, 300), (1, 2)])
def test_a_wrong_page_count_is_refused_naming_unit_file_and_both_counts(
    tmp_path: Path, declared: int, real: int
) -> None:
    source = source_with_pages(tmp_path, f"pages = {declared}\n")
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys", page_count=lambda _: real)
    message = str(caught.value)
    assert "\n" not in message
    for words in ("modules[0].units[1].pages", "'deck'", "deck.pdf", f"{real} pages", declared):
        assert str(words) in message, message
    assert not (tmp_path / "repo").exists(), "a refused build wrote into the repository"


def test_a_pdf_the_counter_cannot_open_is_refused_in_one_line(tmp_path: Path) -> None:
    def count(_path: Path) -> int:
        raise UnreadablePdf("it is password-protected")

    with pytest.raises(CourseError) as caught:
        build(write_source(tmp_path / "src"), tmp_path / "repo", page_count=count)
    message = str(caught.value)
    assert "\n" not in message
    assert "deck.pdf" in message and "password-protected" in message and "'deck'" in message


def test_without_a_counter_a_missing_page_count_is_required(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match=r"units\[1\]\.pages.*required"):
        build(source_with_pages(tmp_path, ""), tmp_path / "repo")


# -- through the real command, QtPdf counting real PDFs ------------------------------------------


def pack(source: Path, repo: Path) -> tuple[int, str]:
    """`cartable-pack build SOURCE -o REPO` (no display: QtPdf needs none)."""
    answers = str(repo.parent / "answers")  # not the current folder: the checkout
    args = ("build", str(source), "-o", str(repo), "--answers-dir", answers)
    result = run_cli("-m", "player.pack", *args, env={"DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr.strip()


def test_cartable_pack_is_the_entry_point_that_counts_pages() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["cartable-pack"] == "player.pack:main"


@pytest.mark.parametrize("fixture", ["pdfjs-three_pages_with_number.pdf", "pdfjs-basicapi.pdf"])
def test_cartable_pack_counts_real_pdfs(tmp_path: Path, fixture: str) -> None:
    source = source_with_pages(tmp_path, "")
    shutil.copy(FIXTURES / "pdf" / fixture, source / "m1" / "deck.pdf")
    code, err = pack(source, tmp_path / "repo")
    assert code == 0, err
    assert deck_pages(tmp_path / "repo") == 3


def test_cartable_pack_refuses_a_declared_count_the_pdf_does_not_have(tmp_path: Path) -> None:
    source = source_with_pages(tmp_path, "pages = 20\n")
    code, err = pack(source, tmp_path / "repo")
    assert code == 1
    assert len(err.splitlines()) == 1, err
    assert "'deck'" in err and "deck.pdf has 3 pages" in err and "20" in err, err
    assert not (tmp_path / "repo").exists()


@pytest.mark.parametrize(
    "data, words",
    [
        (hostile_pdfs.password_protected(), "password"),
        (b"%PDF-1.4\nnot really a PDF\n", "damaged"),
        ((FIXTURES / "pdf" / "pdfjs-basicapi.pdf").read_bytes()[:2000], "damaged"),
        (hostile_pdfs.deck(0), "no page"),
    ],
    ids=["password", "garbage", "truncated", "no-page"],
)
def test_cartable_pack_refuses_a_pdf_qtpdf_cannot_open(
    tmp_path: Path, data: bytes, words: str
) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "deck.pdf").write_bytes(data)
    code, err = pack(source, tmp_path / "repo")
    assert code == 1
    assert len(err.splitlines()) == 1, err
    assert "deck.pdf" in err and words in err, err
    assert not (tmp_path / "repo").exists()


def test_cartable_pack_builds_the_demo_as_shipped(tmp_path: Path) -> None:
    """The demo's pages are right: counting them changes no byte of its manifest."""
    code, err = pack(resources_dir() / "demo" / "source", tmp_path / "r")
    assert code == 0, err
    (built,) = (tmp_path / "r" / "courses").rglob("course.json")
    shipped = demo_repository() / built.relative_to(tmp_path / "r")
    assert built.read_bytes() == shipped.read_bytes()
