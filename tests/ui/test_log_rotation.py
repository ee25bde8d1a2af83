"""The log file rotates by size and keeps a bounded number of old files."""

from __future__ import annotations

import logging
from pathlib import Path

from player.ui.logging_setup import RotatingFile


def test_rotates_and_keeps_only_the_backups(tmp_path: Path) -> None:
    path = tmp_path / "cartable.log"
    handler = RotatingFile(path, max_bytes=200, backups=2)
    logger = logging.getLogger("test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(60):
            logger.warning("line %03d with some padding to fill the file", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["cartable.log", "cartable.log.1", "cartable.log.2"]
    assert all(p.stat().st_size <= 260 for p in tmp_path.iterdir())
    assert "line 059" in path.read_text(encoding="utf-8")  # the newest is in the live file
    assert "line 000" not in "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
