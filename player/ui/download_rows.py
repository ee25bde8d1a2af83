"""The rows of the Downloads page: a `DownloadItem` per download, made from its record (at start,
after a run, a pause) or from a worker's progress report, its bytes counted net of what was already
on this computer (the record's baseline, read once per download), marked offline while the system
says there is no network.

Apart from the controller (player/ui/downloads_controller.py), which decides what happens to a
download: this only turns records and reports into rows, and hands each row changed or removed to
the controller's signals. No words: the views word the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from player.commands.download import PlayerDownloads
from player.library.download_records import CourseDownload
from player.ui.download_item import DownloadItem
from sync.conditions import Reachability
from sync.download_reports import DownloadProgress
from sync.download_state import FailureKind


class DownloadRows:
    """The rows shown, by download id; `changed` and `removed` say each change."""

    def __init__(
        self,
        downloads: PlayerDownloads,
        reachability: Reachability,
        changed: Callable[[DownloadItem], None],
        removed: Callable[[str], None],
    ) -> None:
        self.downloads = downloads
        self.reachability = reachability
        self.changed = changed
        self.removed = removed
        self.items: dict[str, DownloadItem] = {}
        self._baselines: dict[str, int] = {}

    def set(self, item: DownloadItem) -> None:
        item = replace(item, offline=not self.reachability.online)
        self.items[item.id] = item
        self.changed(item)

    def drop(self, download_id: str) -> bool:
        """Forget the download's row; whether it had one (then `removed` was told)."""
        self._baselines.pop(download_id, None)
        if self.items.pop(download_id, None) is None:
            return False
        self.removed(download_id)
        return True

    def progressed(self, progress: DownloadProgress) -> None:
        """The row of the download a worker reports on, made from its record if it had none."""
        courses = self.downloads.courses
        item = self.items.get(progress.download_id)
        if item is None:
            record = courses.get(progress.download_id)
            if record is None:
                return
            item = self.item_of(record)
        baseline = self._baseline(progress.download_id)
        total = max(0, progress.total_bytes - baseline)
        self.set(
            replace(
                item,
                state=progress.state,
                preparing=False,
                reason=progress.reason,
                failure=progress.failure,
                done=min(total, max(0, progress.done_bytes - baseline)),
                total=total,
                speed=progress.bytes_per_second,
                seconds_left=progress.seconds_left,
            )
        )

    def _baseline(self, download_id: str) -> int:
        if download_id not in self._baselines:
            record = self.downloads.courses.get(download_id)
            if record is None:
                return 0
            self._baselines[download_id] = record.baseline
        return self._baselines[download_id]

    def show_record(
        self,
        record: CourseDownload,
        reason: str | None = None,
        failure: FailureKind | None = None,
    ) -> None:
        item = self.item_of(record)
        if reason and not item.reason:
            item = replace(item, reason=reason)
        if failure is not None and item.failure is None and item.state.has_failure:
            item = replace(item, failure=failure)
        self.set(item)

    def item_of(self, record: CourseDownload) -> DownloadItem:
        stored = self.downloads.courses.store.get(record.id)
        specs = stored.specs if stored is not None else []
        remaining = self.downloads.downloader.remaining_bytes(specs)
        self._baselines[record.id] = record.baseline
        total = max(0, record.total_bytes - record.baseline)
        return DownloadItem(
            record.id,
            record.course_id,
            record.title,
            record.version,
            record.is_update,
            record.state,
            reason=record.reason,
            failure=record.failure,
            done=max(0, total - remaining),
            total=total,
        )
