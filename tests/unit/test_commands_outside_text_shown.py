"""Text from outside in the command lines' output: a course title (no schema restricts its
characters; a catalog's come from the network) and a profile's name saved before control
characters were refused. Printed raw, an ESC cleared the admin's terminal, a CR rewrote the line,
a U+202E reversed it: `cartable import` printed 'installed maths 1.0.0: Cours<ESC>[2J...'. Now
they are escaped, and isolated (FSI ... PDI) on a terminal as the names of
test_commands_profile_names_shown.py are. A real records file and course library in a temporary
CARTABLE_HOME; the commands run in this process, stdout a terminal as there."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from player.__main__ import main
from player.branding import Branding
from player.commands.sync_accounts import Skipped, skipped_line
from player.course.signing import PrivateKey
from player.library.downloads import CourseDownloads
from player.paths import user_paths
from player.store import Store
from sync.download_state import BlobSpec, DownloadState, DownloadStore
from tests.course_repo import add_course, random_files
from tests.unit.test_store_helpers import FakeClock

TITLE = "Cours\x1b[2J\rFaux\u202e"
SHOWN = "\u2068Cours\\x1b[2J\\x0dFaux\\u202e\u2069"  # on a terminal
OLD = "Bad\x1b[2Jname\r\u202e"  # a profile's name, as one made before 9a8018e may be


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return tmp_path / "home"


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the test itself: capsys's streams are in place only then."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)


@pytest.fixture
def usb(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A USB stick's catalog of one course titled TITLE, its key trusted here."""
    key = PrivateKey.generate()
    usb = tmp_path / "usb"
    add_course(usb, random_files(1, 1000, 1), key=key, title=TITLE)
    key_file = tmp_path / "publisher.pub"
    key_file.write_text(key.public.to_text() + "\n", encoding="utf-8")
    assert main(["trust", "add", str(key_file)]) == 0
    capsys.readouterr()
    return usb


def raw(text: str) -> bool:
    return "\x1b" in text or "\r" in text or "\u202e" in text


def test_import_and_courses_list_escape_the_title(
    usb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch)
    assert main(["import", str(usb)]) == 0
    out = capsys.readouterr().out
    assert f"installed maths 1.0.0: {SHOWN} — verified" in out, out
    assert not raw(out)
    assert main(["import", str(usb)]) == 0  # the other line: untouched
    out = capsys.readouterr().out
    assert f"untouched maths 1.0.0: {SHOWN} — already installed" in out, out
    assert not raw(out)
    assert main(["courses", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maths\t1.0.0\tverified\t") and out.endswith(f"\t{SHOWN}\n"), out


def test_catalogs_courses_escapes_the_title(
    usb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch)
    assert main(["catalogs", "add", str(usb)]) == 0
    capsys.readouterr()
    assert main(["catalogs", "courses"]) == 0
    out = capsys.readouterr().out
    assert out == f"maths\t1.0.0\tfr\tavailable\t1.0 KB\t{SHOWN}\n"


def test_catalogs_courses_escapes_the_catalog_s_language(
    usb: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog's `language` is any non-empty string (sync/catalog_parse.py), as its title."""
    catalog = usb / "catalog.json"
    document = json.loads(catalog.read_bytes())
    document["courses"][0]["language"] = "fr\x1b[2J\r\u202e"
    catalog.write_text(json.dumps(document), encoding="utf-8")
    on_a_terminal(monkeypatch)
    assert main(["catalogs", "add", str(usb)]) == 0
    capsys.readouterr()
    assert main(["catalogs", "courses"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maths\t1.0.0\tfr\\x1b[2J\\x0d\\u202e\tavailable\t"), out
    assert not raw(out)


def recorded_download(title: str, state: DownloadState, error: str | None = None) -> None:
    """maths 1.0.0 recorded as a download begun from a catalog (its title the catalog's)."""
    store = DownloadStore.open(user_paths().ensure().data / "cartable.sqlite3", create=True)
    try:
        meta = {"course_id": "maths", "version": "1.0.0", "title": title}
        store.begin("maths@1.0.0", "https://example.org/", [BlobSpec("0" * 64, 10)], meta)
        store.set_state("maths@1.0.0", state, error=error)
    finally:
        store.close()


def test_the_download_list_escapes_the_title(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paused download, as one begun from a catalog records it (its title the catalog's)."""
    on_a_terminal(monkeypatch)
    recorded_download(TITLE, DownloadState.PAUSED)
    assert main(["download", "--list"]) == 0
    out = capsys.readouterr().out
    assert out == f"maths\t1.0.0\tpaused\t{SHOWN}\n", out


def test_the_download_list_escapes_a_failure_s_reason(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed download's reason may quote what a server said: escaped as the title is."""
    on_a_terminal(monkeypatch)
    recorded_download("Maths", DownloadState.FAILED, error="HTTP 500: " + TITLE)
    assert main(["download", "--list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("maths\t1.0.0\tfailed\t"), out
    assert "Cours\\x1b[2J\\x0dFaux\\u202e" in out and not raw(out), out


def old_profile() -> None:
    store = Store.open(user_paths().ensure(), clock=FakeClock(), backup_every=None)
    try:
        store.conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " account_linked, created_at) VALUES ('old', ?, 'en', 'https://d.test', 'old', 0, 0)",
            (OLD,),
        )
    finally:
        store.close()


def test_sync_suggests_linking_an_unprintable_name_by_its_id(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line escaped the name at its start, and printed it raw in the command it suggests."""
    on_a_terminal(monkeypatch)
    old_profile()
    assert main(["sync", "--once"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "cartable: \u2068Bad\\x1b[2Jname\\x0d\\u202e\u2069: not linked to an LRS account, so"
        " nothing can be sent; link it with `cartable account set old --endpoint URL --user USER"
        " --password-stdin`\n"
    ), err
    store = Store.open(user_paths().ensure(), clock=FakeClock(), backup_every=None)
    try:
        profile = store.profiles.find("old")  # what `account set old` finds
        line = skipped_line(Skipped(profile, 3), Branding(), sys.stdout)
        assert line.endswith(
            "link it with `cartable account set old --endpoint URL --user USER --password-stdin`"
        ), line
        assert not raw(line)
        named = store.profiles.add("Awa Diop", "fr")  # a name that prints as itself: kept
        line = skipped_line(Skipped(named, 0), Branding(), sys.stdout)
        assert "`cartable account set 'Awa Diop' --endpoint" in line, line
    finally:
        store.close()


# A path as typed (a USB stick's folder someone named, a script's variable gone wrong): printed
# raw at the start of an error line, its ESC cleared the terminal and its newline split the line.
HOSTILE = "rec\x1b[2J\nords"
HOSTILE_SHOWN = "rec\\x1b[2J\\x0aords"


def one_line_escaped(text: str) -> str:
    assert text.count("\n") == 1 and text.endswith("\n") and "\x1b" not in text, repr(text)
    return text


def test_records_import_and_export_escape_the_path_as_typed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profiles", "add", "Awa"]) == 0
    assert main(["profiles", "add", "Bruno"]) == 0
    capsys.readouterr()
    folder = tmp_path / HOSTILE
    shown = f"{tmp_path}/{HOSTILE_SHOWN}"
    assert main(["records", "import", "Awa", f"{folder}.json"]) == 1
    assert one_line_escaped(capsys.readouterr().err) == f"cartable: {shown}.json: no such file\n"
    folder.mkdir()
    assert main(["records", "import", "Awa", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}: is a folder, not a file\n"
    (folder / "notes.json").write_text("[hello]", encoding="utf-8")  # 'hello': not records
    assert main(["records", "import", "Awa", str(folder / "notes.json")]) == 1
    err = one_line_escaped(capsys.readouterr().err)  # the store's message names the file
    assert err.startswith(f"cartable: {shown}/notes.json: line 1: not JSON"), err
    assert main(["records", "export", "Awa", "-o", str(folder / "gone" / "a.json")]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}/gone: no such folder\n"
    assert main(["records", "export", "Bruno", "-o", str(folder / "bruno.json")]) == 0
    out = one_line_escaped(capsys.readouterr().out)
    assert out.endswith(f" written to {shown}/bruno.json\n"), out
    assert main(["records", "import", "Awa", str(folder / "bruno.json")]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err.startswith(f"cartable: {shown}/bruno.json: the records of Bruno, not of Awa"), err


def test_course_export_escapes_the_path_as_typed(
    usb: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export`'s lines name the folder and the file; `import` and `trust add` of a file that
    is no course or key say so in a CourseError, whose message escapes the path already."""
    folder = tmp_path / HOSTILE
    folder.mkdir()
    (folder / "notes.zip").write_text("hello", encoding="utf-8")
    assert main(["import", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err.startswith(f"cartable: {tmp_path}/rec\\x1b[2J"), err
    assert main(["trust", "add", str(folder / "notes.zip")]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err.startswith(f"cartable: {tmp_path}/rec\\x1b[2J"), err
    assert main(["import", str(usb)]) == 0
    capsys.readouterr()
    shown = f"{tmp_path}/{HOSTILE_SHOWN}"
    assert main(["export", "maths", "--output", str(folder / "gone" / "maths.zip")]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}/gone: no such folder; nothing was written\n", err
    assert main(["export", "maths", "--output", str(folder / "maths.zip")]) == 0
    out = one_line_escaped(capsys.readouterr().out)
    assert out.startswith(f"wrote {shown}/maths.zip ("), out


def test_trust_add_escapes_the_key_s_path_as_typed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = user_paths().ensure().config / "trusted-keys"
    keys.write_text("not a folder", encoding="utf-8")
    folder = tmp_path / HOSTILE
    folder.mkdir()
    key = folder / "publisher.pub"
    key.write_text(PrivateKey.generate().public.to_text() + "\n", encoding="utf-8")
    assert main(["trust", "add", str(key)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == (
        f"cartable: {tmp_path}/{HOSTILE_SHOWN}/publisher.pub: could not trust the key"
        f" ({keys}: File exists)\n"
    ), err


def test_catalogs_add_list_and_remove_escape_the_folder_as_typed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder catalog's location is its path as typed (resolved): each line that names it."""
    folder = tmp_path / HOSTILE
    folder.mkdir()
    shown = f"{tmp_path}/{HOSTILE_SHOWN}"
    assert main(["catalogs", "add", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}: no catalog.json in this folder\n", err
    add_course(folder, random_files(1, 1000, 1), key=None)
    assert main(["catalogs", "add", str(folder)]) == 0
    out = one_line_escaped(capsys.readouterr().out)
    assert out.startswith(f"added {shown}: "), out
    assert main(["catalogs", "add", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}: already in the catalogs\n", err
    assert main(["catalogs", "list"]) == 0
    out = capsys.readouterr().out
    assert f"\n{shown}\tadded\n" in f"\n{out}" and "\x1b" not in out, repr(out)
    assert main(["catalogs", "courses", "--catalog", str(folder / "gone")]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}/gone: no such folder\n", err
    assert main(["catalogs", "remove", str(folder)]) == 0
    assert one_line_escaped(capsys.readouterr().out) == f"removed {shown}\n"
    assert main(["catalogs", "remove", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {shown}: not in the catalogs\n", err


def test_courses_check_and_remove_escape_the_id_as_typed(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No course has such an id: the line that says so names it escaped."""
    assert main(["courses", "check", HOSTILE]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {HOSTILE_SHOWN}: not installed\n", err
    assert main(["courses", "remove", HOSTILE]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err.startswith("cartable: 'rec\\x1b[2J\\nords': not a course id"), err  # its repr


def test_trust_remove_escapes_the_key_id_as_typed(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["trust", "remove", HOSTILE]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {HOSTILE_SHOWN}: no such key was added\n", err


def test_a_disk_failure_escapes_the_path_it_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """os_failure's `path: reason`: the path is under CARTABLE_HOME, a folder someone named (a
    USB stick's, a script's variable gone wrong); a file where the course locks' folder goes."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / HOSTILE))
    courses = user_paths().ensure().courses
    (courses / "maths").mkdir(parents=True)
    (courses / ".locks").write_text("not a folder", encoding="utf-8")
    assert main(["courses", "remove", "maths"]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == (
        f"cartable: maths: could not remove ({tmp_path}/{HOSTILE_SHOWN}/data/courses/.locks:"
        " File exists)\n"
    ), err


def test_download_escapes_the_id_as_typed_and_the_catalogs_it_looked_in(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`cartable download ID` names the id as typed and each catalog (a folder's path as typed)
    when the course is in none; a catalog that cannot be read is a warning naming it. All
    printed raw before: an ESC coloured the admin's terminal red, a U+202E reversed the line."""
    typed = "nope\x1b[31m\u202e"
    typed_shown = "nope\\x1b[31m\\u202e"
    folder = tmp_path / "cat\x1b[31m\u202e"
    shown = f"{tmp_path}/cat\\x1b[31m\\u202e"
    add_course(folder, random_files(1, 1000, 1), key=None)
    assert main(["download", typed, "--catalog", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: {typed_shown}: not in the catalogs ({shown})\n", err
    broken = tmp_path / "broken\x1b[31m\u202e"
    add_course(broken, random_files(1, 1000, 2), key=None)
    assert main(["catalogs", "add", str(folder)]) == 0
    assert main(["catalogs", "add", str(broken)]) == 0
    (broken / "catalog.json").write_text("{", encoding="utf-8")
    capsys.readouterr()
    assert main(["download", typed]) == 1
    err = capsys.readouterr().err
    assert not raw(err), repr(err)
    warning, line = err.splitlines()
    broken_shown = f"{tmp_path}/broken\\x1b[31m\\u202e"
    assert warning.startswith(f"cartable: warning: {broken_shown}/catalog.json: "), warning
    assert line == f"cartable: {typed_shown}: not in the catalogs ({shown}, {broken_shown})"
    assert main(["download", "--cancel", typed]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: no download of {typed_shown}\n", err


def test_a_download_s_refusal_and_failures_escape_what_they_name(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal names the catalog's title; a failure (its progress line, its error, a repair's,
    an exception's) the folder catalog's path as typed. All printed raw before, as the lines of
    test_download_escapes_the_id_as_typed_and_the_catalogs_it_looked_in were."""
    untrusted = tmp_path / "cat\x1b[31m\u202e"
    add_course(untrusted, random_files(1, 1000, 1), key=PrivateKey.generate(), title=TITLE)
    assert main(["download", "maths", "--catalog", str(untrusted)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err.startswith("cartable: Cours\\x1b[2J\\x0dFaux\\u202e (maths 1.0.0): refused"), err
    key = PrivateKey.generate()
    folder = tmp_path / "other\x1b[31m\u202e"
    shown = f"{tmp_path}/other\\x1b[31m\\u202e"
    course = add_course(folder, random_files(1, 1000, 1), key=key).course
    key_file = tmp_path / "publisher.pub"
    key_file.write_text(key.public.to_text() + "\n", encoding="utf-8")
    assert main(["trust", "add", str(key_file)]) == 0
    blobs = tmp_path / "blobs-aside"
    (folder / "blobs").rename(blobs)
    capsys.readouterr()
    assert main(["download", "maths", "--catalog", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert f"failed: blob {next(iter(course.files()))} is missing from {shown}\n" in out, out
    assert not raw(out), repr(out)
    assert one_line_escaped(err).endswith(f" is missing from {shown}\n"), err
    blobs.rename(folder / "blobs")
    assert main(["download", "maths", "--catalog", str(folder)]) == 0
    installed = next((home / "data" / "blobs").rglob(next(iter(course.files()))))
    installed.unlink()  # as `courses check` removes a damaged file
    (folder / "blobs").rename(blobs)
    capsys.readouterr()
    assert main(["download", "maths", "--catalog", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert not raw(out), repr(out)
    err = one_line_escaped(err)
    assert err.startswith("cartable: maths 1.0.0: could not fetch its missing files: "), err
    assert err.endswith(f" is missing from {shown}\n"), err

    def fails(*args: object, **kwargs: object) -> None:
        raise OSError(f"{folder}/part: Input/output error")  # as a library may word it

    monkeypatch.setattr(CourseDownloads, "fetch_missing", fails)
    assert main(["download", "maths", "--catalog", str(folder)]) == 1
    err = one_line_escaped(capsys.readouterr().err)
    assert err == f"cartable: download failed: {shown}/part: Input/output error\n", err
