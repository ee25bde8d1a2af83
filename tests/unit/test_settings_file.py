"""The settings file: written atomically, and only when what it holds changes."""

from __future__ import annotations

from pathlib import Path

from player.settings import Settings, load_settings, save_settings


def test_saving_unchanged_settings_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    save_settings(path, Settings(last_profile="p1", extra={"newer": 1}))
    written = path.stat()
    # a start opens the last profile and saves it: same bytes, so no write (two fsyncs)
    save_settings(path, load_settings(path))
    assert path.stat().st_ino == written.st_ino
    assert path.stat().st_mtime_ns == written.st_mtime_ns

    changed = load_settings(path)
    changed.last_profile = "p2"
    save_settings(path, changed)
    assert path.stat().st_ino != written.st_ino  # replaced, atomically
    assert load_settings(path) == Settings(last_profile="p2", extra={"newer": 1})


def test_a_settings_file_that_is_not_json_is_replaced_by_the_save(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{damaged", encoding="utf-8")
    save_settings(path, Settings(last_profile="p1"))
    assert load_settings(path).last_profile == "p1"
