"""Course covers at card size: in memory (QPixmapCache), then on disk, else made from the cover.

A cover is a blob named by its sha256, so a thumbnail is `<sha256>-<width>x<height>.png` in the
cache folder and can never be stale for a healthy blob. The library's first paint reads a 200x112
image (1 ms) instead of decoding and scaling a 960x540 one (6-14 ms). It is a cache: one size is
kept per cover, files of covers no course shows are dropped, failing to write is no error.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QPixmapCache


class CoverThumbnails:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: made each start, kept in memory only

    def pixmap(self, cover: str, size: QSize) -> QPixmap | None:
        """The cover (a blob path) scaled to fill `size`; None when it cannot be read."""
        key = f"cover:{cover}:{size.width()}x{size.height()}"
        found = QPixmapCache.find(key)
        if found is not None and not found.isNull():
            return found
        made = self._from_disk(cover, size) or self._made(cover, size)
        if made is not None:
            QPixmapCache.insert(key, made)
        return made

    def keep_only(self, covers: Iterable[str]) -> None:
        """Drop the thumbnails of covers no installed course shows any more."""
        if self.folder is None:
            return
        wanted = {Path(cover).name for cover in covers}
        with contextlib.suppress(OSError):
            for kept in self.folder.iterdir():
                if _cover_of(kept) not in wanted:
                    kept.unlink()

    def forget(self, cover: str) -> None:
        """The cover's file was repaired: its thumbnails are made again from the good bytes."""
        QPixmapCache.clear()
        self._drop(cover, keep=None)

    def _path(self, cover: str, size: QSize) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{Path(cover).name}-{size.width()}x{size.height()}.png"

    def _from_disk(self, cover: str, size: QSize) -> QPixmap | None:
        path = self._path(cover, size)
        if path is None:
            return None
        pixmap = QPixmap(str(path))
        return None if pixmap.isNull() else pixmap

    def _made(self, cover: str, size: QSize) -> QPixmap | None:
        image = QPixmap(cover)
        if image.isNull():
            return None
        scaled = image.scaled(
            size,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        path = self._path(cover, size)
        if path is not None:
            self._keep(scaled, path, cover)
        return scaled

    def _keep(self, pixmap: QPixmap, path: Path, cover: str) -> None:
        """Written whole or not at all (renamed into place), the cover's other sizes dropped
        (the font or the screen changed)."""
        partial = path.with_name(path.name + ".part")
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            if pixmap.save(str(partial), "PNG"):
                os.replace(partial, path)
                self._drop(cover, keep=path)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)

    def _drop(self, cover: str, keep: Path | None) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            for kept in self.folder.glob(f"{Path(cover).name}-*"):
                if kept != keep:
                    kept.unlink()


def _cover_of(thumbnail: Path) -> str:
    """The cover's blob name a thumbnail was made from (`<sha256>-<w>x<h>.png`)."""
    return thumbnail.name.rsplit("-", 1)[0]
