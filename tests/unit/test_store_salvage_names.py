"""Profiles read back from a damaged records file set aside (salvage.py) are told apart from
the restored ones as `profiles.name_key` tells names apart: a lookalike gets "(recovered ...)",
a different name is kept as it was. Real records files, the damaged one a real store's."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from player.store import Store
from tests.unit.test_store_helpers import FakeClock, make_course, open_store


def test_read_back_profiles_are_told_apart_by_name_key(tmp_path: Path) -> None:
    """casefold() let 'Ａwa' (full-width) and 'Awa' + a zero-width space in beside 'Awa', and
    renamed 'Weiß' as the 'Weiss' already there; the add and rename checks use name_key."""
    clock = FakeClock()
    damaged = open_store(tmp_path / "damaged", clock)
    store: Store = open_store(tmp_path / "restored", clock)
    try:
        read_back = ("\uff21wa", "Awa\u200b", "Wei\u00df", "Binta")
        for number, name in enumerate(read_back):  # made after the backup, some before 9a8018e
            damaged.conn.execute(
                "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
                " account_linked, created_at) VALUES (?, ?, 'en', 'https://d.test', ?, 0, 0)",
                (f"p{number}", name, f"p{number}"),
            )
            damaged.events.course_launched(f"p{number}", make_course())
        store.profiles.add("Awa")
        store.profiles.add("Weiss")
        damaged.close()
        path = tmp_path / "damaged" / "data" / "cartable.sqlite3"
        report = store.records.salvage(path, after_seq=0)
        assert report.profiles_recreated == len(read_back)
        assert report.statements == len(read_back) and report.lost == 0
        day = datetime.now().date().isoformat()
        names = sorted(p.name for p in store.profiles.all())
        assert names == sorted(
            [
                "Awa",
                f"\uff21wa (recovered {day})",
                f"Awa\u200b (recovered {day}, 2)",
                "Weiss",
                "Wei\u00df",
                "Binta",
            ]
        ), names
    finally:
        store.close()
