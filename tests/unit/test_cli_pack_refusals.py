"""`cartable-pack`'s small lies (review s17): a key's folder that is a file, a key that exists,
a FIFO given to verify or sign, a course folder that does not exist are each said in one line
naming what is wrong, exit 1, nothing written. Real files in a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from player.authoring.cli import main as pack_main
from tests.support import ROOT

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX's")


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The single line on stderr; nothing on stdout, no traceback."""
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_keygen_into_a_file_taken_for_a_folder_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """#3: `-o notes/key` with notes a file said only 'notes: File exists'."""
    notes = tmp_path / "notes"
    notes.write_text("mine\n")
    for output in (notes / "key", notes / "sub" / "key"):
        assert pack_main(["keygen", "-o", str(output)]) == 1
        assert one_line(capsys) == (
            f"cartable-pack: {notes}: is a file, not a folder, so no key can be written in it;"
            " nothing was written: give -o another name"
        )
    assert files_in(tmp_path) == ["notes"] and notes.read_text() == "mine\n"


@posix_only
def test_keygen_under_a_device_or_a_pipe_says_it_is_not_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review r6 #11: `-o /dev/null/key` said '/dev/null: is a file, not a folder'."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for parent in (Path(os.devnull), fifo):
        assert pack_main(["keygen", "-o", str(parent / "key")]) == 1
        assert one_line(capsys) == (
            f"cartable-pack: {parent}: is not a folder, so no key can be written in it;"
            " nothing was written: give -o another name"
        )
    assert files_in(tmp_path) == ["pipe"]


def test_keygen_over_an_existing_key_says_nothing_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "institution"
    assert pack_main(["keygen", "-o", str(key)]) == 0
    before = key.read_bytes(), (tmp_path / "institution.pub").read_bytes()
    capsys.readouterr()
    assert pack_main(["keygen", "-o", str(key)]) == 1
    assert one_line(capsys) == (
        f"cartable-pack: {key}: already exists; nothing was written: give -o another name, or"
        " --force replaces it (the old private key is then lost)"
    )
    assert (key.read_bytes(), (tmp_path / "institution.pub").read_bytes()) == before


@posix_only
def test_verify_of_a_fifo_says_it_is_not_a_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """#4: it said 'no such file or folder' of a FIFO that is there."""
    fifo = tmp_path / "repo"
    os.mkfifo(fifo)
    assert pack_main(["verify", str(fifo)]) == 1
    assert one_line(capsys) == (
        f"cartable-pack: {fifo}: not a regular file (a pipe or a device): give a repository, a"
        " course or an archive"
    )
    assert pack_main(["verify", str(tmp_path / "none")]) == 1
    assert one_line(capsys) == f"cartable-pack: {tmp_path / 'none'}: no such file or folder"


def test_sign_of_a_course_folder_that_does_not_exist_names_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#5: run where the key is, the current folder was taken for the missing course's
    repository, and the line blamed the key: 'key: the private key is inside the repository'."""
    monkeypatch.chdir(tmp_path)
    assert pack_main(["keygen", "-o", "key"]) == 0
    capsys.readouterr()
    assert pack_main(["sign", "courses/toy/1.0.0", "--key", "key"]) == 1
    assert one_line(capsys) == (
        "cartable-pack: courses/toy/1.0.0: no such course folder or course.json"
        " (REPO/courses/<id>/<version>)"
    )
    (tmp_path / "empty").mkdir()
    assert pack_main(["sign", "empty", "--key", "key"]) == 1
    assert one_line(capsys) == (
        "cartable-pack: empty: no course.json in it: not a course folder"
        " (REPO/courses/<id>/<version>)"
    )
    assert files_in(tmp_path) == ["empty", "key", "key.pub"]


@posix_only
def test_sign_of_a_fifo_says_so_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    """A course.json that is a FIFO was read waiting for a writer: the command never ended. A
    child, so that a wait fails the test instead of hanging it."""
    keys = tmp_path / "keys"
    assert pack_main(["keygen", "-o", str(keys / "key")]) == 0
    fifo = tmp_path / "course" / "course.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "player.authoring.cli", "sign", str(fifo), "--key", "key"],
            cwd=keys,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("cartable-pack sign waited for a writer of the FIFO")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"cartable-pack: {fifo}: not a regular file; a course.json is a file\n"
