"""Key files are read from regular files only, and at most MAX_KEY_FILE_BYTES of them: `cartable
trust add fifo` hung for ever (the open waits for a writer), `--key /dev/zero` took memory
without end, and a 100 KB "public key" was taken whole, its comment with it (review r1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from player.course.errors import SignatureError
from player.course.signing import PrivateKey, PublicKey
from tests.support import ROOT

#: The limit of a key file: 64 KiB (MAX_KEY_FILE_BYTES).
LIMIT = 64 * 1024

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX's")


def in_child(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a child; one that never ends fails the test instead of hanging it."""
    try:
        return subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env={**os.environ, "CARTABLE_HOME": str(home), "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"python {' '.join(args)} did not end: a key file read that waits")


@posix_only
def test_trust_add_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "institution.pub"
    os.mkfifo(fifo)
    done = in_child("-m", "player", "trust", "add", str(fifo), home=tmp_path / "home")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        f"cartable: {fifo}: not a regular file; a public key is a file"
    ]


@posix_only
def test_a_private_key_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
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
    assert done.stdout == f"{fifo}: not a regular file; a private key is a file\n", done.stderr


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
