"""Counts that `cartable`, `cartable-pack` and the self-test print go through
`player.wording.plural`: written by hand they read `1 files damaged` or `1 pages`."""

from __future__ import annotations

import re

from player.wording import plural
from tests.support import ROOT

SOURCES = [
    *sorted((ROOT / "player" / "commands").glob("*.py")),
    *sorted((ROOT / "player" / "authoring").glob("*.py")),
    ROOT / "player" / "selftest.py",
]
NOUNS = (
    "files|units|statements|frames|pages|courses|versions|bytes|keys|catalogs|profiles|blobs"
    "|computers|results|grades|attempts|entries|modules|questions|downloads"
)
#: `{count} files` or `{count} exam grades` in an f-string, a hand-made `file(s)` (but
#: `http(s)` is a scheme), or an `s` added by hand (`"s" * (count != 1)`).
HAND_MADE = re.compile(rf"\{{[^{{}}]+\}} (?:[a-z]+ )?(?:{NOUNS})\b|\w(?<!http)\(s\)|['\"]s['\"] \*")


def test_plural() -> None:
    assert [plural(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]


def test_the_check_finds_what_it_looks_for() -> None:
    for line in (
        'f"{n} files"',
        'f"{left} exam grades in the file"',
        'f"{n} statement(s)"',
        "f\"{n} grade{'s' * (n != 1)}\"",
    ):
        assert HAND_MADE.search(line), line
    assert not HAND_MADE.search("f\"an http(s) URL: {plural(n, 'file')}\"")


def test_no_count_is_made_plural_by_hand() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in SOURCES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_MADE.search(line)
    ]
    assert found == []
