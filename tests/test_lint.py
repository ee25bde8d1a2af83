"""The code rules every change keeps: ruff clean, and the layering contracts of pyproject.toml
(Qt only under player/ui and the entry points; sync never imports player; course imports nothing
of ours; the library and the records never use the authoring tools)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


def test_ruff() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts() -> None:
    result = run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower() or " 0 broken" in result.stdout.lower()


def test_the_command_line_and_the_language_list_are_held_to_no_qt() -> None:
    """`cartable`'s commands and player.languages (`profiles add --language`) load no Qt: a
    command line pays no PySide6 import, and a headless server may have none. The contract
    named neither (review r6 #10), so a Qt import there went unnoticed."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        contracts = tomllib.load(file)["tool"]["importlinter"]["contracts"]
    (qt_rule,) = [c for c in contracts if c["forbidden_modules"] == ["PySide6", "shiboken6"]]
    assert {"player.commands", "player.languages"} <= set(qt_rule["source_modules"])
