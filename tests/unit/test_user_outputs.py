"""Files the user names (`-o` of the exports and of keygen, build's archive): a pipe, a device or
a symlink stays what it is, `-` is standard output, and a full disk leaves no half file."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from player.__main__ import main
from player.authoring.build import build
from player.authoring.cli import main as pack_main
from player.course.package import verify_path
from player.course.signing import PrivateKey, PublicKey
from tests.support import ROOT, BuiltCourse, build_toy, write_source


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


def run(
    *args: str, cwd: Path, home: Path | None = None, room: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python ARGS` as a user runs it, in `cwd`; `room`: no file may grow past that many bytes
    (RLIMIT_FSIZE), as on a full USB stick: a write past it fails (EFBIG), a real failure."""

    def limit() -> None:
        import resource  # POSIX only: the tests giving `room` run on Linux

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG rather than the signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    if home is not None:
        env["CARTABLE_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
        timeout=300,
        preexec_fn=limit if room is not None else None,
    )


def drain(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader on `fifo`, as `cat fifo` or a `tar`/`ssh` on the other end would be."""
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=read, daemon=True)  # never opened: left blocked, not joined
    thread.start()
    return thread, got


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or "tmp" in p.name)


# -- cartable records export ---------------------------------------------------------------------


@pytest.fixture()
def awa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert main(["profiles", "add", "Awa"]) == 0


def records(data: bytes) -> dict[str, object]:
    document = json.loads(data)
    assert document["format"] == "cartable-records" and document["profile"]["name"] == "Awa"
    return document  # type: ignore[no-any-return]


def test_records_export_into_a_fifo_streams_it_and_the_fifo_stays(
    tmp_path: Path, awa: None
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, got = drain(fifo)
    assert main(["records", "export", "Awa", "-o", str(fifo)]) == 0
    reader.join(10)
    assert got, "the reader on the FIFO got nothing"
    records(got[0])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0, reason="making a device node needs root on Linux"
)
def test_records_export_into_a_character_device_keeps_the_device(tmp_path: Path, awa: None) -> None:
    device = tmp_path / "null"  # /dev/null's numbers, in tmp_path: the real one is left alone
    os.mknod(device, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    assert main(["records", "export", "Awa", "-o", str(device)]) == 0
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("existing", [True, False], ids=["to-a-file", "dangling"])
def test_records_export_through_a_symlink_writes_the_file_it_names(
    tmp_path: Path, awa: None, existing: bool
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "awa.json"
    if existing:
        target.write_text("an older copy")
    link = tmp_path / "awa.json"
    link.symlink_to(target)
    assert main(["records", "export", "Awa", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    records(target.read_bytes())
    assert leftovers(stick) == []


def test_records_export_removes_what_a_crashed_export_left(tmp_path: Path, awa: None) -> None:
    crashed = tmp_path / ".awa.json.4242.0badf00d.tmp"  # hidden: else a stick fills unseen
    crashed.write_bytes(b"half a records file")
    os.utime(crashed, (0, 0))
    in_flight = tmp_path / ".awa.json.4343.0cafe000.tmp"  # another export, still writing
    in_flight.write_bytes(b"")
    assert main(["records", "export", "Awa", "-o", str(tmp_path / "awa.json")]) == 0
    assert not crashed.exists() and in_flight.exists()


def test_records_export_dash_is_standard_output(
    tmp_path: Path, awa: None, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["records", "export", "Awa", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    records(out.encode())
    assert err == "Awa: 0 statements (0 already delivered) written to standard output\n"
    assert not (tmp_path / "-").exists()


# -- cartable export COURSE ----------------------------------------------------------------------


@pytest.fixture()
def home(tmp_path: Path, toy: BuiltCourse) -> Path:
    home = tmp_path / "home"
    pub = str(toy.key_path) + ".pub"
    assert run("-m", "player", "trust", "add", pub, cwd=tmp_path, home=home).returncode == 0
    assert run("-m", "player", "import", str(toy.archive), cwd=tmp_path, home=home).returncode == 0
    return home


def test_course_export_into_a_fifo_and_to_standard_output_is_an_archive_that_verifies(
    tmp_path: Path, toy: BuiltCourse, home: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, got = drain(fifo)
    exported = run("-m", "player", "export", "toy", "-o", str(fifo), cwd=tmp_path, home=home)
    assert exported.returncode == 0, exported.stderr
    reader.join(10)
    assert got, "the reader on the FIFO got nothing"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    piped = run("-m", "player", "export", "toy", "-o", "-", cwd=tmp_path, home=home)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == b"wrote toy to standard output\n"
    assert not (tmp_path / "-").exists() and not (tmp_path / "-.src").exists()
    for name, data in (("fifo", got[0]), ("stdout", piped.stdout)):
        archive = tmp_path / f"{name}.cartable"  # a pipe's archive: sizes after each file
        archive.write_bytes(data)
        [opened] = verify_path(archive, [toy.public]).courses
        assert opened.course == toy.result.course
    assert leftovers(tmp_path) == []


def test_course_export_through_a_symlink_keeps_it(
    tmp_path: Path, toy: BuiltCourse, home: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "toy.cartable").write_bytes(b"an older archive")
    link = tmp_path / "toy.cartable"
    link.symlink_to(stick / "toy.cartable")
    exported = run("-m", "player", "export", "toy", "-o", str(link), cwd=tmp_path, home=home)
    assert exported.returncode == 0, exported.stderr
    assert link.is_symlink()
    assert verify_path(stick / "toy.cartable", [toy.public]).courses
    assert leftovers(stick) == [] and not (tmp_path / "toy.cartable.src").exists()


# -- cartable-pack build --archive, keygen -------------------------------------------------------


def test_build_archive_through_a_symlink_writes_the_file_it_names(tmp_path: Path) -> None:
    repo, stick = tmp_path / "repo", tmp_path / "stick"
    repo.mkdir()
    stick.mkdir()
    link = repo / "toy-1.0.0.cartable"
    link.symlink_to(stick / "toy-1.0.0.cartable")  # dangling until the build
    key = PrivateKey.generate()
    build(write_source(tmp_path / "src"), repo, key=key, archive=True, answers_dir=tmp_path)
    assert link.is_symlink()
    assert verify_path(stick / "toy-1.0.0.cartable", [key.public]).courses
    assert leftovers(stick) == []


def keygen(
    tmp_path: Path, *args: str, room: int | None = None
) -> subprocess.CompletedProcess[bytes]:
    return run("-m", "player.authoring.cli", "keygen", *args, cwd=tmp_path, room=room)


def test_keygen_through_a_dangling_symlink_writes_the_key_it_names(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    link = tmp_path / "institution"
    link.symlink_to(stick / "institution")
    made = keygen(tmp_path, "-o", str(link))
    assert made.returncode == 0, made.stderr
    assert link.is_symlink()
    assert stat.S_IMODE(os.stat(stick / "institution").st_mode) == 0o600
    key = PrivateKey.from_file(stick / "institution")
    assert PublicKey.from_file(tmp_path / "institution.pub") == key.public


def test_keygen_replaces_a_key_only_with_force(tmp_path: Path) -> None:
    path = tmp_path / "institution"
    assert keygen(tmp_path, "-o", str(path)).returncode == 0
    first = path.read_bytes()
    refused = keygen(tmp_path, "-o", str(path))
    assert refused.returncode == 1 and path.read_bytes() == first
    assert (
        refused.stderr.decode()
        .strip()
        .endswith(
            "already exists; nothing was written: give -o another name, or --force replaces it"
            " (the old private key is then lost)"
        )
    )
    replaced = keygen(tmp_path, "-o", str(path), "--force")
    assert replaced.returncode == 0, replaced.stderr
    assert path.read_bytes() != first and stat.S_IMODE(path.stat().st_mode) == 0o600
    public = PublicKey.from_file(tmp_path / "institution.pub")
    assert public == PrivateKey.from_file(path).public
    os.mkfifo(tmp_path / "pipe")
    refused = keygen(tmp_path, "-o", str(tmp_path / "pipe"), "--force")
    assert refused.returncode == 1 and b"not a regular file" in refused.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_keygen_on_a_full_disk_leaves_no_half_key(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    full = keygen(tmp_path, "-o", str(keys / "institution"), room=64)  # the PEM is 119 bytes
    assert full.returncode == 1
    [line] = full.stderr.decode().splitlines()
    assert line.startswith(f"cartable-pack: {keys / 'institution'}: could not write (")
    assert list(keys.iterdir()) == []  # a half key would be refused by every later keygen


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_keygen_whose_public_key_cannot_be_written_leaves_no_half_pair(tmp_path: Path) -> None:
    """The private key (119 bytes) fits, the public one (its long comment) does not: the
    private key was written all the same, and every later keygen refused it (review r1)."""
    keys = tmp_path / "keys"
    keys.mkdir()
    full = keygen(tmp_path, "-o", str(keys / "institution"), "--comment", "x" * 300, room=200)
    assert full.returncode == 1
    [line] = full.stderr.decode().splitlines()
    assert line.startswith(f"cartable-pack: {keys / 'institution.pub'}: could not write (")
    assert list(keys.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_keygen_force_whose_public_key_cannot_be_written_keeps_the_old_pair(
    tmp_path: Path,
) -> None:
    """--force replaced the private key, then failed on the public one: a new private key
    beside the OLD public key, every course signed with it refused by the players."""
    path, public = tmp_path / "institution", tmp_path / "institution.pub"
    assert keygen(tmp_path, "-o", str(path)).returncode == 0
    before = path.read_bytes(), public.read_bytes()
    full = keygen(tmp_path, "-o", str(path), "--force", "--comment", "x" * 300, room=200)
    assert full.returncode == 1
    assert (path.read_bytes(), public.read_bytes()) == before
    assert PublicKey.from_file(public) == PrivateKey.from_file(path).public
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("had_public", [True, False], ids=["old_pair", "private_key_only"])
def test_keygen_force_whose_private_key_cannot_be_replaced_keeps_the_old_public_key(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    had_public: bool,
) -> None:
    """The public key's rename came first: a private key that could not be replaced (r10: chattr
    +i on it) left a NEW .pub beside the OLD private key, a key nobody holds (review r10)."""
    path, public = tmp_path / "institution", tmp_path / "institution.pub"
    old = PrivateKey.generate()
    old.write(path)
    if not had_public:
        public.unlink()
    before = path.read_bytes(), public.read_bytes() if had_public else None
    replace = os.replace

    def immutable_key(src: str, dst: str) -> None:
        if Path(dst) == path:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", immutable_key)
    assert pack_main(["keygen", "-o", str(path), "--force"]) == 1
    assert capsys.readouterr().err == (
        f"cartable-pack: {path}: could not write (Operation not permitted)\n"
    )
    assert (path.read_bytes(), public.read_bytes() if public.exists() else None) == before
    if had_public:
        assert PublicKey.from_file(public) == PrivateKey.from_file(path).public
    assert leftovers(tmp_path) == []


# -- the trusted keys ----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_a_trusted_key_added_on_a_full_disk_is_not_left_half_written(tmp_path: Path) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    code = (
        "import sys; from pathlib import Path\n"
        "from player.course.signing import PrivateKey\n"
        "from player.library.trust import TrustStore\n"
        "try:\n"
        f"    TrustStore(Path({str(folder)!r}), []).add(PrivateKey.generate().public)\n"
        "except OSError as exc:\n"
        "    sys.exit(f'refused: {exc.strerror}')\n"
    )
    added = run("-c", code, cwd=tmp_path, room=32)  # the key, 62 bytes
    assert added.returncode == 1 and added.stderr == b"refused: File too large\n"
    assert list(folder.iterdir()) == []


# -- cartable-pack build's exam answer key ---------------------------------------------------------


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_an_answer_key_written_on_a_full_disk_leaves_the_last_one_whole(tmp_path: Path) -> None:
    """A rebuild's key was truncated, then written in place: a full disk left half a key, the
    one the institution grades with. The key is written by itself here (its manifest, larger,
    would hit the limit first in a whole build)."""
    built = build_toy(tmp_path)
    path = built.result.answers
    assert path is not None
    before = path.read_bytes()
    code = (
        "import json, sys; from pathlib import Path\n"
        "from player.authoring.build import _answers_key, _publish\n"
        "from player.course.errors import CourseError\n"
        "from player.course.manifest import parse_manifest\n"
        f"manifest = Path({str(built.result.manifest)!r})\n"
        "course = parse_manifest(manifest.read_bytes(), str(manifest))\n"
        f"exams = json.loads(Path({str(path)!r}).read_text('utf-8'))['exams']\n"
        "exams = {unit: questions[::-1] for unit, questions in exams.items()}  # another key\n"
        "try:\n"
        f"    key = _answers_key(course, exams, Path({str(path.parent)!r}), None, "
        f"Path({str(built.repo)!r}), replace=True)\n"
        "    _publish([key])\n"
        "except CourseError as exc:\n"
        "    sys.exit(f'refused: {exc}')\n"
    )
    full = run("-c", code, cwd=tmp_path, room=len(before) // 2)
    assert full.returncode == 1
    assert full.stderr.decode() == (
        f"refused: {path}: could not write the exam answer key (File too large)\n"
    )
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert leftovers(path.parent) == []
    rebuilt = run("-c", code, cwd=tmp_path)  # with room: the new key, private from the start
    assert rebuilt.returncode == 0 and path.read_bytes() != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and leftovers(path.parent) == []
