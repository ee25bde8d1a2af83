"""The learner's and the lab admin's settings for this installation, in one JSON file.

Typed, with defaults, written atomically. Unknown keys from a newer version are kept on save.
Per-profile preferences (interface language, subtitle language...) live in the store instead.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from sync.durable import write_atomic


@dataclass
class Settings:
    """The player's settings file: catalogs, downloads, sync, window and last profile."""

    catalogs: list[str] = field(default_factory=list)  # user-added catalog URLs and folders
    bandwidth_cap_kbps: int = 0  # kilobytes per second, 0 = no cap
    parallel_downloads: int = 3
    unmetered_only: bool = False
    download_window: str = ""  # "22:00-06:00", empty = any time
    sync_interval_minutes: int = 15
    last_profile: str | None = None
    demo_removed: bool = False  # the learner removed the demo: do not reinstall it
    window_geometry: str = ""  # the main window's QWidget.saveGeometry(), base64; empty = default
    records_folder: str = ""  # of the last records file saved or imported; empty = Documents
    check_updates: bool = True  # read the catalogs now and then for updates of installed courses
    updates_checked_at: float = 0.0  # time.time() of the last catalog read; 0 = never
    extra: dict[str, Any] = field(default_factory=dict)


def load_settings(path: Path) -> Settings:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)} - {"extra"}
    defaults = Settings()
    values: dict[str, Any] = {}
    for name in known:
        if name not in raw:
            continue
        default, value = getattr(defaults, name), raw[name]
        if default is None or (type(value) is type(default)):
            values[name] = value  # a value of the wrong type falls back to the default
    return Settings(**values, extra={k: v for k, v in raw.items() if k not in known})


def save_settings(path: Path, settings: Settings) -> None:
    """Written only when the file would change: every start saves the profile it opens, and an
    atomic write costs two fsyncs (tens of milliseconds on a laptop's busy disk) before the
    library is painted."""
    data = asdict(settings)
    extra = data.pop("extra")
    text = json.dumps({**extra, **data}, indent=1)
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return
    except OSError:
        pass  # not there yet, or unreadable: written below
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text)
