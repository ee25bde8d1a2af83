"""A course built by another tool than cartable-pack may ship subtitles as Windows tools save
them (UTF-16 or UTF-8 with a byte-order mark, UTF-16 without one): the video shows their cues
as it shows a UTF-8 file's."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from player.course.manifest import FileRef, VideoUnit
from player.ui.unit_view import create_unit_view
from player.ui.video.view import VideoView
from tests.ui.unit_support import Shell, dispose

UNIT = "definition-video"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: text.encode("utf-16-le"),  # no mark: NUL bytes every other byte
    ],
    ids=["utf-8 bom", "utf-16-le bom", "utf-16-be bom", "utf-16-le no bom"],
)
def test_subtitles_saved_by_windows_tools_are_shown(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    [french] = [t for t in unit.subtitles if t.language == "fr"]
    text = shell.library.blob_path(french.file.sha256).read_bytes().decode("utf-8")
    data = encode(text)
    blob = tmp_path / "subtitles"
    blob.write_bytes(data)
    ref = FileRef(hashlib.sha256(data).hexdigest(), len(data), french.file.media_type)
    tracks = tuple(dataclasses.replace(t, file=ref) if t is french else t for t in unit.subtitles)

    def blob_path(sha256: str) -> Path:
        return blob if sha256 == ref.sha256 else shell.library.blob_path(sha256)

    view = create_unit_view(
        dataclasses.replace(unit, subtitles=tracks),
        shell.course,
        shell.services(blob_path=blob_path),
    )
    assert isinstance(view, VideoView)
    try:
        assert view.caption_language == "fr"
        view.seek_to(3.0)
        assert view.caption_text().startswith("En français")
        assert not view.notice_bar.isVisibleTo(view)
    finally:
        dispose(qtbot, view)
