"""`cartable` run as a lab admin would, in its own CARTABLE_HOME, against a real repository."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from player.course.signing import PrivateKey
from tests import children

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Home:
    """One installation (CARTABLE_HOME) of the player."""

    path: Path

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CARTABLE_HOME": str(self.path), "PYTHONUNBUFFERED": "1"}

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "player", *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args),
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    @contextlib.contextmanager
    def started(self, *args: str) -> Iterator[subprocess.Popen[str]]:
        """`cartable ARGS` running; killed, with what it started, if it still runs at the end."""
        with children.started(
            self.argv(*args),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as child:
            yield child

    def trust(self, key: PrivateKey, folder: Path) -> None:
        path = folder / f"{key.public.key_id}.pub"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(key.public.to_text() + "\n", encoding="utf-8")
        self.ok("trust", "add", str(path))

    @property
    def blobs(self) -> Path:
        return self.path / "data" / "blobs"

    def bytes_on_disk(self) -> int:
        """Blob and part bytes a restart can use (a kill keeps what reached the part files)."""
        total = 0
        for folder in (self.blobs / "sha256", self.blobs / ".partial"):
            if folder.is_dir():
                total += sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        return total

    def verify_blobs(self, shas: list[str]) -> list[str]:
        problems = []
        for sha in shas:
            path = self.blobs / "sha256" / sha[:2] / sha
            if not path.is_file():
                problems.append(f"{sha}: missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                problems.append(f"{sha}: altered")
        return problems
