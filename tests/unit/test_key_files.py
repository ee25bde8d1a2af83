"""Key files are read from regular files and pipes only, and at most MAX_KEY_FILE_BYTES of them:
`cartable trust add fifo` hung for ever (the open waits for a writer), `--key /dev/zero` took
memory without end, and a 100 KB "public key" was taken whole, its comment with it (review r1).
A pipe holding a key is read (`--trust <(cat k.pub)`, `cat k.pub | cartable trust add
/dev/stdin`): the first fix refused it as no regular file (review r10)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from player.authoring.cli import MAX_COMMENT_CHARS
from player.authoring.cli import main as pack_main
from player.course.errors import KeyFileUnreadable, PrivateKeyGiven, SignatureError
from player.course.signing import PrivateKey, PublicKey, signer_of
from tests.support import ROOT, build_toy

#: The limit of a key file: 64 KiB (MAX_KEY_FILE_BYTES).
LIMIT = 64 * 1024

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX's")


def in_child(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a child, `stdin` piped to it; one that never ends fails the test instead
    of hanging it."""
    try:
        return subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env={**os.environ, "CARTABLE_HOME": str(home), "PYTHONPATH": str(ROOT)},
            input=stdin,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"python {' '.join(args)} did not end: a key file read that waits")


@posix_only
def test_trust_add_of_a_fifo_without_a_writer_ends_at_once(tmp_path: Path) -> None:
    """No writer: the pipe reads as empty at once (the open does not wait), and empty is no key."""
    fifo = tmp_path / "institution.pub"
    os.mkfifo(fifo)
    done = in_child("-m", "player", "trust", "add", str(fifo), home=tmp_path / "home")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        f"cartable: {fifo}: not a Cartable public key (expected 'cartable-ed25519 …')"
    ]


@posix_only
def test_a_private_key_that_is_a_fifo_without_a_writer_ends_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "institution"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path\n"
        "from player.course.signing import PrivateKey\n"
        "from player.course.errors import SignatureError\n"
        "try:\n"
        f"    PrivateKey.from_file(Path({str(fifo)!r}))\n"
        "except SignatureError as exc:\n"
        "    print(exc)\n"
    )
    done = in_child("-c", code, home=tmp_path / "home")
    assert done.stdout == f"{fifo}: not an unencrypted PEM private key\n", done.stderr


@posix_only
def test_a_public_key_held_in_a_named_pipe_is_read(tmp_path: Path) -> None:
    """The key's bytes wait in the pipe (its writer gone): read, then the pipe's end."""
    fifo = tmp_path / "institution.pub"
    os.mkfifo(fifo)
    key = PublicKey(PrivateKey.generate().public.raw, "univ")
    holder = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # keeps the pipe and its bytes alive
    try:
        writer = os.open(fifo, os.O_WRONLY)
        os.write(writer, (key.to_text() + "\n").encode())
        os.close(writer)
        assert PublicKey.from_file(fifo) == key
    finally:
        os.close(holder)


@posix_only
def test_trust_add_reads_a_public_key_piped_to_dev_stdin(tmp_path: Path) -> None:
    """`cat k.pub | cartable trust add /dev/stdin`"""
    key = PrivateKey.generate().public
    home = tmp_path / "home"
    done = in_child(
        "-m", "player", "trust", "add", "/dev/stdin", home=home, stdin=key.to_text() + "\n"
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    listed = in_child("-m", "player", "trust", "list", home=home)
    assert key.key_id in listed.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="process substitution: bash's")
def test_trust_add_reads_a_public_key_given_as_a_process_substitution(tmp_path: Path) -> None:
    """`cartable trust add <(cat k.pub)`: bash gives a /dev/fd/N that is a pipe."""
    key = PrivateKey.generate()
    key.write(tmp_path / "k")
    done = subprocess.run(
        ["bash", "-c", '"$0" -m player trust add <(cat "$1")', sys.executable, tmp_path / "k.pub"],
        cwd=ROOT,
        env={**os.environ, "CARTABLE_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == f"trusted key {key.public.key_id}\n"


@posix_only
def test_pack_sign_reads_a_private_key_piped_to_dev_stdin(tmp_path: Path) -> None:
    """`cat k | cartable-pack sign COURSE --key /dev/stdin`: signed with that key."""
    built = build_toy(tmp_path, sign=False)
    manifest = built.result.manifest
    done = in_child(
        "-m",
        "player.authoring.cli",
        "sign",
        str(manifest),
        "--key",
        "/dev/stdin",
        home=tmp_path / "home",
        stdin=built.key.pem().decode("ascii"),
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == f"signed {manifest} with key {built.public.key_id}\n"
    assert signer_of(manifest.with_name("course.json.sig").read_bytes()) == built.public.key_id


@posix_only
def test_a_device_is_no_key_file(tmp_path: Path) -> None:
    """`/dev/zero` would be read without end: refused at once, pipes aside."""
    with pytest.raises(KeyFileUnreadable, match="not a regular file or a pipe; a public key"):
        PublicKey.from_file(Path("/dev/zero"))
    with pytest.raises(SignatureError, match="not a regular file or a pipe; a private key"):
        PrivateKey.from_file(Path("/dev/zero"))


def test_a_public_key_file_larger_than_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "institution.pub"
    key = PrivateKey.generate().public
    path.write_text(PublicKey(key.raw, "x" * LIMIT).to_text())
    with pytest.raises(SignatureError, match="too large for a public key file"):
        PublicKey.from_file(path)
    path.write_text(PublicKey(key.raw, "x" * 1000).to_text())  # a long comment is still read
    assert PublicKey.from_file(path) == PublicKey(key.raw, "x" * 1000)


def test_a_private_key_file_larger_than_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "institution"
    path.write_bytes(PrivateKey.generate().pem() + b"\n" * LIMIT)
    with pytest.raises(SignatureError, match="too large for a private key file"):
        PrivateKey.from_file(path)


@pytest.mark.parametrize(
    "comment", ["x" * (MAX_COMMENT_CHARS + 1), "Université\nde Lille", "ESC\x1b[1m"]
)
def test_keygen_refuses_a_comment_its_public_key_could_not_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str
) -> None:
    """A 64 KiB comment made a .pub every reader refused (too large); a newline made two lines
    (review r10). Refused before any key is written."""
    path = tmp_path / "institution"
    assert pack_main(["keygen", "-o", str(path), "--comment", comment]) == 1
    assert capsys.readouterr().err == (
        f"cartable-pack: --comment: one line of at most {MAX_COMMENT_CHARS} characters, no "
        "control characters (a public key file is one line)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_keygen_writes_a_comment_at_the_cap_that_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "institution"
    comment = "Université de Lille " + "é" * (MAX_COMMENT_CHARS - 20)
    assert pack_main(["keygen", "-o", str(path), "--comment", comment]) == 0
    assert PublicKey.from_file(tmp_path / "institution.pub").comment == comment


def test_trust_remove_removes_a_key_file_too_large_to_read(tmp_path: Path) -> None:
    """Trusted before the 64 KiB limit with a larger comment: trusted no more, listed as not
    read, and `trust remove KEY_ID` said 'no such key was added' (review r10)."""
    home = tmp_path / "home"
    key = PrivateKey.generate().public
    (tmp_path / "k.pub").write_text(key.to_text() + "\n")
    assert (
        in_child("-m", "player", "trust", "add", str(tmp_path / "k.pub"), home=home).returncode == 0
    )
    (trusted,) = home.rglob(f"{key.key_id}.pub")
    trusted.write_text(PublicKey(key.raw, "x" * LIMIT).to_text() + "\n")  # as an older add wrote
    listing = in_child("-m", "player", "trust", "list", home=home)
    listed = listing.stdout.splitlines()
    said = (
        f"cartable: warning: {trusted}: not read, trusts nothing: too large for a public key file"
    )
    assert (listing.returncode, listing.stderr) == (0, f"{said}\n")
    assert not [line for line in listed if line.startswith(key.key_id)]  # trusted no more
    done = in_child("-m", "player", "trust", "remove", key.key_id, home=home)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout == f"no longer trusted: {key.key_id}\n"
    assert not trusted.exists()


#: What Windows Notepad writes first in a file it saves as UTF-8.
BOM = b"\xef\xbb\xbf"


def test_key_files_saved_by_notepad_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    """A key file opened and saved in Windows Notepad starts with a UTF-8 BOM (and its lines
    end in CRLF): the public key was 'not a Cartable public key', the private key 'not an
    unencrypted PEM private key' (review s17 #7). Both read, as the same keys."""
    key = PrivateKey.generate()
    key.write(tmp_path / "institution")
    public = tmp_path / "notepad.pub"
    public.write_bytes(BOM + (tmp_path / "institution.pub").read_bytes().replace(b"\n", b"\r\n"))
    private = tmp_path / "notepad"
    private.write_bytes(BOM + key.pem().replace(b"\n", b"\r\n"))
    private.chmod(0o600)
    assert PublicKey.from_file(public) == key.public
    assert PrivateKey.from_file(private).public == key.public
    assert PublicKey.from_text("\ufeff" + key.public.to_text()) == key.public


@pytest.mark.parametrize("before", [" ", "\n", "\r\n \t"])
def test_a_pasted_key_with_whitespace_before_its_byte_order_mark_is_read(before: str) -> None:
    """Review r6 #9: the BOM was removed before the whitespace, so a paste starting with a
    space or a newline then the BOM was 'not a Cartable public key'; a private key pasted so
    is still said to be one."""
    key = PrivateKey.generate()
    assert PublicKey.from_text(f"{before}\ufeff{key.public.to_text()}\r\n") == key.public
    with pytest.raises(PrivateKeyGiven):
        PublicKey.from_text(f"{before}\ufeff{key.pem().decode()}")


def test_trust_add_and_sign_take_a_key_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    """The same through the commands: `cartable trust add`, `cartable-pack sign --key`."""
    built = build_toy(tmp_path)
    public = tmp_path / "notepad.pub"
    public.write_bytes(BOM + built.public.to_text().encode() + b"\r\n")
    added = in_child("-m", "player", "trust", "add", str(public), home=tmp_path / "home")
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout == f"trusted key {built.public.key_id}\n"
    private = tmp_path / "keys" / "notepad"
    private.write_bytes(BOM + built.key_path.read_bytes())
    private.chmod(0o600)
    course = built.repo / "courses" / "toy" / "1.0.0"
    signed = in_child(
        "-m", "player.authoring.cli", "sign", str(course), "--key", str(private), home=tmp_path
    )
    assert (signed.returncode, signed.stderr) == (0, "")
    assert signer_of((course / "course.json.sig").read_bytes()) == built.public.key_id
