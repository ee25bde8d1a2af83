"""Opening a video or a narration prints nothing on the terminal: Qt's FFmpeg backend had FFmpeg
dump every file's streams to stderr ("Input #0, mov,mp4..."), once per open, in every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui.unit_support import DEMO_SOURCE

VIDEO = DEMO_SOURCE / "01-qu-est-ce-qu-un-mooc" / "intro-360p.mp4"
NARRATION = DEMO_SOURCE / "02-un-phenomene" / "un-phenomene-narration.m4a"

# The player's log set up as at its start, then each file opened as a video unit opens it.
SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication
from player.ui.logging_setup import setup_logging

app = QApplication([])
setup = setup_logging(Path(sys.argv[1]))
ends = (QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.InvalidMedia)
for name in sys.argv[2:]:
    player = QMediaPlayer()
    player.mediaStatusChanged.connect(lambda status: status in ends and app.quit())
    player.setSource(QUrl.fromLocalFile(name))
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    print(player.mediaStatus().name, flush=True)
setup.close()
"""


def test_opening_media_writes_no_stream_dump_and_errors_still_reach_the_log(
    tmp_path: Path,
) -> None:
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 8)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_LOGGING_RULES", "QT_FFMPEG_DEBUG")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(tmp_path / "logs"),
            str(VIDEO),
            str(NARRATION),
            str(damaged),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["LoadedMedia", "LoadedMedia", "InvalidMedia"]
    for dump in ("Input #0", "Stream #0", "Duration:", "Metadata:"):
        assert dump not in result.stderr, result.stderr[-2000:]
    log = (tmp_path / "logs" / "cartable.log").read_text(encoding="utf-8")
    assert "Could not open media" in log, "Qt's warning about the damaged file is kept"
